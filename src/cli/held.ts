import { daysFromCivil, formatDay, parseCivil } from '../engine/time.ts';
import { CsvReader } from '../ingest/csv-reader.ts';
import { packExpiryDay } from '../sim/pack-ledger.ts';
import type { PlannedPurchase } from '../sim/scenario.ts';
import { UsageError } from './args.ts';
import { readText } from './inputs.ts';

/**
 * Packs held at a horizon's start from a CSV of past purchases (issue 9),
 * the file `flexcast meter --purchases` reads: header `at,tokens` and an
 * optional `remaining` column (tokens still in the pack; the whole pack
 * when absent). A purchase's day is the date its `at` starts with. Packs
 * bought on or after `start`, expired by it (a year after purchase, T1) or
 * empty are left out. Problems name `file:line`.
 */
export async function readHeldCsv(
  path: string,
  start: string,
): Promise<{ held: PlannedPurchase[]; notes: string[] }> {
  return heldFromCsv(await readText(path, 'held packs'), path, start);
}

/** The same from the file's text (pure: for tests). */
export function heldFromCsv(
  text: string,
  path: string,
  start: string,
): { held: PlannedPurchase[]; notes: string[] } {
  const first = dayOf(start);
  const problems: string[] = [];
  const held: PlannedPurchase[] = [];
  let header: string[] | null = null;
  let skipped = 0;
  let assumedFull = false;
  const reader = new CsvReader(',', (fields, line, _span, error) => {
    if (error) {
      problems.push(`${path}:${line}: ${error}`);
      return;
    }
    if (fields.every((f) => f.trim() === '')) return;
    if (!header) {
      header = fields.map((f) => f.trim().toLowerCase());
      if (!header.includes('at') || !header.includes('tokens'))
        problems.push(
          `${path}:${line}: expected the header "at,tokens[,remaining]", got ${JSON.stringify(fields.join(','))}`,
        );
      return;
    }
    const h = header;
    const cell = (name: string) => {
      const i = h.indexOf(name);
      return i < 0 ? undefined : (fields[i] ?? '').trim();
    };
    const col = (name: string) => h.indexOf(name) + 1;
    const at = cell('at') ?? '';
    const day = dayOf(at.slice(0, 10));
    if (Number.isNaN(day))
      problems.push(
        `${path}:${line}: column ${col('at')} (at): expected an ISO 8601 date or time, got ${JSON.stringify(at)}`,
      );
    const tokText = cell('tokens') ?? '';
    const tokens = /^\d+$/.test(tokText) ? Number(tokText) : Number.NaN;
    if (!(tokens > 0))
      problems.push(
        `${path}:${line}: column ${col('tokens')} (tokens): expected a positive integer, got ${JSON.stringify(tokText)}`,
      );
    const remText = cell('remaining');
    let remaining = tokens;
    if (remText === undefined || remText === '') assumedFull = true;
    else if (/^\d+$/.test(remText) && Number(remText) <= tokens) remaining = Number(remText);
    else {
      problems.push(
        `${path}:${line}: column ${col('remaining')} (remaining): expected an integer from 0 to the pack's tokens, got ${JSON.stringify(remText)}`,
      );
      return;
    }
    if (Number.isNaN(day) || !(tokens > 0)) return;
    if (day >= first || packExpiryDay(day) <= first || remaining === 0) skipped++;
    else held.push({ date: formatDay(day), tokens: remaining });
  });
  reader.push(text);
  reader.finish();
  if (!header)
    problems.push(`${path}:1: expected the header "at,tokens[,remaining]", got an empty file`);
  if (problems.length > 0) throw new UsageError(problems.join('\n'));
  held.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const notes: string[] = [];
  if (skipped > 0)
    notes.push(
      `${path}: ${skipped} purchase(s) left out: bought on or after ${start}, expired by then, or empty.`,
    );
  if (assumedFull && held.length > 0)
    notes.push(
      `${path}: no "remaining" given for some packs: they are taken as unspent (add a remaining column).`,
    );
  return { held, notes };
}

function dayOf(date: string): number {
  const c = /^\d{4}-\d{2}-\d{2}$/.test(date) ? parseCivil(date) : null;
  return c ? daysFromCivil(c.year, c.month, c.day) : Number.NaN;
}
