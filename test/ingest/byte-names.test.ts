import { describe, expect, it } from 'vitest';
import { StringTable } from '../../src/engine/sessions.ts';
import { ByteNames } from '../../src/ingest/byte-names.ts';

const utf8 = new TextEncoder();

/** `names.find` of the `k`th comma-separated field of `line`. */
function findField(names: ByteNames, line: string, k: number): number {
  const b = utf8.encode(line);
  let a = 0;
  for (let j = 0; j < k; j++) a = b.indexOf(44, a) + 1;
  const e = b.indexOf(44, a);
  return names.find(b, a, e < 0 ? b.length : e);
}

describe('ByteNames', () => {
  it('find gives one entry per distinct name, wherever the bytes lie', () => {
    const names = new ByteNames(new StringTable());
    const ann = findField(names, 'ann,bob,ann', 0);
    const bob = findField(names, 'ann,bob,ann', 1);
    expect(findField(names, 'ann,bob,ann', 2)).toBe(ann);
    expect(bob).not.toBe(ann);
    expect(findField(names, 'x,anne', 1)).not.toBe(ann);
    expect(findField(names, 'Zoë', 0)).toBe(findField(names, 'a,Zoë', 1));
  });

  it('keeps finding every name after many are added (the table grows)', () => {
    const names = new ByteNames(new StringTable());
    const ids = Array.from({ length: 3000 }, (_, i) => findField(names, `user${i}@example.com`, 0));
    expect(new Set(ids).size).toBe(3000);
    for (const i of [0, 1, 999, 2999])
      expect(findField(names, `user${i}@example.com`, 0)).toBe(ids[i]);
  });

  it('adds a name to the table only when index asks for it, in the order asked', () => {
    const table = new StringTable();
    const names = new ByteNames(table);
    const a = findField(names, 'ann', 0);
    const b = findField(names, 'bob', 0);
    expect(table.values).toEqual([]);
    expect(names.index(b)).toBe(0);
    expect(names.index(a)).toBe(1);
    expect(names.index(b)).toBe(0);
    expect(table.values).toEqual(['bob', 'ann']);
  });

  it('says a name is plain only when the text path would read it unchanged', () => {
    const names = new ByteNames(new StringTable());
    const plain = (s: string) => names.plain(findField(names, s, 0));
    expect(plain('ann')).toBe(true);
    expect(plain("'abc")).toBe(true);
    expect(plain('')).toBe(true);
    expect(plain(' ann')).toBe(false);
    expect(plain('ann\u00a0')).toBe(false);
    expect(plain('\u3000ann')).toBe(false);
    expect(plain('\ufeffann')).toBe(false);
    expect(plain("'=SUM(A1)")).toBe(false);
  });

  it('gives -1 for bytes that are not UTF-8', () => {
    const names = new ByteNames(new StringTable());
    expect(names.find(Uint8Array.from([0x52, 0xe9, 0x65]), 0, 3)).toBe(-1);
    expect(names.find(Uint8Array.from([0x61, 0xed, 0xa0, 0x80]), 0, 4)).toBe(-1);
  });
});
