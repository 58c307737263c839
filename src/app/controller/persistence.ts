/**
 * What the page keeps between visits: the workspace in IndexedDB, saved
 * shortly after each edit, and what a visit opens with (a share link, else
 * the last workspace).
 */
import type { ScenarioDraft } from '../model/draft.ts';
import { decodeShare } from '../model/share.ts';
import type { LoadedData } from '../state.ts';
import { clearWorkspace, loadWorkspace, saveWorkspace, WorkspaceError } from '../storage.ts';
import type { Store } from './store.ts';

/** Quiet time after an edit before the workspace is saved. */
const SAVE_DELAY_MS = 300;

/** What IndexedDB keeps between visits. */
interface SavedWorkspace {
  version: 1;
  scenario: ScenarioDraft;
  data: LoadedData | null;
}

/** What a visit opens with, besides the sample: a shared scenario or the last workspace. */
export type Restored =
  | { from: 'share'; scenario: ScenarioDraft }
  | { from: 'workspace'; scenario: ScenarioDraft; data: LoadedData | null }
  | { from: 'nothing'; problem: string };

export class Persistence {
  private saveTimer: ReturnType<typeof setTimeout> | undefined;
  /** Saves asked for since the page opened (`data-save-requested`; `data-saved` is the last done). */
  private saveRequests = 0;

  constructor(private readonly store: Store) {}

  /**
   * The scenario of the share link in the address, else the workspace kept
   * in this browser; a workspace that fails its checks is set aside by
   * storage.ts and its problem said.
   */
  async restore(): Promise<Restored> {
    const shared = await decodeShare(location.hash);
    if (shared) return { from: 'share', scenario: shared };
    let problem = '';
    const saved = (await loadWorkspace().catch((e: unknown) => {
      if (e instanceof WorkspaceError) problem = e.message;
      return undefined;
    })) as SavedWorkspace | undefined;
    if (saved?.version === 1)
      return { from: 'workspace', scenario: saved.scenario, data: saved.data };
    return { from: 'nothing', problem };
  }

  /** Saves the workspace once edits pause. */
  saveSoon(): void {
    clearTimeout(this.saveTimer);
    // Tests wait for `data-saved` to reach `data-save-requested` rather than for the delay.
    const request = ++this.saveRequests;
    this.store.host.dataset.saveRequested = String(request);
    this.saveTimer = setTimeout(() => void this.save(request), SAVE_DELAY_MS);
  }

  private async save(request: number): Promise<void> {
    const { scenario, data } = this.store.state;
    const value: SavedWorkspace = { version: 1, scenario, data };
    try {
      await saveWorkspace(value);
      this.store.host.dataset.saved = String(request);
    } catch (e) {
      this.store.set({
        toast: `The workspace could not be kept in this browser: ${(e as Error).message}`,
      });
    }
  }

  /** Forgets the workspace and the share link in the address. */
  async clear(): Promise<void> {
    await clearWorkspace().catch(() => undefined);
    history.replaceState(null, '', location.pathname);
  }
}
