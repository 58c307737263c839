/**
 * Share links carry the scenario (never the customer's data) in the URL
 * fragment, which browsers do not send to any server: `#scenario=` then the
 * JSON, deflated and base64url-encoded.
 */
import { parseJson } from '../../engine/json.ts';
import { isObject } from '../../engine/json-reader.ts';
import { draftOf, type ScenarioDraft } from './draft.ts';

export const SHARE_KEY = 'scenario';

function toBase64Url(bytes: Uint8Array): string {
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array {
  const b64 = text.replace(/-/g, '+').replace(/_/g, '/');
  const bin = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
  return Uint8Array.from(bin, (c) => c.charCodeAt(0));
}

/** The longest fragment read (characters): a scenario deflates to a few KB. */
export const MAX_SHARE_CHARS = 1 << 20;
/** The most scenario JSON a link may inflate to (bytes): more is a deflate bomb, not a scenario. */
export const MAX_SHARE_BYTES = 4 << 20;

async function pipe(bytes: Uint8Array, stream: CompressionStream | DecompressionStream) {
  const out = new Blob([bytes as BlobPart]).stream().pipeThrough(stream);
  return new Uint8Array(await new Response(out).arrayBuffer());
}

/** Inflates at most `limit` bytes; null when there is more. */
async function inflate(bytes: Uint8Array, limit: number): Promise<Uint8Array | null> {
  const reader = new Blob([bytes as BlobPart])
    .stream()
    .pipeThrough(new DecompressionStream('deflate-raw'))
    .getReader();
  const parts: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > limit) {
      await reader.cancel();
      return null;
    }
    parts.push(value);
  }
  const out = new Uint8Array(total);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/** A share link that cannot be opened; its message is for the user. */
export class ShareLinkError extends Error {
  override name = 'ShareLinkError';
}

/** The URL fragment (without `#`) that restores `scenario`. */
export async function encodeShare(scenario: unknown): Promise<string> {
  const json = new TextEncoder().encode(JSON.stringify(scenario));
  const packed = await pipe(json, new CompressionStream('deflate-raw'));
  return `${SHARE_KEY}=${toBase64Url(packed)}`;
}

/**
 * The scenario in a URL fragment, or null when the fragment holds none.
 * The link is user input: its size, its inflated size and its nesting are
 * bounded, and it must hold a scenario object. Throws a `ShareLinkError`
 * with a message for the user otherwise (the link stays in the address bar).
 */
export async function decodeShare(hash: string): Promise<ScenarioDraft | null> {
  if (hash.length > MAX_SHARE_CHARS)
    throw new ShareLinkError(
      `this share link is too long (${hash.length} characters; a scenario takes a few thousand): it was not opened`,
    );
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const value = params.get(SHARE_KEY);
  if (value === null) return null;
  let text: string;
  try {
    const bytes = await inflate(fromBase64Url(value), MAX_SHARE_BYTES);
    if (bytes === null)
      throw new ShareLinkError(
        `this share link inflates to more than ${MAX_SHARE_BYTES >> 20} MB: it holds no scenario and was not opened`,
      );
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch (e) {
    if (e instanceof ShareLinkError) throw e;
    throw new ShareLinkError('this share link is damaged: the scenario in it could not be read');
  }
  const parsed = parseJson(text);
  if (!parsed.ok)
    throw new ShareLinkError(
      `this share link is damaged: its scenario is not valid JSON (${parsed.line}:${parsed.column}: ${parsed.message})`,
    );
  const v = parsed.value;
  if (!isObject(v))
    throw new ShareLinkError(
      `this share link holds ${v === null ? 'null' : Array.isArray(v) ? 'a list' : `a ${typeof v}`}, not a scenario: it was not opened`,
    );
  return draftOf(v);
}
