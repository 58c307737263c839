/** The part of `TextDecoder` ingest and part files use; present in Node and in every browser worker. */
export interface Decoder {
  decode(input?: Uint8Array, options?: { stream?: boolean }): string;
}

/** `TextDecoder`'s options used here. */
export interface DecoderOptions {
  fatal?: boolean;
  ignoreBOM?: boolean;
}

type DecoderClass = new (label: string, options?: DecoderOptions) => Decoder;

/** A `TextDecoder` (typed locally: the pure core has neither the DOM nor Node types). */
export function textDecoder(label: string, options?: DecoderOptions): Decoder {
  const TextDecoderClass = (globalThis as unknown as { TextDecoder: DecoderClass }).TextDecoder;
  return new TextDecoderClass(label, options);
}
