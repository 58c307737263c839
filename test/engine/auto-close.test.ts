import { describe, expect, it } from 'vitest';
import { autoClosedEnd } from '../../src/engine/auto-close.ts';

const H = 3_600_000;

describe('autoClosedEnd', () => {
  it('autoClosedEnd leaves a session shorter than H hours alone', () => {
    expect(autoClosedEnd(0, 2 * H, 7 * H, 8 * H)).toBe(7 * H);
  });

  it('autoClosedEnd cuts the idle tail at the first H-hour mark after the work ends', () => {
    // Launched at 0, worked until 10 h, left open until 50 h; closes every 8 h: marks 8, 16 -> 16 h.
    expect(autoClosedEnd(0, 10 * H, 50 * H, 8 * H)).toBe(16 * H);
  });

  it('autoClosedEnd with the end of work unknown (workEnd = start) is a hard cap at start + H', () => {
    expect(autoClosedEnd(5 * H, 5 * H, 50 * H, 12 * H)).toBe(17 * H);
  });

  it('autoClosedEnd never moves an end later', () => {
    // Work reported past the end (clock skew): the session's own end stays.
    expect(autoClosedEnd(0, 60 * H, 50 * H, 8 * H)).toBe(50 * H);
  });

  it('autoClosedEnd with no policy (H infinite) keeps the end', () => {
    expect(autoClosedEnd(0, 1 * H, 500 * H, Number.POSITIVE_INFINITY)).toBe(500 * H);
  });
});
