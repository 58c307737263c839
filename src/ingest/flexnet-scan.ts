/**
 * Reads the common lines of a FlexNet debug log straight from UTF-8 bytes:
 * `H:MM:SS (daemon) OUT: "feature" user@host` and its `IN:`, with nothing
 * after the host but `(N licenses)` and `(INACTIVE)`. No string is made and
 * no regular expression runs; every other line (server messages, dates,
 * denials, names with spaces or outside ASCII) is left to the text path,
 * which reads the accepted lines the same way (test/ingest/flexnet-scan.test.ts).
 */

/** An OUT line. */
export const SCAN_OUT = 1;
/** An IN line. */
export const SCAN_IN = 2;

/** The fields of one scanned line, as byte offsets into the chunk (ends exclusive). */
export class ScannedLine {
  kind = 0;
  /** Seconds after midnight. */
  tod = 0;
  daemonFrom = 0;
  daemonTo = 0;
  featureFrom = 0;
  featureTo = 0;
  userFrom = 0;
  userTo = 0;
  hostFrom = 0;
  hostTo = 0;
  /** From `(N licenses)`, 1 without it. */
  licences = 1;
  /** `(INACTIVE)` follows the host. */
  inactive = false;
}

const SPACE = 0x20;
const TAB = 0x09;
const QUOTE = 0x22;
const OPEN = 0x28;
const CLOSE = 0x29;
const COLON = 0x3a;
const AT = 0x40;

const isSpace = (c: number) => c === SPACE || c === TAB;
const isDigit = (c: number) => c >= 0x30 && c <= 0x39;
/** Printable ASCII other than the space: the only bytes a name read here may hold. */
const isGraphic = (c: number) => c > SPACE && c < 0x7f;

/** Whether `b[i...]` starts with the ASCII text `s` (before `e`). */
function startsWith(b: Uint8Array, i: number, e: number, s: string): boolean {
  if (i + s.length > e) return false;
  for (let k = 0; k < s.length; k++) if (b[i + k] !== s.charCodeAt(k)) return false;
  return true;
}

/** Two digits at `i` as a number, or -1. */
function twoDigits(b: Uint8Array, i: number, e: number): number {
  if (i + 2 > e) return -1;
  const x = b[i] as number;
  const y = b[i + 1] as number;
  return isDigit(x) && isDigit(y) ? (x - 0x30) * 10 + (y - 0x30) : -1;
}

/**
 * Reads the line `b[a, e)` (without its line break) into `s`. Returns false
 * for any line but a plain OUT or IN, and for impossible times of day.
 */
export function scanCheckout(b: Uint8Array, a: number, e: number, s: ScannedLine): boolean {
  let i = a;
  while (i < e && isSpace(b[i] as number)) i++;
  // H:MM:SS, the hour in one or two digits.
  if (i >= e || !isDigit(b[i] as number)) return false;
  let h = (b[i++] as number) - 0x30;
  if (i < e && isDigit(b[i] as number)) h = h * 10 + (b[i++] as number) - 0x30;
  if (b[i] !== COLON) return false;
  const m = twoDigits(b, i + 1, e);
  if (m < 0 || b[i + 3] !== COLON) return false;
  const sec = twoDigits(b, i + 4, e);
  if (sec < 0 || h > 23 || m > 59 || sec > 59) return false;
  i += 6;
  // One or more spaces, `(daemon)`, at most one space.
  if (i >= e || !isSpace(b[i] as number)) return false;
  while (i < e && isSpace(b[i] as number)) i++;
  if (b[i] !== OPEN) return false;
  const daemonFrom = ++i;
  while (i < e && isGraphic(b[i] as number) && b[i] !== CLOSE) i++;
  if (i === daemonFrom || b[i] !== CLOSE) return false;
  s.daemonTo = i++;
  s.daemonFrom = daemonFrom;
  if (i < e && isSpace(b[i] as number)) i++;
  // OUT: or IN:, spaces, the quoted feature, spaces.
  if (startsWith(b, i, e, 'OUT:')) {
    s.kind = SCAN_OUT;
    i += 4;
  } else if (startsWith(b, i, e, 'IN:')) {
    s.kind = SCAN_IN;
    i += 3;
  } else return false;
  if (i >= e || !isSpace(b[i] as number)) return false;
  while (i < e && isSpace(b[i] as number)) i++;
  if (b[i] !== QUOTE) return false;
  s.featureFrom = ++i;
  while (i < e && isGraphic(b[i] as number) && b[i] !== QUOTE) i++;
  if (i === s.featureFrom || b[i] !== QUOTE) return false;
  s.featureTo = i++;
  if (i >= e || !isSpace(b[i] as number)) return false;
  while (i < e && isSpace(b[i] as number)) i++;
  // user@host: one @, no space.
  s.userFrom = i;
  while (i < e && isGraphic(b[i] as number) && b[i] !== AT) i++;
  if (i === s.userFrom || b[i] !== AT) return false;
  s.userTo = i++;
  s.hostFrom = i;
  while (i < e && isGraphic(b[i] as number) && b[i] !== AT) i++;
  if (i === s.hostFrom || (i < e && !isSpace(b[i] as number))) return false;
  s.hostTo = i;
  s.tod = h * 3600 + m * 60 + sec;
  return rest(b, i, e, s);
}

/** What follows the host: only spaces, `(N license[s])` and `(INACTIVE)`. */
function rest(b: Uint8Array, i: number, e: number, s: ScannedLine): boolean {
  s.licences = 1;
  s.inactive = false;
  let licences = false;
  for (;;) {
    while (i < e && isSpace(b[i] as number)) i++;
    if (i >= e) return true;
    if (startsWith(b, i, e, '(INACTIVE)')) {
      s.inactive = true;
      i += 10;
    } else {
      if (b[i] !== OPEN) return false;
      let j = i + 1;
      let n = 0;
      while (j < e && isDigit(b[j] as number) && j - i <= 9) n = n * 10 + (b[j++] as number) - 0x30;
      if (j === i + 1 || !startsWith(b, j, e, ' license')) return false;
      j += 8;
      if (b[j] === 0x73) j++;
      if (j >= e || b[j] !== CLOSE) return false;
      // The first one counts, as the text path's search finds it first.
      if (!licences) s.licences = n;
      licences = true;
      i = j + 1;
    }
    if (i < e && !isSpace(b[i] as number)) return false;
  }
}
