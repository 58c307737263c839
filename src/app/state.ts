/**
 * What the page holds and what the views may ask of it: the leaf module the
 * app and its views both import, so the views never import the app.
 */
import type { PriceCatalogue } from '../cost/catalogue.ts';
import type { Ingested } from '../ingest/types.ts';
import type { AnswerView } from './model/answer.ts';
import type { ScenarioDraft } from './model/draft.ts';
import type { HistoryView } from './model/history.ts';

/** Trials at or under which an edit reruns the simulation by itself. */
export const AUTO_RERUN_MAX_TRIALS = 2000;

/** A file read into columns, and how it was read. */
export interface LoadedData {
  fileName: string;
  size: number;
  /** The file's SHA-256 (hex), for the provenance of results; null when not known (a workspace saved before). */
  sha256: string | null;
  ingested: Ingested;
  timeZone: string;
  map: Record<string, string>;
}

export interface LoadingState {
  fileName: string;
  bytes: number;
  total: number;
  cancel: () => void;
}

export interface RunState {
  /** Counts runs started, so a reader can tell this run from the last one. */
  id: number;
  status: 'idle' | 'running' | 'done' | 'cancelled' | 'error';
  trialsDone: number;
  trials: number;
  message: string;
  /** performance.now() at start and end, for the elapsed time shown. */
  started: number;
  elapsedMs: number;
  /** The run only priced the stored trials again (an edit of prices or the plan). */
  repriced?: boolean;
  /** Running, with the costs already shown: only the tornado is still being computed. */
  tornadoPending?: boolean;
  /** Refused before its trials: it would not fit in the tab's memory (the message says what fits). */
  tooLarge?: boolean;
}

/** Everything the page shows; views read it, actions replace parts of it. */
export interface AppState {
  isSample: boolean;
  /** The scenario being edited (model/draft.ts), read by the scenario reader on run. */
  scenario: ScenarioDraft;
  catalogue: PriceCatalogue | null;
  data: LoadedData | null;
  /** The loaded data is the sample's own history (a new customer drops it). */
  sampleData: boolean;
  /** The file to read again with another mapping or timezone. */
  file: File | null;
  loading: LoadingState | null;
  loadError: string | null;
  history: HistoryView | null;
  historyBusy: boolean;
  historyError: string | null;
  problems: string[];
  run: RunState;
  answer: AnswerView | null;
  /** What the answer was computed for (inputsKey): shown only under the same inputs' heading. */
  answerKey: string;
  /** The zone a FlexNet log's header names, used to read it until the user confirms or changes it. */
  zoneProposal: { windowsName: string; zone: string; confirmed: boolean } | null;
  autoRerun: boolean;
  toast: string;
  pendingFileOptions: { timeZone: string; map: Record<string, string> };
  /** The licences text when it is not valid JSON (shown under the field), else ''. */
  licencesError: string;
}

/** Actions the views call. */
export interface AppActions {
  loadFile(file: File): void;
  reloadFile(options: { timeZone?: string; map?: Record<string, string> }): void;
  cancelLoad(): void;
  setScenario(update: (s: ScenarioDraft) => ScenarioDraft): void;
  setCatalogue(c: PriceCatalogue): void;
  useHistory(on: boolean): void;
  run(): void;
  cancelRun(): void;
  setAutoRerun(on: boolean): void;
  toast(message: string): void;
  setLicencesError(message: string): void;
  /** Replaces the scenario (e.g. with a shipped example); the loaded data stays. */
  startFrom(scenario: ScenarioDraft): void;
  /** An empty customer: no users, no holidays, the browser's timezone, the next 12 months. */
  newCustomer(): void;
  /** Fills the customer's groups from a template (model/templates.ts). */
  useTemplate(id: string): void;
  /** The user agrees the log's times are in the zone its header names. */
  confirmZone(): void;
}
