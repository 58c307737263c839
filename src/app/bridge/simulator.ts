/**
 * The page's view of a Monte Carlo run: start it with the raw scenario JSON
 * (what the user edits and exports), get partial answers as chunks arrive,
 * cancel with an AbortSignal. The pool of workers behind it is owned here.
 */
import type { Ingested } from '../../ingest/types.ts';
import type { AnswerView } from '../model/answer.ts';
import type { ScenarioDraft } from '../model/draft.ts';

export interface SimulationInput {
  /** The scenario as JSON (before parsing): exactly what Export JSON writes. */
  scenario: ScenarioDraft;
  /** The loaded history, when the scenario's population comes from it. */
  history: Ingested | null;
  /** The last run's trials may be priced again when only prices or the plan changed. */
  reprice?: boolean;
}

export interface RunProgress {
  trialsDone: number;
  trials: number;
}

/** A scenario the simulator refused: problems with their JSON paths (the core's, as every runner throws it). */
export { ScenarioError } from '../../sim/simulate.ts';

export interface Simulator {
  run(
    input: SimulationInput,
    onPartial: (answer: AnswerView | null, progress: RunProgress) => void,
    signal: AbortSignal,
  ): Promise<AnswerView>;
  /** Resolves once no task of any run is queued or running in the workers. */
  idle(): Promise<void>;
  /** Ends every worker. */
  close(): void;
}
