import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';

const F = 'test/fixtures/cli';

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, { stdout: (s) => (out += s), stderr: (s) => (err += s) });
  return { code, out, err };
}

async function json(...argv: string[]) {
  const r = await run('meter', ...argv, '--format', 'json');
  expect(r.err).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.out);
}

describe('flexcast meter', () => {
  it('meter --format json prints tokens, charges sorted by at/user/product, denials and daysUsed', async () => {
    const r = await json(`${F}/priscilla.csv`);
    expect(r.mode).toBe('demand');
    // Priscilla 7 + 7 (renewal Tue 08:00), Sophie 7 (relaunch inside her period is free),
    // Bob AutoCAD 7 + Revit 10, Gina's 4:59 Revit session is free (grace).
    expect(r.tokens).toBe(38);
    expect(r.daysUsed).toBe(5);
    expect(r.charges).toEqual([
      { user: 'bob', product: 'AutoCAD', at: '2024-03-04T08:00:00Z', tokens: 7, kind: 'launch' },
      {
        user: 'priscilla',
        product: 'AutoCAD',
        at: '2024-03-04T08:00:00Z',
        tokens: 7,
        kind: 'launch',
      },
      { user: 'bob', product: 'Revit', at: '2024-03-04T13:00:00Z', tokens: 10, kind: 'launch' },
      { user: 'sophie', product: 'AutoCAD', at: '2024-03-04T19:00:00Z', tokens: 7, kind: 'launch' },
      {
        user: 'priscilla',
        product: 'AutoCAD',
        at: '2024-03-05T08:00:00Z',
        tokens: 7,
        kind: 'renewal',
      },
    ]);
    expect(r.denials).toEqual([]);
    expect(r.ledger).toBeUndefined();
    expect(r.forgotten.allRenewalTokens).toBe(7);
    // Closing every session after 1 h removes Priscilla's renewal only.
    expect(r.forgotten.autoClose[0]).toEqual({ hours: 1, tokens: 31, saving: 7 });
  });

  it('meter --licenses: subscriptions (through a collection) cover sessions; a product outside the Flex list is denied', async () => {
    const r = await json(`${F}/priscilla.csv`, '--licenses', `${F}/licences.json`);
    expect(r.tokens).toBe(21);
    expect(r.sessions.covered).toBe(2);
    expect(r.denials).toEqual([
      { user: 'gina', product: 'Revit', at: '2024-03-04T09:00:00Z', reason: 'no-access' },
    ]);
  });

  it('meter --purchases: ledger mode denies launches the balance cannot pay and cuts at a renewal shortfall', async () => {
    const r = await json(`${F}/priscilla.csv`, '--purchases', `${F}/purchases.csv`);
    expect(r.mode).toBe('ledger');
    expect(
      r.charges.map((c: { user: string; product: string }) => `${c.user}/${c.product}`),
    ).toEqual(['bob/AutoCAD', 'priscilla/AutoCAD']);
    // 20 - 7 - 7 = 6 left: Gina's Revit (checked although grace would free it), Bob's Revit,
    // Sophie's AutoCAD and her second attempt all need more than 6.
    expect(
      r.denials.map((d: { user: string; at: string; reason: string }) => [d.user, d.at, d.reason]),
    ).toEqual([
      ['gina', '2024-03-04T09:00:00Z', 'insufficient-tokens'],
      ['bob', '2024-03-04T13:00:00Z', 'insufficient-tokens'],
      ['sophie', '2024-03-04T19:00:00Z', 'insufficient-tokens'],
      ['sophie', '2024-03-05T09:00:00Z', 'insufficient-tokens'],
    ]);
    expect(r.cuts).toEqual([
      {
        user: 'priscilla',
        product: 'AutoCAD',
        start: '2024-03-05T07:00:00Z',
        at: '2024-03-05T08:00:00Z',
      },
    ]);
    expect(r.ledger).toMatchObject({
      purchased: 20,
      consumed: 14,
      expired: 0,
      remaining: 6,
      runOutAt: '2024-03-04T09:00:00Z',
    });
    expect(r.ledger.lowBalanceAt).toBeNull();
  });

  it('meter --on-renewal-shortfall overdraft lets the balance go negative', async () => {
    const r = await json(
      `${F}/priscilla.csv`,
      '--purchases',
      `${F}/purchases.csv`,
      '--on-renewal-shortfall',
      'overdraft',
    );
    expect(r.cuts).toEqual([]);
    expect(r.ledger).toMatchObject({ purchased: 20, consumed: 21, remaining: -1 });
  });

  it('meter --rates adds to the shipped rates: a file naming only Fusion 360 keeps AutoCAD at its shipped 7', async () => {
    const r = await json(`${F}/fusion-and-autocad.csv`, '--rates', `${F}/rates-fusion.json`);
    expect(r.byProduct).toEqual([
      { product: 'AutoCAD', tokens: 7 },
      { product: 'Fusion 360', tokens: 2 },
    ]);
  });

  it('meter --rates overrides the shipped rates it names; --grace-minutes 0 charges the short session', async () => {
    const r = await json(
      `${F}/priscilla.csv`,
      '--rates',
      `${F}/rates.json`,
      '--grace-minutes',
      '0',
    );
    // AutoCAD at 8: 4 AutoCAD charges = 32, Revit 10 (Bob) + 10 (Gina, no grace) = 20.
    expect(r.tokens).toBe(52);
  });

  it('meter: an empty end is still open at --until', async () => {
    const r = await json(`${F}/open.csv`, '--until', '2024-03-07T00:00:00Z');
    // Revit open from Mon 08:00 to Thu 00:00: launch + renewals Tue 08:00 and Wed 08:00.
    expect(
      r.charges
        .filter((c: { product: string }) => c.product === 'Revit')
        .map((c: { at: string }) => c.at),
    ).toEqual(['2024-03-04T08:00:00Z', '2024-03-05T08:00:00Z', '2024-03-06T08:00:00Z']);
    expect(r.until).toBe('2024-03-07T00:00:00Z');
  });

  it('meter --tz puts days used on the local calendar day', async () => {
    const r = await json(`${F}/priscilla.csv`, '--tz', 'Pacific/Auckland');
    // Auckland is UTC+13 in March: 08:00 UTC is 21:00 the same day, 13:00 UTC is 02:00 the next.
    expect(r.byDay).toEqual([
      { day: '2024-03-04', tokens: 14, daysUsed: 2 },
      { day: '2024-03-05', tokens: 24, daysUsed: 3 },
    ]);
  });

  it('meter --format csv prints each charge with the input line of the session that caused it', async () => {
    const r = await run('meter', `${F}/priscilla.csv`, '--format', 'csv');
    expect(r.code).toBe(0);
    // Priscilla's renewal at 08:00 on the 5th falls in her second session (line 3, 07:00-17:00).
    expect(r.out).toBe(
      [
        'user,product,at,tokens,kind,session_line',
        'bob,AutoCAD,2024-03-04T08:00:00Z,7,launch,6',
        'priscilla,AutoCAD,2024-03-04T08:00:00Z,7,launch,2',
        'bob,Revit,2024-03-04T13:00:00Z,10,launch,7',
        'sophie,AutoCAD,2024-03-04T19:00:00Z,7,launch,4',
        'priscilla,AutoCAD,2024-03-05T08:00:00Z,7,renewal,3',
        '',
      ].join('\n'),
    );
  });

  it('meter --format table prints totals per user and product', async () => {
    const r = await run('meter', `${F}/priscilla.csv`);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Tokens: 38\s+Days used: 5/);
    expect(r.out).toMatch(/priscilla\s+14\s+2/);
    // No --until was given: the table names the end of the data, not a flag.
    expect(r.out).toContain('0 starting at or after 2024-03-05T17:00:00Z (the end of the data)');
    expect(r.out).not.toContain('--until');
  });

  it('meter exits 2 naming the file and line of an unparseable time', async () => {
    const r = await run('meter', `${F}/bad-time.csv`);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`${F}/bad-time.csv:3`);
    expect(r.err).toMatch(/start/i);
  });

  it('meter exits 2 naming a product without a rate', async () => {
    const r = await run('meter', `${F}/unknown-product.csv`);
    expect(r.code).toBe(2);
    expect(r.err).toContain('"Fusion 360"');
  });

  it('meter exits 2 with line and column of invalid JSON in --rates', async () => {
    const r = await run('meter', `${F}/priscilla.csv`, '--rates', `${F}/bad-rates.json`);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`${F}/bad-rates.json:3:`);
  });

  it('meter exits 2 naming the line and column of a bad purchase', async () => {
    const r = await run('meter', `${F}/priscilla.csv`, '--purchases', `${F}/bad-purchases.csv`);
    expect(r.code).toBe(2);
    expect(r.err).toContain(
      `${F}/bad-purchases.csv:3: column 2 (tokens): expected a positive integer, got "lots"`,
    );
  });

  it('meter exits 2 on an unknown option, a bad choice or a missing file', async () => {
    expect((await run('meter', `${F}/priscilla.csv`, '--bogus')).err).toContain(
      'unknown option --bogus',
    );
    expect((await run('meter', `${F}/priscilla.csv`, '--on-renewal-shortfall', 'x')).code).toBe(2);
    const missing = await run('meter', `${F}/nope.csv`);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('nope.csv');
  });
});

describe('flexcast meter ledger notices (T4)', () => {
  it('meter --purchases lists packs with tokens left expiring within 90 days of --until', async () => {
    const r = await json(
      `${F}/priscilla.csv`,
      '--purchases',
      `${F}/purchases.csv`,
      '--until',
      '2024-12-15T00:00:00Z',
    );
    // The pack bought 2024-03-01 expires 2025-03-01, 76 days after --until, with 6 tokens left.
    expect(r.ledger.expiringSoon).toEqual([
      { at: '2024-03-01T00:00:00Z', expires: '2025-03-01T00:00:00Z', remaining: 6 },
    ]);
    const early = await json(
      `${F}/priscilla.csv`,
      '--purchases',
      `${F}/purchases.csv`,
      '--until',
      '2024-11-15T00:00:00Z',
    );
    expect(early.ledger.expiringSoon).toEqual([]);
  });
});

describe('flexcast meter on files with nothing to meter', () => {
  it('meter exits 2 on an empty file and on a header-only file, naming the file', async () => {
    for (const name of ['empty.csv', 'header-only.csv']) {
      const r = await run('meter', `${F}/${name}`);
      expect(r.code).toBe(2);
      expect(r.err).toContain(`${F}/${name}`);
    }
  });

  it('meter on ambiguous slash dates says how it read them on stderr; --date-order dmy reads them day first', async () => {
    const guessed = await run('meter', `${F}/uk-dates.csv`, '--format', 'json');
    expect(guessed.code).toBe(0);
    expect(guessed.err).toContain(
      `${F}/uk-dates.csv:2: slash dates such as start "04/03/2024 09:00"`,
    );
    expect(JSON.parse(guessed.out).charges[0].at).toBe('2024-04-03T09:00:00Z');
    const stated = await run(
      'meter',
      `${F}/uk-dates.csv`,
      '--date-order',
      'dmy',
      '--format',
      'json',
    );
    expect(stated.err).toBe('');
    expect(JSON.parse(stated.out).charges[0].at).toBe('2024-03-04T09:00:00Z');
    const bad = await run('meter', `${F}/uk-dates.csv`, '--date-order', 'ymd');
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--date-order: expected mdy | dmy');
  });

  it('meter --period-hours 0.00001 exits 2 with the bounds instead of making unbounded charges', async () => {
    const r = await run('meter', `${F}/priscilla.csv`, '--period-hours', '0.00001');
    expect(r.code).toBe(2);
    expect(r.err).toContain('invalid periodHours: 0.00001 (expected hours from 1 to 8784)');
  });
});
