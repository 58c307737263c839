import { describe, expect, it } from 'vitest';
import { Float64Column, Int32Column } from '../../src/ingest/growable.ts';

describe('Int32Column / Float64Column', () => {
  it('grow by doubling and finish with exactly the values pushed', () => {
    const c = new Int32Column(16);
    for (let i = 0; i < 40; i++) c.push(i * 3);
    expect(c.capacity).toBe(64);
    expect(Array.from(c.finish())).toEqual(Array.from({ length: 40 }, (_, i) => i * 3));
  });

  it('finish hands over a full buffer, views a nearly full one, copies a mostly empty one', () => {
    const full = new Float64Column(16);
    for (let i = 0; i < 16; i++) full.push(i);
    expect(full.finish().buffer.byteLength).toBe(16 * 8);

    const nearly = new Float64Column(100);
    for (let i = 0; i < 90; i++) nearly.push(i);
    const view = nearly.finish();
    expect(view.length).toBe(90);
    expect(view.buffer.byteLength).toBe(100 * 8);

    const sparse = new Float64Column(100);
    for (let i = 0; i < 10; i++) sparse.push(i);
    const copy = sparse.finish();
    expect(Array.from(copy)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(copy.buffer.byteLength).toBe(10 * 8);
  });

  it('reserve makes room once and keeps the values', () => {
    const c = new Int32Column(16);
    c.push(7);
    c.reserve(1000);
    expect(c.capacity).toBe(1000);
    c.reserve(10);
    expect(c.capacity).toBe(1000);
    expect(c.get(0)).toBe(7);
    expect(c.length).toBe(1);
  });
});
