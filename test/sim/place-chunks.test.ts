/** placeChunks: a part's arrays into their place in the whole run's, or a clear refusal. */
import { describe, expect, it } from 'vitest';
import { allocateChunks, placeChunks } from '../../src/sim/chunk.ts';

const shape = {
  fingerprint: 'run',
  trials: 100,
  runs: 2,
  users: 3,
  products: 2,
  cells: 4,
  days: 5,
};

describe('placeChunks', () => {
  it('places chunk 1 (trials 50-99) of a run by cell: its tokens from cell 4 x 50 on', () => {
    const whole = allocateChunks(shape, 50, 0, 2);
    const part = allocateChunks(shape, 50, 1, 2);
    part.tokens.fill(7);
    part.daysUsed[0] = 3;
    part.daily[4] = 9;
    placeChunks(whole, part);
    expect(whole.tokens.length).toBe(100 * 4);
    expect(whole.tokens[199]).toBe(0);
    expect(whole.tokens[200]).toBe(7);
    expect(whole.daysUsed[200]).toBe(3);
    expect(whole.daily[50 * 5 + 4]).toBe(9);
  });

  it('refuses a part whose cells differ from the run, naming both', () => {
    const whole = allocateChunks(shape, 50, 0, 2);
    const part = allocateChunks({ ...shape, cells: 6 }, 50, 1, 2);
    expect(() => placeChunks(whole, part)).toThrow(
      'chunks 1-1 hold 2 runs, 5 days, 6 user x product cells a trial where this run has 2 runs, 5 days, 4 user x product cells: not a part of this run',
    );
  });
});
