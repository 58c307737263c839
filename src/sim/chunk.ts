/**
 * What a run of trial chunks leaves: per-trial arrays, never summaries, so
 * that chunks run anywhere merge into exactly the arrays of one run and the
 * summary is computed once from them. Trial-major layouts:
 * `total[t * runs + r]`, `daily[t * days + d]`,
 * `tokens[t * cells + c]` (cell c: a user x product pair with a key,
 * `RunMeta.cells`).
 */
export interface ChunkResult {
  /** Identifies the compiled scenario: parts merge only with parts of the same run. */
  readonly fingerprint: string;
  /** Chunks [firstChunk, endChunk). */
  readonly firstChunk: number;
  readonly endChunk: number;
  readonly firstTrial: number;
  readonly trials: number;
  readonly runs: number;
  readonly users: number;
  readonly products: number;
  /** User x product cells (`RunMeta.cells`): the columns of `tokens` and `daysUsed`. */
  readonly cells: number;
  readonly days: number;
  /** Tokens charged over the horizon per trial x run (run 0 is the baseline). */
  readonly total: Float64Array;
  /** Tokens charged at renewals (M4) per trial x run. */
  readonly renewal: Float64Array;
  /** Baseline tokens per trial x horizon day. */
  readonly daily: Float64Array;
  /** Baseline tokens per trial x cell. */
  readonly tokens: Float64Array;
  /** Baseline days used (charges, M12) per trial x cell. */
  readonly daysUsed: Uint16Array;
}

/** An empty result for chunks [first, end) of a run. */
export function allocateChunks(
  shape: {
    fingerprint: string;
    trials: number;
    runs: number;
    users: number;
    products: number;
    cells: number;
    days: number;
  },
  chunkTrials: number,
  first: number,
  end: number,
): ChunkResult {
  const firstTrial = Math.min(shape.trials, first * chunkTrials);
  const trials = Math.min(shape.trials, end * chunkTrials) - firstTrial;
  const up = shape.cells;
  return {
    fingerprint: shape.fingerprint,
    firstChunk: first,
    endChunk: end,
    firstTrial,
    trials,
    runs: shape.runs,
    users: shape.users,
    products: shape.products,
    cells: shape.cells,
    days: shape.days,
    total: new Float64Array(trials * shape.runs),
    renewal: new Float64Array(trials * shape.runs),
    daily: new Float64Array(trials * shape.days),
    tokens: new Float64Array(trials * up),
    daysUsed: new Uint16Array(trials * up),
  };
}

/** A problem merging parts: a message for the user. */
export class MergeError extends Error {
  override name = 'MergeError';
}

/**
 * Concatenates results of consecutive chunk ranges of one run (in any order
 * given) into the result of the whole range. Refuses parts of other runs,
 * overlaps and gaps.
 */
export function mergeChunks(parts: readonly ChunkResult[]): ChunkResult {
  if (parts.length === 0) throw new MergeError('nothing to merge');
  const sorted = [...parts].sort((a, b) => a.firstChunk - b.firstChunk);
  const head = sorted[0] as ChunkResult;
  if (sorted.length === 1) return head;
  checkChunkRanges(sorted);
  const last = sorted[sorted.length - 1] as ChunkResult;
  const cat = <T extends Float64Array | Uint16Array>(
    pick: (p: ChunkResult) => T,
    make: (n: number) => T,
  ): T => {
    let n = 0;
    for (const p of sorted) n += pick(p).length;
    const out = make(n);
    let o = 0;
    for (const p of sorted) {
      out.set(pick(p), o);
      o += pick(p).length;
    }
    return out;
  };
  const f64 = (n: number) => new Float64Array(n);
  return {
    ...head,
    endChunk: last.endChunk,
    trials: sorted.reduce((s, p) => s + p.trials, 0),
    total: cat((p) => p.total, f64),
    renewal: cat((p) => p.renewal, f64),
    daily: cat((p) => p.daily, f64),
    tokens: cat((p) => p.tokens, f64),
    daysUsed: cat(
      (p) => p.daysUsed,
      (n) => new Uint16Array(n),
    ),
  };
}

/** The chunk ranges of a run's parts, as `mergeChunks` and `flexcast merge` see them. */
export interface ChunkRange {
  fingerprint: string;
  firstChunk: number;
  endChunk: number;
}

/**
 * Throws MergeError unless `ranges` (sorted by first chunk) come from one
 * run and follow each other without a gap or an overlap.
 */
export function checkChunkRanges(ranges: readonly ChunkRange[]): void {
  const head = ranges[0];
  if (!head) throw new MergeError('nothing to merge');
  for (let i = 1; i < ranges.length; i++) {
    const p = ranges[i] as ChunkRange;
    const prev = ranges[i - 1] as ChunkRange;
    if (p.fingerprint !== head.fingerprint)
      throw new MergeError(
        `parts come from different runs (scenario, seed, trials or data differ): chunks ${head.firstChunk}-${head.endChunk - 1} and ${p.firstChunk}-${p.endChunk - 1}`,
      );
    if (p.firstChunk < prev.endChunk)
      throw new MergeError(`chunks ${p.firstChunk}-${prev.endChunk - 1} appear in two parts`);
    if (p.firstChunk > prev.endChunk)
      throw new MergeError(`chunks ${prev.endChunk}-${p.firstChunk - 1} are missing`);
  }
}

/**
 * Copies the result of chunks run elsewhere (a worker) into their place in
 * `into`, a result allocated for a range holding them: the whole range is
 * allocated once and each chunk placed as it arrives, so no chunk outlives
 * its copy and no second copy of the range is made by a merge.
 */
export function placeChunks(into: ChunkResult, part: ChunkResult): void {
  if (
    part.fingerprint !== into.fingerprint ||
    part.firstChunk < into.firstChunk ||
    part.endChunk > into.endChunk
  )
    throw new RangeError(
      `chunks ${part.firstChunk}-${part.endChunk - 1} do not belong in chunks ${into.firstChunk}-${into.endChunk - 1} of this run`,
    );
  // The checksum covers a part's shape with its arrays: a shape that differs was written so.
  const shape = (r: ChunkResult) =>
    `${r.runs} runs, ${r.days} days, ${r.cells} user x product cells`;
  if (part.runs !== into.runs || part.days !== into.days || part.cells !== into.cells)
    throw new RangeError(
      `chunks ${part.firstChunk}-${part.endChunk - 1} hold ${shape(part)} a trial where this run has ${shape(into)}: not a part of this run`,
    );
  const t = part.firstTrial - into.firstTrial;
  const up = into.cells;
  into.total.set(part.total, t * into.runs);
  into.renewal.set(part.renewal, t * into.runs);
  into.daily.set(part.daily, t * into.days);
  into.tokens.set(part.tokens, t * up);
  into.daysUsed.set(part.daysUsed, t * up);
}

/** The buffers of a result, for transferring it between threads without a copy. */
export function chunkBuffers(r: ChunkResult): ArrayBuffer[] {
  return [r.total, r.renewal, r.daily, r.tokens, r.daysUsed].map((a) => a.buffer as ArrayBuffer);
}
