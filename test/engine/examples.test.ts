import { describe, expect, it } from 'vitest';
import { formatInstant, meter, parseInstant, sessionsFrom } from '../../src/engine/index.ts';

const T = (s: string) => parseInstant(s);
const charges = (r: ReturnType<typeof meter>) =>
  Array.from({ length: r.charges.count }, (_, i) => ({
    user: r.sessions.users[r.charges.user[i] as number],
    product: r.sessions.products[r.charges.product[i] as number],
    at: formatInstant(r.charges.at[i] as number),
    tokens: r.charges.tokens[i],
    kind: r.charges.kind[i] === 0 ? 'launch' : 'renewal',
  }));

describe('DOMAIN.md section 4: the vendor worked examples', () => {
  it('Priscilla: AutoCAD Mon 08-17, Tue 07-17 costs 7 at Mon 08:00 and 7 at Tue 08:00 (renewal)', () => {
    const r = meter(
      sessionsFrom([
        {
          user: 'priscilla',
          product: 'AutoCAD',
          start: T('2024-03-04T08:00Z'),
          end: T('2024-03-04T17:00Z'),
        },
        {
          user: 'priscilla',
          product: 'AutoCAD',
          start: T('2024-03-05T07:00Z'),
          end: T('2024-03-05T17:00Z'),
        },
      ]),
    );
    expect(charges(r)).toEqual([
      {
        user: 'priscilla',
        product: 'AutoCAD',
        at: '2024-03-04T08:00:00Z',
        tokens: 7,
        kind: 'launch',
      },
      {
        user: 'priscilla',
        product: 'AutoCAD',
        at: '2024-03-05T08:00:00Z',
        tokens: 7,
        kind: 'renewal',
      },
    ]);
  });
});
