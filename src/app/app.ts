import { html, LitElement, nothing } from 'lit';
import type { PriceCatalogue } from '../cost/catalogue.ts';
import { mergeCatalogue } from '../cost/edit-catalogue.ts';
import { scenarioStamp } from '../cost/price-run.ts';
import { flexnetHeaderZone } from '../ingest/flexnet-zone.ts';
import { type HistoryClient, historyClient } from './bridge/history-client.ts';
import { type IngestClient, ingestClient } from './bridge/ingest-client.ts';
import { clearPhases, phase } from './bridge/phase.ts';
import { isAbort } from './bridge/pool.ts';
import { ScenarioError, type Simulator } from './bridge/simulator.ts';
import { createSimulator } from './bridge/simulator-pool.ts';
import { downloadText } from './export.ts';
import { formatCount } from './format.ts';
import { fillFromTemplate, newCustomer } from './model/customer.ts';
import {
  FORECAST_FROM,
  inputsKey,
  leaveSample,
  localToday,
  localZone,
  obj,
  withHistory,
} from './model/inputs.ts';
import { answerCsv, answerJson } from './model/results-export.ts';
import { bySection } from './model/sections.ts';
import { decodeShare, encodeShare } from './model/share.ts';
import { TEMPLATES } from './model/templates.ts';
import { clearWorkspace, loadWorkspace, saveWorkspace, WorkspaceError } from './storage.ts';
import { advancedSettings } from './views/advanced-settings.ts';
import { answerSection } from './views/answer-view.ts';
import { setChartWidth } from './views/chart-figure.ts';
import { dataPanel } from './views/data-panel.ts';
import { editors } from './views/editors.ts';
import { historySection } from './views/history-view.ts';
import { isMissingRate, missingRates, ratesStep } from './views/rates-step.ts';
import { runBar } from './views/run-bar.ts';
import './views/user-table.ts';
import { loadSample, SAMPLE_NOTE, SAMPLE_TIME_ZONE, type Sample } from './sample.ts';
import {
  type AppActions,
  type AppState,
  AUTO_RERUN_MAX_TRIALS,
  type LoadedData,
  type RunState,
} from './state.ts';

/** Quiet time after an edit before the automatic rerun. */
const RERUN_DELAY_MS = 400;
/** Shortest time between two redraws for progress alone (about 7 a second). */
const PROGRESS_EVERY_MS = 150;

/** The whole page. Light DOM, so the page stylesheet and print CSS apply and tests can query it. */
export class FlexcastApp extends LitElement {
  state: AppState = {
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

  private ingest: IngestClient | null = null;
  private historyWorker: HistoryClient | null = null;
  private simulator: Simulator | null = null;
  private runAbort: AbortController | null = null;
  private rerunTimer: ReturnType<typeof setTimeout> | undefined;
  private progressTimer: ReturnType<typeof setTimeout> | undefined;
  /** performance.now() when progress was last drawn. */
  private progressDrawn = Number.NEGATIVE_INFINITY;
  private saveTimer: ReturnType<typeof setTimeout> | undefined;
  /** Saves asked for since the page opened (`data-save-requested`; `data-saved` is the last done). */
  private saveRequests = 0;
  /** The rates the history view was metered with. */
  private historyRates = '';

  readonly actions: AppActions = {
    loadFile: (file) => void this.loadNewFile(file),
    reloadFile: (o) => {
      const file = this.state.file;
      if (!file) return;
      // A zone the user picks is their answer to the header's proposal.
      const z = this.state.zoneProposal;
      if (o.timeZone && z) this.set({ zoneProposal: { ...z, confirmed: true } });
      void this.loadFile(
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
    run: () => void this.runSimulation(),
    cancelRun: () => this.runAbort?.abort(),
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
      const described = !this.state.isSample && !obj(s.population).history;
      const base = described ? s : newCustomer(localToday(), localZone());
      if (!described && this.state.sampleData)
        this.set({ data: null, file: null, history: null, sampleData: false });
      this.actions.startFrom(fillFromTemplate(base, t.scenario, t.label));
    },
  };
  /** The shipped price table, once loaded. */
  private shippedCatalogue: PriceCatalogue | null = null;

  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  /** Replaces parts of the state and redraws. */
  set(patch: Partial<AppState>): void {
    this.state = { ...this.state, ...patch };
    this.requestUpdate();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.start();
  }

  private resize: ResizeObserver | null = null;

  protected override firstUpdated(): void {
    const column = this.querySelector('.results');
    if (!column) return;
    setChartWidth(column.clientWidth);
    this.resize = new ResizeObserver((entries) => {
      const w = entries[0]?.contentRect.width ?? 0;
      if (w > 0 && setChartWidth(w)) this.requestUpdate();
    });
    this.resize.observe(column);
    this.requestUpdate();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.resize?.disconnect();
    this.simulator?.close();
    this.simulator = null;
    this.ingest?.close();
    this.historyWorker?.close();
  }

  /** Opens with a shared scenario, else the last workspace, else the sample; then runs it. */
  private async start(): Promise<void> {
    // The workers start while the sample loads, so the first run does not wait for them.
    this.startSimulator();
    const sample = await loadSample();
    this.shippedCatalogue = sample.catalogue;
    let workspaceProblem = '';
    try {
      const shared = await decodeShare(location.hash);
      if (shared && typeof shared === 'object') {
        const scenario = shared as Record<string, unknown>;
        this.set({
          scenario,
          catalogue: catalogueOf(scenario, sample.catalogue),
          isSample: false,
          toast: 'Scenario restored from the share link (it carries no usage data).',
        });
        void this.runSimulation();
        return;
      }
      // A stored workspace that fails its checks is set aside by storage.ts: say so, start clean.
      const saved = (await loadWorkspace().catch((e: unknown) => {
        if (e instanceof WorkspaceError) workspaceProblem = e.message;
        return undefined;
      })) as SavedWorkspace | undefined;
      if (saved?.version === 1) {
        this.set({
          scenario: saved.scenario,
          catalogue: catalogueOf(saved.scenario, sample.catalogue),
          data: saved.data,
          isSample: false,
          toast:
            'Your last workspace was restored from this browser. "Clear workspace" forgets it.',
        });
        if (saved.data) void this.analyseHistory();
        void this.runSimulation();
        return;
      }
    } catch (e) {
      this.set({ toast: (e as Error).message });
    }
    await this.openSample(sample);
    if (workspaceProblem) this.set({ toast: workspaceProblem });
  }

  /** Shows the sample: its scenario, run at once, and its history, loaded like a user's file. */
  private async openSample(sample: Sample): Promise<void> {
    const usesHistory = Boolean((sample.scenario.population as { history?: unknown })?.history);
    this.set({
      scenario: sample.scenario,
      catalogue: sample.catalogue,
      data: null,
      file: null,
      history: null,
      isSample: true,
      loadError: null,
    });
    const loading = sample.historyFile
      ? this.loadFile(
          sample.historyFile,
          { timeZone: SAMPLE_TIME_ZONE, map: {} },
          {
            attach: false,
            sample: true,
          },
        )
      : Promise.resolve();
    // A scenario fitted on the history waits for it; a described one runs at once.
    if (usesHistory) await loading;
    void this.runSimulation();
  }

  /**
   * A file the user picked: a FlexNet log is read in the zone its header
   * names (the user is asked to confirm it), anything else in UTC until the
   * user picks a zone.
   */
  private async loadNewFile(file: File): Promise<void> {
    let timeZone = 'UTC';
    let zoneProposal: AppState['zoneProposal'] = null;
    try {
      const header = flexnetHeaderZone(await file.slice(0, HEADER_BYTES).text());
      if (header?.zone) {
        timeZone = header.zone;
        zoneProposal = { windowsName: header.windowsName, zone: header.zone, confirmed: false };
      }
    } catch {
      // An unreadable start is reported by the ingest itself.
    }
    this.set({ zoneProposal });
    await this.loadFile(file, { timeZone, map: {} }, { attach: true });
  }

  /**
   * Reads a file in the ingest worker. `attach` makes the scenario use it as
   * its history; `sample` keeps the page marked as showing the sample.
   */
  private async loadFile(
    file: File,
    options: { timeZone: string; map: Record<string, string> },
    how: { attach: boolean; sample?: boolean },
  ): Promise<void> {
    this.state.loading?.cancel();
    const wasSample = this.state.isSample;
    this.ingest ??= ingestClient();
    const abort = new AbortController();
    this.set({
      file,
      loadError: null,
      loading: { fileName: file.name, bytes: 0, total: file.size, cancel: () => abort.abort() },
    });
    try {
      const { ingested, sha256 } = await this.ingest.read(
        file,
        { file: file.name, timeZone: options.timeZone, map: options.map },
        (bytes, total) => {
          if (this.state.loading) this.set({ loading: { ...this.state.loading, bytes, total } });
        },
        abort.signal,
      );
      const data: LoadedData = {
        fileName: file.name,
        size: file.size,
        sha256,
        ingested,
        timeZone: options.timeZone,
        map: options.map,
      };
      const fatal = ingested.report.fatal;
      this.set({
        loading: null,
        data,
        sampleData: how.sample === true,
        isSample: how.sample === true,
        history: null,
        loadError: fatal ? `${fatal.file}: ${fatal.reason}` : null,
      });
      if (!fatal && ingested.report.records > 0) {
        void this.analyseHistory();
        // Leaving the sample: keep its settings, drop what only fits the sample's own users.
        const fromSample = this.state.isSample || wasSample;
        if (how.attach)
          this.actions.setScenario((s) => {
            const named = {
              ...s,
              name: `${FORECAST_FROM}${file.name}`,
              description: `Demand over the horizon, replaying whole weeks of the usage in ${file.name} for everyone together.`,
            };
            // A name the page gave after an earlier file follows the new file; a user's own name stays.
            const pageNamed = String(s.name ?? '').startsWith(FORECAST_FROM);
            const kept = fromSample ? leaveSample(named) : pageNamed ? named : s;
            // The file's zone is the customer's calendar zone too.
            return withHistory({ ...kept, timezone: data.timeZone }, data);
          });
      }
    } catch (e) {
      this.set({
        loading: null,
        loadError: isAbort(e)
          ? `Loading ${file.name} was cancelled.`
          : `${file.name} could not be read: ${(e as Error).message}`,
      });
    }
  }

  private async analyseHistory(): Promise<void> {
    const data = this.state.data;
    if (data?.ingested.kind !== 'sessions') {
      this.set({ history: null, historyBusy: false, historyError: null });
      return;
    }
    this.historyWorker ??= historyClient();
    this.historyRates = JSON.stringify(this.state.scenario.rates ?? {});
    this.set({ historyBusy: true, historyError: null });
    try {
      const rates = this.state.scenario.rates as Record<string, number> | undefined;
      const history = await this.historyWorker.history(data.ingested.sessions, {
        rates: { ...(await defaultRates()), ...(rates ?? {}) },
        timeZone: data.timeZone,
      });
      if (this.state.data === data) this.set({ history, historyBusy: false });
    } catch (e) {
      this.set({ historyBusy: false, historyError: (e as Error).message });
    }
  }

  private scenarioChanged(): void {
    clearTimeout(this.saveTimer);
    // Tests wait for `data-saved` to reach `data-save-requested` rather than for the delay.
    const request = ++this.saveRequests;
    this.dataset.saveRequested = String(request);
    this.saveTimer = setTimeout(() => void this.save(request), 300);
    // The history view depends on the rates only.
    const rates = JSON.stringify(this.state.scenario.rates ?? {});
    if (this.state.data && rates !== this.historyRates) void this.analyseHistory();
    clearTimeout(this.rerunTimer);
    const trials = Number(this.state.scenario.trials ?? 1000);
    if (this.state.autoRerun && trials <= AUTO_RERUN_MAX_TRIALS)
      this.rerunTimer = setTimeout(
        () => void this.runSimulation({ reprice: true }),
        RERUN_DELAY_MS,
      );
  }

  private async save(request = this.saveRequests): Promise<void> {
    const value: SavedWorkspace = {
      version: 1,
      scenario: this.state.scenario,
      data: this.state.data,
    };
    try {
      await saveWorkspace(value);
      this.dataset.saved = String(request);
    } catch (e) {
      this.set({
        toast: `The workspace could not be kept in this browser: ${(e as Error).message}`,
      });
    }
  }

  async clear(): Promise<void> {
    await clearWorkspace().catch(() => undefined);
    history.replaceState(null, '', location.pathname);
    this.set({ toast: 'Workspace cleared: back to the sample.' });
    await this.openSample(await loadSample());
  }

  private startSimulator(): Simulator {
    this.simulator ??= createSimulator({
      onCrash: (e) =>
        this.set({ toast: `A simulation worker crashed and was replaced (${e.message}).` }),
    });
    return this.simulator;
  }

  /**
   * Runs the scenario. `reprice`: an edit's rerun may only price the stored
   * trials again when the edit cannot change usage; Run always runs them.
   */
  private async runSimulation(how: { reprice?: boolean } = {}): Promise<void> {
    this.runAbort?.abort();
    const abort = new AbortController();
    this.runAbort = abort;
    const simulator = this.startSimulator();
    const trials = Number(this.state.scenario.trials ?? 0);
    const answerKey = inputsKey(this.state);
    clearPhases();
    const started = performance.now();
    this.set({
      problems: [],
      run: {
        id: this.state.run.id + 1,
        status: 'running',
        trialsDone: 0,
        trials,
        message: '',
        started,
        elapsedMs: 0,
      },
    });
    try {
      const answer = await simulator.run(
        {
          scenario: this.state.scenario,
          history: this.state.data?.ingested ?? null,
          reprice: how.reprice === true,
        },
        (partial, progress) => {
          if (
            abort.signal.aborted ||
            this.runAbort !== abort ||
            this.state.run.status !== 'running'
          )
            return;
          // Progress never goes backwards: a partial answer may be of fewer trials than already counted.
          const run = {
            ...this.state.run,
            trialsDone: Math.max(this.state.run.trialsDone, progress.trialsDone),
            trials: progress.trials,
            elapsedMs: performance.now() - started,
          };
          if (partial) this.set({ answer: partial, answerKey, run });
          else this.showProgress(run);
        },
        abort.signal,
      );
      // A newer run took over; a cancel that came after the whole answer is in changes nothing.
      if (this.runAbort !== abort) return;
      // The answer is drawn first; `done` (and the time it shows) follows once it is on the page.
      const drawing = performance.now();
      this.set({ answer, answerKey, run: { ...this.state.run, trialsDone: answer.trials } });
      await this.updateComplete;
      await (this.querySelector('fc-user-table') as LitElement | null)?.updateComplete;
      if (this.runAbort !== abort) return;
      phase('render', drawing);
      this.set({
        run: {
          id: this.state.run.id,
          status: 'done',
          trialsDone: answer.trials,
          trials: answer.trials,
          message: '',
          started,
          elapsedMs: performance.now() - started,
          repriced: answer.repriced === true,
        },
      });
      phase('run', started);
    } catch (e) {
      if (this.runAbort !== abort && isAbort(e)) return;
      const elapsedMs = performance.now() - started;
      if (isAbort(e)) {
        this.set({
          run: {
            ...this.state.run,
            status: 'cancelled',
            message: `Cancelled after ${formatCount(this.state.run.trialsDone)} of ${formatCount(this.state.run.trials)} simulated years.`,
            elapsedMs,
          },
        });
        // Tasks of the cancelled run may still finish in their workers; say when none is left
        // (tests wait for this state instead of a while).
        const id = this.state.run.id;
        void simulator.idle().then(() => {
          this.dataset.idleAfterRun = String(id);
        });
      } else if (e instanceof ScenarioError)
        this.set({
          problems: [...e.problems],
          run: {
            ...this.state.run,
            status: 'error',
            message: 'The scenario has problems: see the marked fields.',
            elapsedMs,
          },
        });
      else
        this.set({
          run: { ...this.state.run, status: 'error', message: (e as Error).message, elapsedMs },
        });
    }
  }

  /**
   * Progress alone is drawn at most every PROGRESS_EVERY_MS: each redraw
   * lays the page out again on a core the trials need (the last state is
   * drawn when the wait is over).
   */
  private showProgress(run: RunState): void {
    this.state = { ...this.state, run };
    if (this.progressTimer !== undefined) return;
    const wait = PROGRESS_EVERY_MS - (performance.now() - this.progressDrawn);
    const draw = () => {
      this.progressTimer = undefined;
      this.progressDrawn = performance.now();
      this.requestUpdate();
    };
    if (wait <= 0) draw();
    else this.progressTimer = setTimeout(draw, wait);
  }

  private exportCsv(): void {
    const a = this.state.answer;
    if (a) downloadText(answerCsv(a), 'flexcast-results.csv', 'text/csv');
  }

  private exportJson(): void {
    const a = this.state.answer;
    if (a)
      downloadText(
        answerJson(a, this.state.scenario, this.state.data),
        'flexcast-results.json',
        'application/json',
      );
  }

  private async share(): Promise<void> {
    const hash = await encodeShare(this.state.scenario);
    const url = `${location.origin}${location.pathname}#${hash}`;
    history.replaceState(null, '', `#${hash}`);
    try {
      await navigator.clipboard.writeText(url);
      this.set({ toast: 'Share link copied. It holds the scenario, not your usage data.' });
    } catch {
      this.set({
        toast: 'Share link is in the address bar. It holds the scenario, not your usage data.',
      });
    }
  }

  override render() {
    const s = this.state;
    // A missing rate has its own step (views/rates-step.ts), not an error under a field.
    const rateStep = missingRates(s).length > 0;
    const problems = bySection(rateStep ? s.problems.filter((p) => !isMissingRate(p)) : s.problems);
    return html`
      <header class="top">
        <div class="brand">
          <h1>Flexcast</h1>
          <p>How many Autodesk Flex tokens to buy, and who should have a subscription instead.</p>
        </div>
        <nav class="actions" aria-label="Export and share">
          <button type="button" @click=${() => this.exportCsv()} ?disabled=${!s.answer}>Export CSV</button>
          <button type="button" @click=${() => this.exportJson()} ?disabled=${!s.answer}>Export JSON</button>
          <button type="button" @click=${() => window.print()} ?disabled=${!s.answer}>Print report</button>
          <button type="button" @click=${() => void this.share()}>Copy share link</button>
          <button type="button" @click=${() => void this.clear()}>Clear workspace</button>
        </nav>
      </header>
      ${s.isSample ? html`<p class="notice" id="sample-note" role="note">${SAMPLE_NOTE}</p>` : nothing}
      <p class="notice info" role="status" aria-live="polite" ?hidden=${!s.toast}>
        ${s.toast}
        <button type="button" class="link small" @click=${() => this.set({ toast: '' })} aria-label="Dismiss message">Dismiss</button>
      </p>
      <main class="layout">
        <div class="inputs" aria-label="Inputs">
          ${dataPanel(s, this.actions)}
          ${editors(s, this.actions, problems)}
          ${advancedSettings(s, this.actions, problems.advanced)}
        </div>
        <div class="results">
          ${runBar(s, this.actions, problems.run)}
          ${ratesStep(s, this.actions)}
          ${answerSection(s, this.actions)}
          ${historySection(s, this.actions)}
        </div>
      </main>
    `;
  }
}

/** Bytes read to find a FlexNet log's header (it comes first). */
const HEADER_BYTES = 65_536;

/** What IndexedDB keeps between visits. */
interface SavedWorkspace {
  version: 1;
  scenario: Record<string, unknown>;
  data: LoadedData | null;
}

/** The catalogue a scenario uses: its own prices object, else the shipped one. */
function catalogueOf(
  scenario: Record<string, unknown>,
  shipped: PriceCatalogue | null,
): PriceCatalogue | null {
  const p = scenario.prices;
  if (!p || typeof p !== 'object' || !shipped) return shipped;
  // The scenario's prices over the shipped ones, entry by entry, as the cost comparison merges them.
  return (
    mergeCatalogue(shipped, p, scenarioStamp({ name: String(scenario.name ?? '') })).catalogue ??
    shipped
  );
}

async function defaultRates(): Promise<Record<string, number>> {
  const { DEFAULT_RATES } = await import('../engine/rates.ts');
  return DEFAULT_RATES as Record<string, number>;
}

customElements.define('flexcast-app', FlexcastApp);
