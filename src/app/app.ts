/**
 * The whole page: a lit element that draws the state its controller
 * (controller/app-controller.ts) holds, and the header's exports. Light
 * DOM, so the page stylesheet and print CSS apply and tests can query it.
 */
import { html, LitElement, nothing } from 'lit';
import { AppController } from './controller/app-controller.ts';
import { downloadText } from './export.ts';
import { isMissingRate, missingRates } from './model/rates-needed.ts';
import { answerCsv, answerJson } from './model/results-export.ts';
import { bySection } from './model/sections.ts';
import { encodeShare } from './model/share.ts';
import { SAMPLE_NOTE } from './sample.ts';
import type { AppActions, AppState } from './state.ts';
import { advancedSettings } from './views/advanced-settings.ts';
import { answerSection } from './views/answer-view.ts';
import { setChartWidth } from './views/chart-figure.ts';
import { dataPanel } from './views/data-panel.ts';
import { editors } from './views/editors.ts';
import { historySection } from './views/history-view.ts';
import { ratesStep } from './views/rates-step.ts';
import { runBar } from './views/run-bar.ts';
import './views/user-table.ts';

export class FlexcastApp extends LitElement {
  private readonly controller = new AppController({
    requestUpdate: () => this.requestUpdate(),
    rendered: async () => {
      await this.updateComplete;
      await (this.querySelector('fc-user-table') as LitElement | null)?.updateComplete;
    },
    dataset: this.dataset,
  });

  get state(): AppState {
    return this.controller.state;
  }

  get actions(): AppActions {
    return this.controller.actions;
  }

  /** Replaces parts of the state and redraws. */
  set(patch: Partial<AppState>): void {
    this.controller.set(patch);
  }

  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.controller.start();
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
    this.controller.close();
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
          <button type="button" @click=${() => void this.controller.clear()}>Clear workspace</button>
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

customElements.define('flexcast-app', FlexcastApp);
