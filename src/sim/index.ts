/**
 * Monte Carlo forecasting: scenarios, trial generation, the seasonal block
 * bootstrap of a history, summaries, purchase advice, backtest. Pure: no DOM, no Node, no
 * clock, no Math.random; every draw comes from a generator derived from
 * (seed, chunk index).
 */

export { pct, thousands } from '../engine/format.ts';
export type { BacktestHorizon, BacktestPoint, BacktestResult } from './backtest.ts';
export { BACKTEST_HORIZONS, backtestOrigins, runBacktest } from './backtest.ts';
export {
  allocateChunks,
  type ChunkResult,
  chunkBuffers,
  MergeError,
  mergeChunks,
  placeChunks,
} from './chunk.ts';
export { conformalFactor, errorRatio, MIN_CONFORMAL_ORIGINS } from './conformal.ts';
export { cadenceDates, dayNumber } from './dates.ts';
export type { DailyRecords, HistoryData, HistoryInfo } from './history.ts';
export { type Compiled, compile, type Model } from './model.ts';
export { PackSizes } from './packs.ts';
export {
  MAX_HORIZON_DAYS,
  MAX_TRIALS,
  type ParsedScenario,
  parseScenario,
  SCENARIO_DEFAULTS,
} from './parse-scenario.ts';
export {
  decodePart,
  decodePartBytes,
  encodePart,
  type PartFile,
  PartFileError,
  partPieces,
} from './part-file.ts';
export type {
  DayEvent,
  PlanEvaluation,
  PurchaseAdvice,
  RunOut,
} from './purchase.ts';
export { chunkRng, Rng } from './random.ts';
export { type RunMeta, resultFor, runChunks, runMeta } from './run.ts';
export {
  largestFit,
  NODE_HOST,
  type RunHost,
  type RunMemory,
  type RunPhase,
  type RunShape,
  runMemory,
} from './run-memory.ts';
export { CHUNK_TRIALS, type Scenario } from './scenario.ts';
export {
  backtestFor,
  ScenarioError,
  type SimInput,
  type SimOutput,
  SimRunner,
  simulate,
  trialUsage,
} from './simulate.ts';
export type { Dist, Histogram } from './stats.ts';
export type {
  Calibrated,
  FanChart,
  Headline,
  PolicyComparison,
  SimSummary,
  UserDays,
} from './summary.ts';
export { summarise } from './summary.ts';
export {
  cellStarts,
  everyCell,
  type TrialUsage,
  type UsageCells,
  usageIndex,
} from './usage.ts';
