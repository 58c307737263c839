import { html, nothing, type TemplateResult } from 'lit';
import { fixed } from '../../engine/format.ts';
import { formatCount } from '../format.ts';
import { nextTwelveMonths } from '../model/customer.ts';
import { type HorizonDraft, section } from '../model/draft.ts';
import { localToday } from '../model/inputs.ts';
import { missingRates } from '../model/rates-needed.ts';
import { type AppActions, type AppState, AUTO_RERUN_MAX_TRIALS } from '../state.ts';
import { numberOrText } from './number-or-text.ts';
import { problemBox } from './problem-box.ts';

/** Horizon; Run and Cancel; progress of the run (how many years are simulated is under Advanced settings). */
/** Opens the folded "Advanced settings" at the number of simulated years. */
function openAdvanced(e: Event): void {
  e.preventDefault();
  const details = document.querySelector<HTMLDetailsElement>('#advanced-settings');
  if (!details) return;
  details.open = true;
  details.scrollIntoView({ block: 'start' });
  document.querySelector<HTMLInputElement>('#trials')?.focus();
}

export function runBar(s: AppState, a: AppActions, problems: string[]): TemplateResult {
  const sc = s.scenario;
  const horizon = section(sc.horizon);
  const r = s.run;
  const running = r.status === 'running';
  const pct = r.trials > 0 ? Math.round((100 * r.trialsDone) / r.trials) : 0;
  const setHorizon = (patch: HorizonDraft) =>
    a.setScenario((x) => ({ ...x, horizon: { ...section(x.horizon), ...patch } }));
  // A file's product without a daily rate: nothing runs until it has one (a finished run shown here would be another input's).
  const waiting = !running && missingRates(s).length > 0;
  const status = waiting
    ? 'Waiting for a daily rate (see "Daily rate needed").'
    : r.status === 'running' && r.tornadoPending
      ? `Costs ${r.repriced ? 'priced again' : 'in'} after ${fixed(r.elapsedMs / 1000, 2)} s; working out "What moves the answer"`
      : r.status === 'running'
        ? `Running: ${formatCount(r.trialsDone)} of ${formatCount(r.trials)} simulated years`
        : r.status === 'done' && r.repriced
          ? `Done: ${formatCount(r.trials)} simulated years priced again in ${fixed(r.elapsedMs / 1000, 2)} s; only prices or the plan changed`
          : r.status === 'done'
            ? `Done: ${formatCount(r.trials)} simulated years in ${fixed(r.elapsedMs / 1000, 1)} s`
            : r.message;
  return html`<section class="panel" id="run" aria-labelledby="run-title">
    <h2 id="run-title" class="visually-hidden">Run the simulation</h2>
    <div class="runbar">
      <div class="field"><label for="horizon-start">Forecast from</label>
        <input id="horizon-start" type="date" .value=${String(horizon.start ?? '')} @change=${(e: Event) => setHorizon({ start: (e.target as HTMLInputElement).value })} /></div>
      <div class="field"><label for="horizon-days">Days</label>
        <input id="horizon-days" type="number" min="7" step="1" .value=${String(horizon.days ?? 365)} @change=${(e: Event) => setHorizon({ days: numberOrText((e.target as HTMLInputElement).value) })} /></div>
      <div class="field"><span class="label">Horizon</span>
        <div class="row tight">
          <button type="button" class="small" id="horizon-today" title="The next 12 months from today" @click=${() => setHorizon(nextTwelveMonths(localToday()))}>Next 12 months</button>
          ${s.history ? html`<button type="button" class="small" id="horizon-history" title="The 12 months after the last day of the history" @click=${() => setHorizon(nextTwelveMonths(new Date((s.history?.until ?? 0) + 86_400_000).toISOString().slice(0, 10)))}>After the history</button>` : nothing}
        </div></div>
      <p class="small-text muted" id="run-years">${formatCount(Number(sc.trials ?? 1000))} simulated years <a href="#advanced-settings" @click=${openAdvanced}>(change)</a></p>
      <button type="button" class="primary" id="run-button" @click=${() => a.run()}>${running ? 'Restart' : 'Run'}</button>
      <button type="button" id="cancel-button" @click=${() => a.cancelRun()} ?disabled=${!running}>Cancel</button>
      <label><input type="checkbox" .checked=${s.autoRerun} @change=${(e: Event) => a.setAutoRerun((e.target as HTMLInputElement).checked)} /> Rerun on edit (up to ${formatCount(AUTO_RERUN_MAX_TRIALS)} simulated years)</label>
      <div class="status">
        <progress id="run-progress" max="100" .value=${waiting ? 0 : r.status === 'done' ? 100 : pct} aria-label="Simulation progress"></progress>
        <div id="run-status" role="status" aria-live="polite" class=${r.status === 'error' ? 'error' : 'muted small-text'} data-status=${r.status} data-run=${r.id} data-repriced=${r.repriced ? 'true' : 'false'} data-stage=${r.tornadoPending ? 'tornado' : r.status} data-too-large=${r.tooLarge ? 'true' : 'false'}>${status}${r.status === 'error' && r.tooLarge ? html` <a href="#advanced-settings" id="run-too-large-settings" @click=${openAdvanced}>Open Advanced settings</a>` : nothing}</div>
      </div>
    </div>
    ${problemBox('run', problems, s.scenario)}
    ${s.scenario.name ? html`<p class="small-text"><strong>${String(s.scenario.name)}</strong>${s.scenario.description ? html` — <span class="muted">${String(s.scenario.description)}</span>` : nothing}</p>` : nothing}
  </section>`;
}
