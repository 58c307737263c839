import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Io } from '../../src/cli/io.ts';
import { jsonRows, writeJson } from '../../src/cli/json-out.ts';

/** An Io that keeps every piece written to stdout. */
function collector(): Io & { pieces: string[]; text(): string } {
  const pieces: string[] = [];
  return { pieces, stdout: (t) => pieces.push(t), stderr: () => {}, text: () => pieces.join('') };
}

async function written(value: unknown): Promise<string> {
  const io = collector();
  await writeJson(value, io);
  return io.text();
}

describe('writeJson', () => {
  it('writeJson(report) writes what JSON.stringify(report, null, 2) gives, plus a newline', async () => {
    const report = {
      mode: 'demand',
      skipped: undefined,
      policy: { graceMinutes: 5, nested: { empty: {}, list: [] } },
      charges: [
        { user: 'bob', at: '2024-03-04T08:00:00Z', tokens: 7, kind: 'launch' },
        { user: 'a "quoted"\nname', at: null, tokens: -0.5, kind: undefined },
      ],
      holes: [undefined, Number.NaN, Number.POSITIVE_INFINITY, 'x'],
      when: new Date(0),
    };
    expect(await written(report)).toBe(`${JSON.stringify(report, null, 2)}\n`);
  });

  it('writeJson(20,000 charges) writes pieces of about 64 K characters, never the whole as one string', async () => {
    const charges = Array.from({ length: 20_000 }, (_, i) => ({ user: `u${i}`, tokens: 7 }));
    const io = collector();
    await writeJson({ charges }, io);
    expect(io.text()).toBe(`${JSON.stringify({ charges }, null, 2)}\n`);
    // Each charge takes 52 to 56 characters: about 1.1 M characters in all, so 17 or more pieces.
    expect(io.pieces.length).toBeGreaterThanOrEqual(17);
    expect(Math.max(...io.pieces.map((p) => p.length))).toBeLessThan(65_536 + 100);
  });

  it('writeJson({rows: jsonRows(generator)}) writes the rows as the array JSON.stringify gives for them', async () => {
    const rows = [
      { user: 'ann', tokens: 7 },
      { user: 'bob', tokens: 10 },
    ];
    function* made() {
      for (const r of rows) yield { ...r };
    }
    const value = { before: 1, rows: jsonRows(made()), empty: jsonRows([]), after: 'x' };
    expect(await written(value)).toBe(
      `${JSON.stringify({ before: 1, rows, empty: [], after: 'x' }, null, 2)}\n`,
    );
  });

  it('writeJson waits for stdout to drain before writing the next piece', async () => {
    const charges = Array.from({ length: 5_000 }, (_, i) => ({ user: `u${i}`, tokens: 7 }));
    const pieces: string[] = [];
    let full = true;
    let release: () => void = () => {};
    const io: Io = {
      stdout: (t) => pieces.push(t),
      stderr: () => {},
      drained: () => (full ? new Promise<void>((ok) => (release = ok)) : Promise.resolve()),
    };
    const done = writeJson({ charges }, io);
    // Give the writer every chance to run ahead: it stays at one piece until stdout drains.
    for (let i = 0; i < 50; i++) await Promise.resolve();
    expect(pieces).toHaveLength(1);
    release();
    for (let i = 0; i < 50; i++) await Promise.resolve();
    expect(pieces).toHaveLength(2);
    full = false;
    release();
    await done;
    expect(pieces.length).toBeGreaterThan(2);
    expect(pieces.join('')).toBe(`${JSON.stringify({ charges }, null, 2)}\n`);
  });

  it('writeJson(any JSON value) equals JSON.stringify (fast-check, seed 11)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.jsonValue(),
        async (v) => (await written(v)) === `${JSON.stringify(v, null, 2)}\n`,
      ),
      { seed: 11, numRuns: 300 },
    );
  });
});
