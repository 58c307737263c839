import { createIngester, type IngestOptions } from '../../src/ingest/ingester.ts';
import type { Ingested, IngestedDaily, IngestedSessions } from '../../src/ingest/types.ts';

/** Ingests text given whole, or split into the given chunk size. */
export function ingestText(text: string, options: IngestOptions = {}, chunk = 0): Ingested {
  const ing = createIngester({ file: 'test.csv', ...options });
  if (chunk <= 0) ing.push(text);
  else for (let i = 0; i < text.length; i += chunk) ing.push(text.slice(i, i + chunk));
  return ing.finish();
}

export function sessionsOf(text: string, options: IngestOptions = {}, chunk = 0): IngestedSessions {
  const r = ingestText(text, options, chunk);
  if (r.kind !== 'sessions') throw new Error(`expected sessions, got ${r.report.format}`);
  return r;
}

export function dailyOf(text: string, options: IngestOptions = {}, chunk = 0): IngestedDaily {
  const r = ingestText(text, options, chunk);
  if (r.kind !== 'daily') throw new Error(`expected daily rows, got ${r.report.format}`);
  return r;
}

/** Sessions as plain rows with ISO times, for readable assertions. */
export function rows(r: IngestedSessions): string[][] {
  const s = r.sessions;
  const iso = (ms: number) =>
    Number.isNaN(ms) ? '' : new Date(ms).toISOString().replace('.000Z', 'Z');
  const out: string[][] = [];
  for (let i = 0; i < s.count; i++)
    out.push([
      s.users[s.user[i] as number] as string,
      s.products[s.product[i] as number] as string,
      s.versions[s.version[i] as number] as string,
      s.devices[s.device[i] as number] as string,
      iso(s.start[i] as number),
      iso(s.end[i] as number),
    ]);
  return out;
}

/** The report's line accounting must always add up. */
export function accounted(r: Ingested): boolean {
  const p = r.report;
  return p.accepted + p.merged + p.ignored + p.rejectedCount === p.lines;
}
