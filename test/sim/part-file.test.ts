import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeOutput } from '../../src/cli/output.ts';
import type { ChunkResult } from '../../src/sim/chunk.ts';
import type { RunMeta } from '../../src/sim/index.ts';
import {
  decodePart,
  decodePartBytes,
  encodePart,
  type PartFile,
  partPieces,
} from '../../src/sim/part-file.ts';

/**
 * A result by hand: 50 trials of 611 users x 1 product, so the tokens'
 * 244,400 bytes span two pieces of base64 and end in padding; 7 days
 * (2,800 bytes of daily tokens, padded too).
 */
function result(fingerprint: string, seed: number): ChunkResult {
  const trials = 50;
  const users = 611;
  const runs = 2;
  const days = 7;
  const f64 = (n: number, f: (i: number) => number) =>
    Float64Array.from({ length: n }, (_, i) => f(i));
  return {
    fingerprint,
    firstChunk: 0,
    endChunk: 1,
    firstTrial: 0,
    trials,
    runs,
    users,
    products: 1,
    cells: users,
    days,
    total: f64(trials * runs, (i) => 1000 + i * seed),
    renewal: f64(trials * runs, (i) => i % 3),
    daily: f64(trials * days, (i) => (i * 7 + seed) / 4),
    tokens: f64(trials * users, (i) => ((i * 13 + seed) % 97) * 0.5),
    daysUsed: Uint16Array.from({ length: trials * users }, (_, i) => (i * 31 + seed) % 260),
  };
}

const meta = { format: 'flexcast-sim/1', scenario: { name: 'Büro "Nord"' } } as unknown as RunMeta;

/** Node's own base64 of an array's bytes (independent of the part file's encoder). */
const b64 = (a: Float64Array | Uint16Array) =>
  Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('base64');

function arrays(r: ChunkResult) {
  return {
    total: b64(r.total),
    renewal: b64(r.renewal),
    daily: b64(r.daily),
    tokens: b64(r.tokens),
    daysUsed: b64(r.daysUsed),
  };
}

function shape(r: ChunkResult) {
  const { total, renewal, daily, tokens, daysUsed, ...s } = r;
  return s;
}

describe('part files written piece by piece', () => {
  const part: PartFile = {
    meta,
    result: result('run', 3),
    backtest: null,
    demand: { meta, result: result('demand', 5) },
    provenance: { version: '1.0.0' },
  };

  it('partPieces join into the JSON.stringify of the part, with several pieces of base64 for a large array', () => {
    const pieces = [...partPieces(part)];
    // Per result: total and renewal (800 bytes: 1,068 characters), daily (2,800: 3,736), the
    // tokens (244,400 bytes: 325,868 characters) in a full piece of 262,144 and the rest,
    // days used (61,100 bytes: 81,468).
    const lengths = pieces.filter((p) => p instanceof Uint8Array).map((p) => p.length);
    const one = [1068, 1068, 3736, 262_144, 63_724, 81_468];
    expect(lengths).toEqual([...one, ...one]);
    const text = encodePart(part);
    const parsed = JSON.parse(text);
    // The layout is JSON.stringify's of the part's fields in order (the checksums read back).
    expect(text).toBe(
      JSON.stringify({
        format: 'flexcast-sim-part/3',
        meta,
        shape: shape(part.result),
        arrays: arrays(part.result),
        checksum: parsed.checksum,
        backtest: null,
        demand: {
          meta,
          checksum: parsed.demand.checksum,
          shape: shape(part.demand?.result as ChunkResult),
          arrays: arrays(part.demand?.result as ChunkResult),
        },
        provenance: { version: '1.0.0' },
      }),
    );
    expect(parsed.arrays.tokens.length).toBe(325_868);
    expect(parsed.arrays.tokens.endsWith('=')).toBe(true);
  });

  it('a part read back gives every array and both checksums check', () => {
    const back = decodePart(encodePart(part));
    expect(Array.from(back.result.tokens)).toEqual(Array.from(part.result.tokens));
    expect(Array.from(back.result.daysUsed)).toEqual(Array.from(part.result.daysUsed));
    expect(Array.from(back.demand?.result.daily ?? [])).toEqual(
      Array.from(part.demand?.result.daily ?? []),
    );
    expect(back.provenance).toEqual({ version: '1.0.0' });
  });

  it('a part without a demand run writes "demand": null, and no backtest member when it is undefined', () => {
    const text = encodePart({ meta, result: result('run', 3), backtest: undefined as never });
    const parsed = JSON.parse(text);
    expect(parsed.demand).toBe(null);
    expect('backtest' in parsed).toBe(false);
    expect(parsed.provenance).toBe(null);
  });

  it('writeOutput(path, pieces) writes the pieces in order: text as UTF-8, bytes as they are', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'flexcast-part-')), 'part.json');
    await writeOutput(path, partPieces(part), '--out');
    expect(readFileSync(path, 'utf8')).toBe(encodePart(part));
    await writeOutput(path, ['é', Uint8Array.of(65, 66), 'z'], '--out');
    expect(Array.from(readFileSync(path))).toEqual([0xc3, 0xa9, 65, 66, 122]);
  });

  it('writeOutput to a missing folder is a usage error naming the flag and path', async () => {
    const path = join(tmpdir(), 'no-such-folder-flexcast', 'part.json');
    await expect(writeOutput(path, partPieces(part), '--out')).rejects.toThrow(
      `--out ${path}: cannot write the file (its folder does not exist)`,
    );
  });

  describe('read from its bytes (flexcast merge)', () => {
    const utf8 = (text: string) => new TextEncoder().encode(text);

    it('decodePartBytes gives every array decodePart gives, and the metadata, a long string in it too', () => {
      const long = { ...meta, note: 'A'.repeat(5000) } as unknown as RunMeta;
      const p = {
        ...part,
        meta: long,
        demand: { meta: long, result: part.demand?.result as ChunkResult },
      };
      const text = encodePart(p);
      const a = decodePartBytes(utf8(text));
      const b = decodePart(text);
      expect(Array.from(a.result.tokens)).toEqual(Array.from(b.result.tokens));
      expect(Array.from(a.result.daysUsed)).toEqual(Array.from(part.result.daysUsed));
      expect(Array.from(a.demand?.result.total ?? [])).toEqual(
        Array.from(part.demand?.result.total ?? []),
      );
      expect(a.meta).toEqual(long);
      expect(a.demand?.meta).toEqual(long);
    });

    it('a part that is not JSON is refused with the line and column of the text', () => {
      const text = encodePart(part).replace('"backtest":null', '"backtest":nul');
      expect(() => decodePartBytes(utf8(text))).toThrow(/^not JSON: 1:\d+: expected/);
      let message = '';
      try {
        decodePart(text);
      } catch (e) {
        message = (e as Error).message;
      }
      expect(() => decodePartBytes(utf8(text))).toThrow(message);
    });

    it('a bad character in an array read in place is named with the array and its index', () => {
      const text = encodePart(part);
      const at = text.indexOf('"tokens":"') + 10;
      const bang = `${text.slice(0, at + 100)}!${text.slice(at + 101)}`;
      expect(() => decodePartBytes(utf8(bang))).toThrow(
        'arrays.tokens: invalid base64 character "!" at 100',
      );
      // Two characters replaced by one of two bytes: the same length in bytes.
      const accent = `${text.slice(0, at + 7)}é${text.slice(at + 9)}`;
      expect(() => decodePartBytes(utf8(accent))).toThrow(
        'arrays.tokens: invalid base64 character (not ASCII) at 7',
      );
    });
  });
});
