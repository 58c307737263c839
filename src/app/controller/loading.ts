/**
 * Reading the user's files (and the sample's history) in the ingest
 * worker, and the history analysis of what was read, in the history worker.
 */
import type { RateTable } from '../../engine/rates.ts';
import { flexnetHeaderZone } from '../../ingest/flexnet-zone.ts';
import { type HistoryClient, historyClient } from '../bridge/history-client.ts';
import { type IngestClient, ingestClient } from '../bridge/ingest-client.ts';
import { isAbort } from '../bridge/pool.ts';
import { ratesOf, section } from '../model/draft.ts';
import { FORECAST_FROM, leaveSample, withHistory } from '../model/inputs.ts';
import { SAMPLE_TIME_ZONE, type Sample } from '../sample.ts';
import type { AppState, LoadedData } from '../state.ts';
import type { Store } from './store.ts';

/** Bytes read to find a FlexNet log's header (it comes first). */
const HEADER_BYTES = 65_536;

/** How a file is read: its timezone and the column map. */
export interface FileOptions {
  timeZone: string;
  map: Record<string, string>;
}

export class Loading {
  private ingest: IngestClient | null = null;
  private historyWorker: HistoryClient | null = null;
  /** The rates the history view was metered with. */
  private historyRates = '';
  /** The latest history analysis. */
  private analysis: Promise<void> = Promise.resolve();

  constructor(private readonly store: Store) {}

  /** Shows the sample: its scenario, run (`run`) at once, and its history, loaded like a user's file. */
  async sample(sample: Sample, run: () => void): Promise<void> {
    const usesHistory = Boolean(section(sample.scenario.population).history);
    this.store.set({
      scenario: sample.scenario,
      catalogue: sample.catalogue,
      data: null,
      file: null,
      history: null,
      isSample: true,
      loadError: null,
    });
    const loading = sample.historyFile
      ? this.file(
          sample.historyFile,
          { timeZone: SAMPLE_TIME_ZONE, map: {} },
          { attach: false, sample: true },
        )
      : Promise.resolve();
    // A scenario fitted on the history waits for it; a described one runs at once.
    if (usesHistory) await loading;
    run();
  }

  /**
   * A file the user picked: a FlexNet log is read in the zone its header
   * names (the user is asked to confirm it), anything else in UTC until the
   * user picks a zone.
   */
  async newFile(file: File): Promise<void> {
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
    this.store.set({ zoneProposal });
    await this.file(file, { timeZone, map: {} }, { attach: true });
  }

  /**
   * Reads a file in the ingest worker. `attach` makes the scenario use it as
   * its history; `sample` keeps the page marked as showing the sample.
   */
  async file(
    file: File,
    options: FileOptions,
    how: { attach: boolean; sample?: boolean },
  ): Promise<void> {
    const store = this.store;
    store.state.loading?.cancel();
    const wasSample = store.state.isSample;
    this.ingest ??= ingestClient();
    const abort = new AbortController();
    store.set({
      file,
      loadError: null,
      loading: { fileName: file.name, bytes: 0, total: file.size, cancel: () => abort.abort() },
    });
    try {
      const { ingested, sha256 } = await this.ingest.read(
        file,
        { file: file.name, timeZone: options.timeZone, map: options.map },
        (bytes, total) => {
          if (store.state.loading) store.set({ loading: { ...store.state.loading, bytes, total } });
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
      store.set({
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
        if (how.attach) this.attach(data, store.state.isSample || wasSample);
      }
    } catch (e) {
      store.set({
        loading: null,
        loadError: isAbort(e)
          ? `Loading ${file.name} was cancelled.`
          : `${file.name} could not be read: ${(e as Error).message}`,
      });
    }
  }

  /** Makes `data` the scenario's history, named after its file (`fromSample`: leaving the sample). */
  private attach(data: LoadedData, fromSample: boolean): void {
    const fileName = data.fileName;
    this.store.actions.setScenario((s) => {
      const named = {
        ...s,
        name: `${FORECAST_FROM}${fileName}`,
        description: `Demand over the horizon, replaying whole weeks of the usage in ${fileName} for everyone together.`,
      };
      // A name the page gave after an earlier file follows the new file; a user's own name stays.
      const pageNamed = String(s.name ?? '').startsWith(FORECAST_FROM);
      const kept = fromSample ? leaveSample(named) : pageNamed ? named : s;
      // The file's zone is the customer's calendar zone too.
      return withHistory({ ...kept, timezone: data.timeZone }, data);
    });
  }

  /** The history view of the loaded sessions, metered at the scenario's rates. */
  analyseHistory(): Promise<void> {
    this.analysis = this.analyse();
    return this.analysis;
  }

  /** Resolves once the latest history analysis has ended (it never rejects: errors are shown). */
  historySettled(): Promise<void> {
    return this.analysis;
  }

  private async analyse(): Promise<void> {
    const store = this.store;
    const data = store.state.data;
    if (data?.ingested.kind !== 'sessions') {
      store.set({ history: null, historyBusy: false, historyError: null });
      return;
    }
    this.historyWorker ??= historyClient();
    this.historyRates = JSON.stringify(store.state.scenario.rates ?? {});
    store.set({ historyBusy: true, historyError: null });
    try {
      // The rates as the form holds them: a rate typed as text is not read here but passed on,
      // as before the draft was typed (the scenario reader reports it, with its path, on run).
      const rates = { ...(await defaultRates()), ...ratesOf(store.state.scenario) } as RateTable;
      const history = await this.historyWorker.history(data.ingested.sessions, {
        rates,
        timeZone: data.timeZone,
      });
      if (store.state.data === data) store.set({ history, historyBusy: false });
    } catch (e) {
      store.set({ historyBusy: false, historyError: (e as Error).message });
    }
  }

  /** Analyses the history again when the scenario's rates changed (the view depends on them alone). */
  ratesChanged(): void {
    const rates = JSON.stringify(this.store.state.scenario.rates ?? {});
    if (this.store.state.data && rates !== this.historyRates) void this.analyseHistory();
  }

  close(): void {
    this.ingest?.close();
    this.historyWorker?.close();
  }
}

async function defaultRates(): Promise<Record<string, number>> {
  const { DEFAULT_RATES } = await import('../../engine/rates.ts');
  return DEFAULT_RATES as Record<string, number>;
}
