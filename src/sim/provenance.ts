/**
 * What made a result, in the one shape every JSON result carries: the
 * results of `flexcast simulate` and `flexcast merge`, and the page's
 * "Export JSON". Nothing in it depends on the time or the machine's load,
 * so the same run gives the same bytes; an exported result given to
 * `flexcast simulate` runs its scenario again (`scenarioOfExport`).
 */

/** A file read: where, how large, and its SHA-256 (hex). */
export interface FileDigest {
  /** The path the CLI read (absolute), or the name of the file the page was given. */
  file: string;
  bytes: number;
  sha256: string;
}

export interface Provenance {
  tool: 'flexcast';
  /** The package version (the engine and the simulator ship together). */
  version: string;
  /**
   * The scenario as run (after --trials and --seed, its history path as the
   * CLI resolved it), its policies and prices included; `file` is the file
   * read (null for the page's own scenario) and `sha256` the digest of its
   * text (the page's: of the scenario's JSON).
   */
  scenario: { file: string | null; sha256: string; value: unknown };
  seed: string | number;
  trials: number;
  /** The usage history the scenario names, when it names one. */
  history: FileDigest | null;
  /** The --prices file merged over the scenario's prices, when one was given. */
  prices: FileDigest | null;
}

/** The provenance of a run from what made it (the key order every writer shares). */
export function provenance(p: Omit<Provenance, 'tool'>): Provenance {
  return {
    tool: 'flexcast',
    version: p.version,
    scenario: p.scenario,
    seed: p.seed,
    trials: p.trials,
    history: p.history,
    prices: p.prices,
  };
}

/**
 * When a JSON value is an exported result (of `flexcast simulate --format
 * json` or the page's "Export JSON"), the scenario it was made from and the
 * files it read; else null.
 */
export function scenarioOfExport(
  value: unknown,
): { scenario: unknown; prices: FileDigest | null; history: FileDigest | null } | null {
  const p = (value as { provenance?: Partial<Provenance> } | null)?.provenance;
  const s = p?.scenario?.value;
  if (p?.tool !== 'flexcast' || s === null || typeof s !== 'object') return null;
  return { scenario: s, prices: p.prices ?? null, history: p.history ?? null };
}
