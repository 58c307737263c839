/**
 * The page's controller: the state, the actions the views call, and what
 * the page does on its own (open, load, run, save), delegated to its parts
 * (loading.ts, runs.ts, persistence.ts). The lit element (app.ts) only
 * draws the state; a change of state asks it to draw again.
 */
import type { PriceCatalogue } from '../../cost/catalogue.ts';
import { fillFromTemplate, newCustomer } from '../model/customer.ts';
import { section } from '../model/draft.ts';
import { localToday, localZone, withHistory } from '../model/inputs.ts';
import { catalogueOf } from '../model/scenario-catalogue.ts';
import { TEMPLATES } from '../model/templates.ts';
import { loadSample } from '../sample.ts';
import type { AppActions, AppState } from '../state.ts';
import { Loading } from './loading.ts';
import { Persistence } from './persistence.ts';
import { Runs } from './runs.ts';
import type { ControllerHost, Store } from './store.ts';

/** The state the page opens with, before the sample or a workspace is loaded. */
function initialState(): AppState {
  return {
    isSample: false,
    scenario: {},
    catalogue: null,
    data: null,
    sampleData: false,
    file: null,
    loading: null,
    loadError: null,
    history: null,
    historyBusy: false,
    historyError: null,
    problems: [],
    run: { id: 0, status: 'idle', trialsDone: 0, trials: 0, message: '', started: 0, elapsedMs: 0 },
    answer: null,
    answerKey: '',
    zoneProposal: null,
    autoRerun: true,
    toast: '',
    pendingFileOptions: { timeZone: 'UTC', map: {} },
    licencesError: '',
  };
}

export class AppController implements Store {
  state: AppState = initialState();
  private readonly loading = new Loading(this);
  private readonly runs = new Runs(this);
  private readonly persistence = new Persistence(this);
  /** The shipped price table, once loaded. */
  private shippedCatalogue: PriceCatalogue | null = null;

  constructor(readonly host: ControllerHost) {}

  set(patch: Partial<AppState>): void {
    this.setQuietly(patch);
    this.host.requestUpdate();
  }

  setQuietly(patch: Partial<AppState>): void {
    this.state = { ...this.state, ...patch };
  }

  readonly actions: AppActions = {
    loadFile: (file) => void this.loading.newFile(file),
    reloadFile: (o) => {
      const file = this.state.file;
      if (!file) return;
      // A zone the user picks is their answer to the header's proposal.
      const z = this.state.zoneProposal;
      if (o.timeZone && z) this.set({ zoneProposal: { ...z, confirmed: true } });
      void this.loading.file(
        file,
        {
          timeZone: o.timeZone ?? this.state.data?.timeZone ?? 'UTC',
          map: o.map ?? this.state.data?.map ?? {},
        },
        { attach: true },
      );
    },
    cancelLoad: () => this.state.loading?.cancel(),
    setScenario: (update) => {
      this.set({ scenario: update(structuredClone(this.state.scenario)), isSample: false });
      this.scenarioChanged();
    },
    setCatalogue: (c) => {
      this.set({ catalogue: c });
      this.actions.setScenario((s) => ({ ...s, prices: c }));
    },
    useHistory: (on) =>
      this.actions.setScenario((s) => withHistory(s, on ? this.state.data : null)),
    run: () => void this.runs.run(),
    cancelRun: () => this.runs.cancel(),
    setAutoRerun: (on) => this.set({ autoRerun: on }),
    toast: (message) => this.set({ toast: message }),
    setLicencesError: (message) => this.set({ licencesError: message }),
    startFrom: (scenario) => {
      this.set({ catalogue: catalogueOf(scenario, this.shippedCatalogue) });
      this.actions.setScenario(() => structuredClone(scenario));
    },
    confirmZone: () => {
      const z = this.state.zoneProposal;
      if (z) this.set({ zoneProposal: { ...z, confirmed: true } });
    },
    newCustomer: () => {
      // The sample's history is no customer's: it goes with the sample.
      if (this.state.sampleData)
        this.set({ data: null, file: null, history: null, sampleData: false });
      this.actions.startFrom(newCustomer(localToday(), localZone()));
    },
    useTemplate: (id) => {
      const t = TEMPLATES.find((x) => x.id === id);
      if (!t) return;
      const s = this.state.scenario;
      // The customer's own calendar and plan stay; a sample's or a file's never come along.
      const described = !this.state.isSample && !section(s.population).history;
      const base = described ? s : newCustomer(localToday(), localZone());
      if (!described && this.state.sampleData)
        this.set({ data: null, file: null, history: null, sampleData: false });
      this.actions.startFrom(fillFromTemplate(base, t.scenario, t.label));
    },
  };

  /** Opens with a shared scenario, else the last workspace, else the sample; then runs it. */
  async start(): Promise<void> {
    // The workers start while the sample loads, so the first run does not wait for them.
    this.runs.simulatorStarted();
    const sample = await loadSample();
    this.shippedCatalogue = sample.catalogue;
    let workspaceProblem = '';
    try {
      const restored = await this.persistence.restore();
      if (restored.from === 'share') {
        this.set({
          scenario: restored.scenario,
          catalogue: catalogueOf(restored.scenario, sample.catalogue),
          isSample: false,
          toast: 'Scenario restored from the share link (it carries no usage data).',
        });
        void this.runs.run();
        return;
      }
      if (restored.from === 'workspace') {
        this.set({
          scenario: restored.scenario,
          catalogue: catalogueOf(restored.scenario, sample.catalogue),
          data: restored.data,
          isSample: false,
          toast:
            'Your last workspace was restored from this browser. "Clear workspace" forgets it.',
        });
        if (restored.data) void this.loading.analyseHistory();
        void this.runs.run();
        return;
      }
      workspaceProblem = restored.problem;
    } catch (e) {
      this.set({ toast: (e as Error).message });
    }
    await this.loading.sample(sample, () => void this.runs.run());
    if (workspaceProblem) this.set({ toast: workspaceProblem });
  }

  /** Forgets the workspace and the share link, and opens the sample again. */
  async clear(): Promise<void> {
    await this.persistence.clear();
    this.set({ toast: 'Workspace cleared: back to the sample.' });
    await this.loading.sample(await loadSample(), () => void this.runs.run());
  }

  /** Ends every worker. */
  close(): void {
    this.runs.close();
    this.loading.close();
  }

  private scenarioChanged(): void {
    this.persistence.saveSoon();
    this.loading.ratesChanged();
    this.runs.rerunSoon(() => this.loading.historySettled());
  }
}
