/**
 * Base64 for part files (src/sim/part-file.ts), with no Buffer or btoa so
 * the core stays runtime-neutral: written piece by piece as ASCII codes,
 * and read from ASCII codes, so a large part's text is never a string.
 */

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const LOOKUP = new Int16Array(256).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) LOOKUP[ALPHABET.charCodeAt(i)] = i;
const ALPHABET_CODES = Uint8Array.from(ALPHABET, (c) => c.charCodeAt(0));
/** Characters converted to a string at a time (well under engines' argument limits). */
const STRING_CHUNK = 0x8000;
/** Bytes encoded per piece (a multiple of 3): 256 kB of text. */
const PIECE_BYTES = 3 << 16;

/** Text that is not base64 (the reader of a part names the array). */
export class Base64Error extends Error {
  override name = 'Base64Error';
}

/**
 * Base64 of bytes as ASCII codes. Bytes cut at multiples of 3 encode to
 * pieces that join into the base64 of the whole.
 */
function base64Codes(bytes: Uint8Array): Uint8Array {
  const n = bytes.length;
  const out = new Uint8Array(4 * Math.ceil(n / 3));
  let o = 0;
  let i = 0;
  for (; i + 2 < n; i += 3) {
    const v =
      ((bytes[i] as number) << 16) | ((bytes[i + 1] as number) << 8) | (bytes[i + 2] as number);
    out[o++] = ALPHABET_CODES[(v >> 18) & 63] as number;
    out[o++] = ALPHABET_CODES[(v >> 12) & 63] as number;
    out[o++] = ALPHABET_CODES[(v >> 6) & 63] as number;
    out[o++] = ALPHABET_CODES[v & 63] as number;
  }
  if (i < n) {
    const b = i + 1 < n ? (bytes[i + 1] as number) : 0;
    const v = ((bytes[i] as number) << 16) | (b << 8);
    out[o++] = ALPHABET_CODES[(v >> 18) & 63] as number;
    out[o++] = ALPHABET_CODES[(v >> 12) & 63] as number;
    out[o++] = i + 1 < n ? (ALPHABET_CODES[(v >> 6) & 63] as number) : 61;
    out[o++] = 61;
  }
  return out;
}

/** The base64 of `bytes` as ASCII codes, piece by piece: never the whole text at once. */
export function* base64Pieces(bytes: Uint8Array): Generator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += PIECE_BYTES)
    yield base64Codes(bytes.subarray(i, i + PIECE_BYTES));
}

/** ASCII codes as a string. */
export function ascii(codes: Uint8Array): string {
  const parts: string[] = [];
  for (let k = 0; k < codes.length; k += STRING_CHUNK)
    parts.push(
      String.fromCharCode.apply(null, codes.subarray(k, k + STRING_CHUNK) as unknown as number[]),
    );
  return parts.join('');
}

/** Base64 of bytes. */
export function toBase64(bytes: Uint8Array): string {
  return ascii(base64Codes(bytes));
}

/**
 * The bytes of base64 given as character codes (a part's bytes, or a
 * string's codes, `codesOf`); a `Base64Error` for a character outside
 * the alphabet or a cut text. The bytes come in an ArrayBuffer of their
 * own, aligned for any typed array.
 */
export function base64Bytes(codes: Uint8Array): Uint8Array {
  const n = codes.length;
  if (n % 4 !== 0)
    throw new Base64Error(`base64 of ${n} characters: not a multiple of 4 (cut short?)`);
  let len = n;
  while (len > 0 && len > n - 2 && codes[len - 1] === 61) len--;
  const out = new Uint8Array(Math.floor((len * 3) / 4));
  let o = 0;
  let v = 0;
  let bits = 0;
  for (let i = 0; i < len; i++) {
    const c = codes[i] as number;
    const d = LOOKUP[c] as number;
    if (d < 0)
      throw new Base64Error(
        c < 128
          ? `invalid base64 character ${JSON.stringify(String.fromCharCode(c))} at ${i}`
          : `invalid base64 character (not ASCII) at ${i}`,
      );
    v = ((v << 6) | d) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (v >> bits) & 255;
    }
  }
  return out;
}

/** A string's character codes, those above 127 as 255 (not base64). */
export function codesOf(text: string): Uint8Array {
  const codes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    codes[i] = c < 128 ? c : 255;
  }
  return codes;
}

/** Bytes of base64 text. */
export function fromBase64(text: string): Uint8Array {
  return base64Bytes(codesOf(text));
}
