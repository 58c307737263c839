/**
 * What the page opens with: a sample scenario (and, once shipped, a sample
 * history), already simulated, with a line saying so.
 */
import HISTORY_FORECAST from '../../scenarios/history-forecast.json';
import SMALL_FIRM from '../../scenarios/small-architecture-firm.json';
import type { PriceCatalogue } from '../cost/catalogue.ts';
import { readCatalogue } from '../cost/validate-catalogue.ts';
import { draftOf, type ScenarioDraft } from './model/draft.ts';

export const SAMPLE_NOTE =
  'You are looking at a sample: next year of a fictional architecture practice, forecast from its synthetic usage history (scenarios/history-forecast.json) with illustrative prices. To use your own data, load your usage file under "Usage history", or describe your customer under "Describe a customer"; everything stays in this browser tab.';

/** The shipped history-driven scenario: next year of the sample practice, with its backtest. */
export const SAMPLE_SCENARIO: ScenarioDraft = draftOf(HISTORY_FORECAST);

/** The shipped described scenario, the sales rep's starting point without data. */
export const DESCRIBED_EXAMPLE: ScenarioDraft = draftOf(SMALL_FIRM);

export interface Sample {
  scenario: ScenarioDraft;
  catalogue: PriceCatalogue | null;
  /** The sample usage history, read like a user's file. */
  historyFile: File | null;
}

/** Where the sample history lives (served with the app) and its office's timezone. */
export const SAMPLE_HISTORY = 'samples/sample-sessions.csv';
export const SAMPLE_TIME_ZONE = 'Europe/London';

async function sampleHistory(): Promise<File | null> {
  try {
    const r = await fetch(new URL(SAMPLE_HISTORY, document.baseURI));
    if (!r.ok) return null;
    return new File([await r.blob()], 'sample-sessions.csv', { type: 'text/csv' });
  } catch {
    return null;
  }
}

/** The shipped price table, served with the app (same origin). */
export async function loadCatalogue(): Promise<PriceCatalogue | null> {
  try {
    const r = await fetch(new URL('prices/default.json', document.baseURI));
    if (!r.ok) return null;
    const json = (await r.json()) as unknown;
    const checked = readCatalogue(json);
    return checked.ok ? checked.value : null;
  } catch {
    return null;
  }
}

export async function loadSample(): Promise<Sample> {
  const [catalogue, historyFile] = await Promise.all([loadCatalogue(), sampleHistory()]);
  return { scenario: structuredClone(SAMPLE_SCENARIO), catalogue, historyFile };
}
