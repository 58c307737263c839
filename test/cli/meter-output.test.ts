/**
 * `flexcast meter --format json|csv` streams its charges: the bytes are those
 * the whole-string writer gave (golden files recorded from it), and each
 * piece waits for stdout to drain.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Io } from '../../src/cli/io.ts';
import { main } from '../../src/cli/main.ts';

const F = 'test/fixtures/cli';
const GOLDEN = `${F}/meter-golden`;

async function meterOut(argv: string[]): Promise<string> {
  let out = '';
  let err = '';
  const code = await main(['meter', ...argv], {
    stdout: (s) => (out += s),
    stderr: (s) => (err += s),
  });
  expect(err).toBe('');
  expect(code).toBe(0);
  return out;
}

/** A golden file, with the absolute paths of this checkout where it says $ROOT. */
const golden = (name: string) =>
  readFileSync(`${GOLDEN}/${name}`, 'utf8').replaceAll('$ROOT', resolve('.'));

describe('meter --format json|csv output', () => {
  for (const format of ['json', 'csv'] as const) {
    it(`meter priscilla.csv --format ${format} writes the bytes of the golden file`, async () => {
      const out = await meterOut([`${F}/priscilla.csv`, '--format', format]);
      expect(out).toBe(golden(`priscilla.${format}`));
    });
    it(`meter priscilla.csv --purchases --format ${format} (ledger mode, denials) writes the bytes of the golden file`, async () => {
      const out = await meterOut([
        `${F}/priscilla.csv`,
        '--purchases',
        `${F}/purchases.csv`,
        '--format',
        format,
      ]);
      expect(out).toBe(golden(`priscilla-purchases.${format}`));
    });
  }

  it('meter --format csv on 4,000 one-hour sessions writes a row per launch, in pieces that each wait for stdout to drain', async () => {
    // Session i: user u(i mod 40), AutoCAD (7 tokens), 09:00-10:00 UTC on day floor(i / 40) of 2024.
    const lines = ['user,product,version,device,start,end'];
    const expected: { day: string; user: string; line: number }[] = [];
    for (let i = 0; i < 4000; i++) {
      const user = `u${i % 40}`;
      const day = new Date(Date.UTC(2024, 0, 1 + Math.floor(i / 40))).toISOString().slice(0, 10);
      lines.push(`${user},AutoCAD,2025,PC,${day}T09:00:00Z,${day}T10:00:00Z`);
      expected.push({ day, user, line: i + 2 });
    }
    const file = join(mkdtempSync(join(tmpdir(), 'flexcast-meter-')), 'sessions.csv');
    writeFileSync(file, `${lines.join('\n')}\n`);
    // Charges come sorted by time, then user name.
    expected.sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : a.user < b.user ? -1 : 1));

    const events: string[] = [];
    let text = '';
    const io: Io = {
      stdout: (s) => {
        events.push('write');
        text += s;
      },
      stderr: () => {},
      drained: async () => {
        events.push('drained');
      },
    };
    expect(await main(['meter', file, '--format', 'csv'], io)).toBe(0);
    expect(text).toBe(
      [
        'user,product,at,tokens,kind,session_line',
        ...expected.map((e) => `${e.user},AutoCAD,${e.day}T09:00:00Z,7,launch,${e.line}`),
        '',
      ].join('\n'),
    );
    // Pieces of just over 64 K characters (the last shorter), each followed by a wait for stdout.
    const writes = events.filter((e) => e === 'write').length;
    expect(writes).toBe(Math.ceil(text.length / 65_536));
    expect(events).toEqual(Array.from({ length: writes }, () => ['write', 'drained']).flat());
  });
});
