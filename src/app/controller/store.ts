/**
 * What the page's controllers share: the state with its one setter, the
 * actions, and the element they draw on. A leaf module, so the controllers
 * (loading, runs, persistence) import it and never each other's owner.
 */
import type { AppActions, AppState } from '../state.ts';

/** The element a controller draws on (the lit element, or a stand-in). */
export interface ControllerHost {
  /** Redraws with the state as it is now. */
  requestUpdate(): void;
  /** Resolves once the page shows the state set so far (the user table included). */
  rendered(): Promise<void>;
  /** Marks the browser tests wait for (`data-saved`, `data-idle-after-run`, ...). */
  readonly dataset: DOMStringMap;
}

/** The state, its setters and the actions, as the controllers see them. */
export interface Store {
  readonly state: AppState;
  /** Replaces parts of the state and redraws. */
  set(patch: Partial<AppState>): void;
  /** Replaces parts of the state without a redraw (the next one shows them). */
  setQuietly(patch: Partial<AppState>): void;
  readonly actions: AppActions;
  readonly host: ControllerHost;
}
