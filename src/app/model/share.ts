/**
 * Share links carry the scenario (never the customer's data) in the URL
 * fragment, which browsers do not send to any server: `#scenario=` then the
 * JSON, deflated and base64url-encoded.
 */
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

async function pipe(bytes: Uint8Array, stream: CompressionStream | DecompressionStream) {
  const out = new Blob([bytes as BlobPart]).stream().pipeThrough(stream);
  return new Uint8Array(await new Response(out).arrayBuffer());
}

/** The URL fragment (without `#`) that restores `scenario`. */
export async function encodeShare(scenario: unknown): Promise<string> {
  const json = new TextEncoder().encode(JSON.stringify(scenario));
  const packed = await pipe(json, new CompressionStream('deflate-raw'));
  return `${SHARE_KEY}=${toBase64Url(packed)}`;
}

/**
 * The scenario in a URL fragment, or null when the fragment holds none.
 * Throws an Error with a message for the user when the link is damaged.
 */
export async function decodeShare(hash: string): Promise<unknown | null> {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const value = params.get(SHARE_KEY);
  if (value === null) return null;
  try {
    const bytes = await pipe(fromBase64Url(value), new DecompressionStream('deflate-raw'));
    return JSON.parse(new TextDecoder().decode(bytes)) as unknown;
  } catch {
    throw new Error('this share link is damaged: the scenario in it could not be read');
  }
}
