/**
 * What the page opens with: a sample scenario (and, once shipped, a sample
 * history), already simulated, with a line saying so.
 */
import type { PriceCatalogue } from '../cost/catalogue.ts';
import { isPriceCatalogue } from '../cost/validate-catalogue.ts';

export const SAMPLE_NOTE =
  'You are looking at a sample: a fictional 40-person architecture practice (synthetic usage history below) and a described firm, simulated with illustrative prices. To use your own data, load your usage file under "Usage history", or describe your customer under "Describe a customer"; everything stays in this browser tab.';

/** A small architecture firm, described (until the shipped sample scenario lands). */
export const SAMPLE_SCENARIO: Record<string, unknown> = {
  name: 'Small architecture firm (sample)',
  description: '12 daily Revit users, 30 occasional AutoCAD users, 4 Navisworks reviewers',
  seed: 'flexcast-sample',
  trials: 1000,
  horizon: { start: '2026-01-01', days: 365 },
  timezone: 'Europe/London',
  population: {
    archetypes: [
      {
        name: 'Revit designers',
        count: 12,
        products: ['Revit'],
        daysPerMonth: [12, 20],
        forgetRate: 0.04,
      },
      {
        name: 'Occasional AutoCAD',
        count: 30,
        products: ['AutoCAD'],
        daysPerMonth: [2, 6],
        forgetRate: 0.02,
      },
      {
        name: 'Coordinators',
        count: 4,
        products: ['Navisworks Manage', 'Revit'],
        daysPerMonth: [3, 8],
      },
    ],
  },
  policies: [
    { name: 'Auto-close after 4 h', autoCloseHours: 4 },
    { name: 'Auto-close after 8 h', autoCloseHours: 8 },
    { name: 'Auto-close after 12 h', autoCloseHours: 12 },
  ],
  purchase: { serviceLevel: 0.95, packSizes: [100], topUps: 'quarter' },
};

export interface Sample {
  scenario: Record<string, unknown>;
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
    return isPriceCatalogue(json) ? json : null;
  } catch {
    return null;
  }
}

export async function loadSample(): Promise<Sample> {
  const [catalogue, historyFile] = await Promise.all([loadCatalogue(), sampleHistory()]);
  return { scenario: structuredClone(SAMPLE_SCENARIO), catalogue, historyFile };
}
