/**
 * Fuzz: every parser and every input the page and the CLI accept, fed
 * arbitrary and mutated input (fast-check, fixed seeds, bounded runs). Each
 * must end in a result or located problems: never an exception, a hang or
 * unbounded memory. Inputs are small (hundreds of characters) and runs
 * counted, so the suite takes seconds.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeShare, ShareLinkError } from '../../src/app/model/share.ts';
import { checkWorkspace } from '../../src/app/storage.ts';
import { readCatalogue } from '../../src/cost/validate-catalogue.ts';
import { readLicences, readRates } from '../../src/engine/index.ts';
import { checkValue, parseJson } from '../../src/engine/json.ts';
import { ingestBytes } from '../../src/ingest/bytes.ts';
import { createIngester } from '../../src/ingest/ingester.ts';
import type { Ingested } from '../../src/ingest/types.ts';
import { parseScenario } from '../../src/sim/parse-scenario.ts';
import { decodePart, PartFileError } from '../../src/sim/part-file.ts';

const RUNS = 100;

/** Every line is accounted for, every problem located, or the file is refused as a whole with a reason. */
function wellFormed(r: Ingested): boolean {
  const p = r.report;
  if (p.fatal) return typeof p.fatal.reason === 'string' && p.fatal.reason.length > 0;
  const accounted = p.accepted + p.merged + p.ignored + p.rejectedCount === p.lines;
  const located = p.rejected.every((x) => x.line >= 1 && x.line <= p.lines && x.reason !== '');
  return accounted && located;
}

/** Cells that look like what the formats hold, and some that do not. */
const cell = fc.oneof(
  fc.constantFrom(
    'ann',
    'AutoCAD',
    'Revit',
    '2025',
    'PC-1',
    '2024-03-04T08:00:00Z',
    '2024-03-04 09:00',
    '04/03/2024 09:00',
    '13/04/2024',
    '0001-01-01T00:00:00Z',
    '9999-12-31 23:59',
    '',
    '"quoted, cell"',
    '"unterminated',
    '=SUM(1)',
    '7',
    '-1',
    '1e308',
    'NaN',
  ),
  fc.string({ maxLength: 12 }),
);

const HEADERS = [
  'user,product,version,device,start,end',
  'user,product,version,device,start,end,last_active',
  'email,product_name,version,day_used,tokens_used,usage_type,team_alias',
  'user_name,product_name,days_used,tokens_consumed,last_accessed',
  'Date,Product,Tokens',
  'Benutzer;Produkt;Start;Ende',
];

const csvText = fc
  .tuple(
    fc.constantFrom(...HEADERS),
    fc.array(fc.array(cell, { minLength: 0, maxLength: 9 }), { maxLength: 12 }),
    fc.constantFrom('\n', '\r\n'),
  )
  .map(([h, rows, eol]) => [h, ...rows.map((r) => r.join(h.includes(';') ? ';' : ','))].join(eol));

const FLEXNET_LINES = [
  '10:00:00 (lmgrd) FlexNet Licensing (v11.16.2.0 build 242433 x64_n6) started on srv (linux) (3/4/2024)',
  '10:00:01 (adskflex) TIMESTAMP 3/4/2024',
  '10:00:02 (adskflex) OUT: "87545ACD_2024_0F" ann@PC1',
  '11:00:02 (adskflex) IN: "87545ACD_2024_0F" ann@PC1',
  '11:30:00 (adskflex) IN: "87545ACD_2024_0F" bob@PC2  (INACTIVE)',
  '12:00:00 (adskflex) DENIED: "64300ACD_F" cat@PC3  (Licensed number of users already reached. (-4,342))',
  '12:30:00 (mlm) OUT: "MATLAB" dan@PC4',
  '25:99:99 (adskflex) OUT: "garbage',
  '10:00:00 (lmgrd) TIMESTAMP 2/30/2024',
];
const flexnetText = fc
  .array(fc.oneof(fc.constantFrom(...FLEXNET_LINES), fc.string({ maxLength: 40 })), {
    maxLength: 20,
  })
  .map((lines) => lines.join('\n'));

describe('fuzz: ingest', () => {
  it('createIngester(CSV of any header and rows, split anywhere) ends in an accounted report (seed 101)', () => {
    fc.assert(
      fc.property(csvText, fc.integer({ min: 0, max: 17 }), (text, chunk) => {
        const ing = createIngester({ file: 'fuzz.csv', timeZone: 'America/New_York' });
        if (chunk === 0) ing.push(text);
        else for (let i = 0; i < text.length; i += chunk) ing.push(text.slice(i, i + chunk));
        return wellFormed(ing.finish());
      }),
      { seed: 101, numRuns: RUNS },
    );
  });

  it('createIngester(FlexNet log lines, mutated) ends in an accounted report (seed 102)', () => {
    fc.assert(
      fc.property(flexnetText, (text) => {
        const ing = createIngester({ file: 'fuzz.log', timeZone: 'Europe/Paris' });
        ing.push(text);
        return wellFormed(ing.finish());
      }),
      { seed: 102, numRuns: RUNS },
    );
  });

  it('ingestBytes(any bytes: NUL, UTF-16, broken UTF-8, BOMs) ends in a report, never an exception (seed 103)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.uint8Array({ maxLength: 300 }),
          csvText.map((t) => new TextEncoder().encode(t)),
          csvText.map((t) =>
            Uint8Array.from([
              0xff,
              0xfe,
              ...new Uint8Array(new Uint16Array(Array.from(t, (c) => c.charCodeAt(0))).buffer),
            ]),
          ),
        ),
        async (bytes) => {
          const r = await ingestBytes(
            async function* () {
              yield bytes;
            },
            { file: 'fuzz.bin' },
          );
          return wellFormed(r);
        },
      ),
      { seed: 103, numRuns: RUNS },
    );
  });
});

/** A valid scenario to mutate. */
const SCENARIO = {
  name: 'fuzz',
  seed: 1,
  trials: 100,
  horizon: { start: '2026-01-01', days: 365 },
  population: {
    archetypes: [{ name: 'D', count: 3, products: ['AutoCAD'], daysPerMonth: [2, 6] }],
  },
  changes: [{ type: 'join', date: '2026-07-01', count: 2, archetype: 'D' }],
  purchase: { packSizes: [100, 1000], plan: { upfront: 5000 } },
};

/** The scenario with one value somewhere replaced by an arbitrary JSON value. */
const mutatedScenario = fc
  .tuple(fc.jsonValue({ maxDepth: 3 }), fc.nat(), fc.boolean())
  .map(([value, pick, addKey]) => {
    const copy = structuredClone(SCENARIO) as Record<string, unknown>;
    const holders: Record<string, unknown>[] = [];
    const walk = (v: unknown) => {
      if (v && typeof v === 'object') {
        holders.push(v as Record<string, unknown>);
        for (const x of Object.values(v)) walk(x);
      }
    };
    walk(copy);
    const holder = holders[pick % holders.length] as Record<string, unknown>;
    const keys = Object.keys(holder);
    const key = addKey || keys.length === 0 ? 'extra' : (keys[pick % keys.length] as string);
    holder[key] = value;
    return copy;
  });

describe('fuzz: JSON inputs', () => {
  it('parseJson(any text, deep nesting included) gives a value or a located error (seed 201)', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 80 }),
          fc.jsonValue().map((v) => JSON.stringify(v)),
          fc.nat({ max: 5000 }).map((n) => '['.repeat(n) + ']'.repeat(n >> 1)),
        ),
        (text) => {
          const r = parseJson(text);
          return r.ok || (r.line >= 1 && r.column >= 1 && r.message.length > 0);
        },
      ),
      { seed: 201, numRuns: RUNS * 2 },
    );
  });

  it('parseScenario(mutated scenario or any JSON value) gives a scenario or problems with JSON paths (seed 202)', () => {
    fc.assert(
      fc.property(fc.oneof(mutatedScenario, fc.jsonValue({ maxDepth: 4 })), (input) => {
        const r = parseScenario(input);
        return r.ok || (r.problems.length > 0 && r.problems.every((p) => p.startsWith('$')));
      }),
      { seed: 202, numRuns: RUNS * 2 },
    );
  });

  it('readRates, readLicences and readCatalogue(any JSON value) give the value or problems starting with their JSON path, never throw (seed 203)', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), (v) =>
        [readRates(v), readLicences(v), readCatalogue(v)].every(
          (r) => r.ok || (r.problems.length > 0 && r.problems.every((p) => p.startsWith('$'))),
        ),
      ),
      { seed: 203, numRuns: RUNS * 2 },
    );
  });
});

describe('fuzz: what the page reads back', () => {
  it('decodeShare(any fragment) gives a scenario object, null or a ShareLinkError (seed 301)', async () => {
    const { deflateRawSync } = await import('node:zlib');
    const fragment = fc.oneof(
      fc.string({ maxLength: 60 }).map((s) => `#scenario=${s}`),
      fc
        .jsonValue({ maxDepth: 4 })
        .map(
          (v) =>
            `#scenario=${deflateRawSync(Buffer.from(JSON.stringify(v) ?? '')).toString('base64url')}`,
        ),
      fc.string({ maxLength: 30 }),
    );
    await fc.assert(
      fc.asyncProperty(fragment, async (hash) => {
        try {
          const v = await decodeShare(hash);
          return v === null || (typeof v === 'object' && !Array.isArray(v));
        } catch (e) {
          return e instanceof ShareLinkError && e.message.length > 0;
        }
      }),
      { seed: 301, numRuns: RUNS },
    );
  });

  it('checkWorkspace and checkValue(any value) give null or a problem, never throw (seed 302)', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.anything({ maxDepth: 4 }),
          mutatedScenario.map((scenario) => ({ version: 1, scenario, data: null })),
        ),
        (v) => {
          const w = checkWorkspace(v);
          const c = checkValue(v);
          return (w === null || typeof w === 'string') && (c === null || typeof c === 'string');
        },
      ),
      { seed: 302, numRuns: RUNS * 2 },
    );
  });

  it('decodePart(any text) gives a part or a PartFileError (seed 303)', () => {
    const text = fc.oneof(
      fc.string({ maxLength: 80 }),
      fc
        .jsonValue({ maxDepth: 3 })
        .map((v) =>
          JSON.stringify({ format: 'flexcast-sim-part/3', meta: {}, shape: v, arrays: v }),
        ),
    );
    fc.assert(
      fc.property(text, (t) => {
        try {
          decodePart(t);
          return true;
        } catch (e) {
          return e instanceof PartFileError;
        }
      }),
      { seed: 303, numRuns: RUNS * 2 },
    );
  });
});

it('parseJson(100,000 open brackets) and checkValue(a symbol) are refused with a message', () => {
  expect(parseJson('['.repeat(100_000)).ok).toBe(false);
  expect(checkValue({ a: Symbol('x') })).toBe('$.a: a symbol is not data');
});
