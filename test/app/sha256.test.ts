import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Sha256, sha256Hex } from '../../src/app/model/sha256.ts';

describe('sha256Hex', () => {
  // FIPS 180-4 examples (NIST CSRC "SHA256.pdf", "SHA256 2-block", and the million-"a" vector).
  it('sha256Hex("abc") is the standard one-block example', () => {
    expect(sha256Hex('abc')).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
  });
  it('sha256Hex(the 448-bit message) is the standard two-block example', () => {
    expect(sha256Hex('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')).toBe(
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    );
  });
  it('sha256Hex("") is the digest of the empty message', () => {
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });
  it('Sha256 fed a million "a" in pieces of 997 bytes gives the standard digest', () => {
    const h = new Sha256();
    const piece = new Uint8Array(997).fill(0x61);
    let left = 1_000_000;
    for (; left >= 997; left -= 997) h.update(piece);
    h.update(piece.subarray(0, left));
    expect(h.hex()).toBe('cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0');
  });
  it('Sha256 over any bytes cut anywhere equals node:crypto (fast-check, seed 7)', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 700 }),
        fc.array(fc.nat({ max: 700 }), { maxLength: 6 }),
        (bytes, cuts) => {
          const at = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
          const h = new Sha256();
          let from = 0;
          for (const c of [...at, bytes.length]) {
            h.update(bytes.subarray(from, c));
            from = c;
          }
          return h.hex() === createHash('sha256').update(bytes).digest('hex');
        },
      ),
      { seed: 7, numRuns: 300 },
    );
  });
});
