import type { Ingested } from '../../ingest/types.ts';

/** The typed arrays of an ingest result, for transferring it out of a worker without copies. */
export function ingestedBuffers(r: Ingested): ArrayBuffer[] {
  const arrays: (ArrayBufferView | null)[] = [r.line];
  if (r.kind === 'sessions') {
    const s = r.sessions;
    arrays.push(s.user, s.product, s.version, s.device, s.start, s.end, s.lastActive);
    arrays.push(r.licences, r.flags);
  } else {
    const d = r.daily;
    arrays.push(d.user, d.product, d.day, d.days, d.tokens);
  }
  const seen = new Set<ArrayBuffer>();
  for (const a of arrays) if (a) seen.add(a.buffer as ArrayBuffer);
  return [...seen];
}
