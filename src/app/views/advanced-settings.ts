/**
 * "Advanced settings", folded: every scenario value that shapes the run
 * but not a newcomer's question (how many years are simulated and the
 * starting number of their random draws, the year-to-year change, how a
 * usage history is read, the changes over the horizon). Shown, so that
 * what the page simulates is what it shows.
 */

import { html, nothing, type TemplateResult } from 'lit';
import { decimals } from '../../engine/format.ts';
import { DRIFT_TEAM_SD, DRIFT_USER_SD } from '../../sim/drift.ts';
import { formatCount } from '../format.ts';
import { changeInWords } from '../model/changes.ts';
import {
  type BacktestDraft,
  type HistoryDraft,
  listOf,
  type ScenarioDraft,
  section,
} from '../model/draft.ts';
import type { AppActions, AppState } from '../state.ts';
import { numberOrText } from './number-or-text.ts';
import { problemBox } from './problem-box.ts';

const value = (e: Event) => (e.target as HTMLInputElement).value.trim();

/** A percent typed in the form as a share (5 -> 0.05); text stays text, for the scenario check. */
function share(text: string): number | string {
  const v = numberOrText(text);
  return typeof v === 'number' ? v / 100 : v;
}

/** A share as the form shows it in percent (0.05 -> "5"). */
function percentText(v: unknown): string {
  return typeof v === 'number' ? decimals(v * 100, 4) : v === undefined ? '' : String(v);
}

/** Users not seen for this many weeks have left (the scenario's default). */
const INACTIVE_WEEKS = 8;

export function advancedSettings(s: AppState, a: AppActions, problems: string[]): TemplateResult {
  const sc = s.scenario;
  const set = (patch: ScenarioDraft) => a.setScenario((x) => ({ ...x, ...patch }));
  return html`<section class="panel" id="advanced" aria-labelledby="advanced-title">
    <details id="advanced-settings">
      <summary id="advanced-title">Advanced settings</summary>
      <p class="muted small-text">Values that shape every forecast; the defaults suit most teams.</p>
      <fieldset class="settings" id="advanced-run">
        <legend>The simulation</legend>
        <div class="row">
          <div class="field"><label for="trials" title="Each simulated year (a trial) is one way the coming year could go">Simulated years</label>
            <input id="trials" type="number" min="1" step="100" .value=${String(sc.trials ?? 1000)} @change=${(e: Event) => set({ trials: numberOrText(value(e)) })} /></div>
          <div class="field"><label for="seed">Starting number of the random draws (seed)</label>
            <input id="seed" size="10" .value=${String(sc.seed ?? '1')} @change=${(e: Event) => set({ seed: value(e) })} /></div>
        </div>
        <p class="muted small-text">More simulated years give steadier numbers and take longer. The same starting number gives the same numbers, here and in the command-line tool.</p>
      </fieldset>
      ${driftFields(sc, a)}
      ${historyFields(sc, a)}
      ${changesList(sc, a)}
    </details>
    ${problemBox('advanced', problems, sc)}
  </section>`;
}

/** Year-to-year change (the scenario's `drift`): empty fields are the defaults, said in the note. */
function driftFields(sc: ScenarioDraft, a: AppActions): TemplateResult {
  const drift = sc.drift === undefined ? null : section(sc.drift);
  const setDrift = (key: 'teamSd' | 'userSd') => (e: Event) =>
    a.setScenario((x) => {
      const next = { ...section(x.drift) };
      const v = value(e);
      if (v === '') delete next[key];
      else next[key] = share(v);
      const { drift: _, ...rest } = x;
      return Object.keys(next).length > 0 ? { ...x, drift: next } : rest;
    });
  return html`<fieldset class="settings" id="advanced-drift">
    <legend>Year-to-year change</legend>
    <div class="row">
      <div class="field"><label for="drift-team">Whole team, typical change a year (%)</label>
        <input id="drift-team" type="number" min="0" step="0.5" placeholder=${percentText(DRIFT_TEAM_SD)} .value=${percentText(drift?.teamSd)} @change=${setDrift('teamSd')} /></div>
      <div class="field"><label for="drift-user">Each user, typical change a year (%)</label>
        <input id="drift-user" type="number" min="0" step="0.5" placeholder=${percentText(DRIFT_USER_SD)} .value=${percentText(drift?.userSd)} @change=${setDrift('userSd')} /></div>
    </div>
    <p class="muted small-text" id="drift-note">${
      drift
        ? 'As entered: the forecast uses these, also with a usage history.'
        : `Empty: ${percentText(DRIFT_TEAM_SD)} % and ${percentText(DRIFT_USER_SD)} %, or what the usage history shows when it is larger.`
    }</p>
  </fieldset>`;
}

/** How a usage history is read (the scenario's `population.history`): shown when one is simulated. */
function historyFields(sc: ScenarioDraft, a: AppActions): TemplateResult {
  const population = section(sc.population);
  if (!population.history)
    return html`<fieldset class="settings" id="advanced-history">
      <legend>Reading the usage history</legend>
      <p class="muted small-text">Used when the users of a loaded file are simulated.</p>
    </fieldset>`;
  const h = section(population.history);
  const setHistory = <K extends keyof HistoryDraft>(key: K, v: HistoryDraft[K]) =>
    a.setScenario((x) => {
      const pop = section(x.population);
      const next = { ...section(pop.history) };
      if (v === undefined) delete next[key];
      else next[key] = v;
      return { ...x, population: { ...pop, history: next } };
    });
  const seasonal = section(h.seasonality).windowWeeks;
  const trend = h.trend ?? 'none';
  const trendKind = typeof trend === 'number' ? 'stated' : String(trend);
  return html`<fieldset class="settings" id="advanced-history">
    <legend>Reading the usage history</legend>
    <div class="row">
      <div class="field"><label for="seasonal-window">Same time of year: weeks either side</label>
        <input id="seasonal-window" type="number" min="0" max="26" step="1" placeholder="any week" .value=${seasonal === undefined ? '' : String(seasonal)} @change=${(
          e: Event,
        ) => {
          const v = value(e);
          setHistory('seasonality', v === '' ? undefined : { windowWeeks: numberOrText(v) });
        }} /></div>
      <div class="field"><label for="inactive-weeks">Left after weeks unseen</label>
        <input id="inactive-weeks" type="number" min="1" step="1" .value=${String(h.inactiveWeeks ?? INACTIVE_WEEKS)} @change=${(e: Event) => setHistory('inactiveWeeks', numberOrText(value(e)))} /></div>
    </div>
    <div class="row">
      <div class="field"><label for="history-trend">Growth</label>
        <select id="history-trend" @change=${(e: Event) => {
          const v = (e.target as HTMLSelectElement).value;
          setHistory('trend', v === 'stated' ? 0.05 : v);
        }}>
          <option value="none" ?selected=${trendKind === 'none'}>none (next year as the history)</option>
          <option value="fit" ?selected=${trendKind === 'fit'}>measured (two years of history)</option>
          <option value="stated" ?selected=${trendKind === 'stated'}>a rate I state</option>
        </select></div>
      ${
        trendKind === 'stated'
          ? html`<div class="field"><label for="history-growth">Growth a year (%)</label>
            <input id="history-growth" type="number" step="1" .value=${percentText(trend)} @change=${(e: Event) => setHistory('trend', share(value(e)))} /></div>`
          : nothing
      }
    </div>
    ${backtestFields(sc, a)}
    <label class="check"><input type="checkbox" id="pooling" .checked=${h.pooling !== false} @change=${(e: Event) => setHistory('pooling', (e.target as HTMLInputElement).checked ? undefined : false)} /> Steady the rates of users seen on few days toward the team's</label>
    <p class="muted small-text">Weeks of the history are replayed; with weeks either side set, only weeks near the same time of year. Users not seen for that many weeks at the end of the history are taken to have left.</p>
  </fieldset>`;
}

/** Simulated years of each check against the past when the scenario asks for none. */
const BACKTEST_TRIALS = 400;

/** The check against the past (the scenario's `backtest`): on or off, and its simulated years. */
function backtestFields(sc: ScenarioDraft, a: AppActions): TemplateResult {
  const on = sc.backtest !== undefined && sc.backtest !== false;
  const b = section(sc.backtest || undefined);
  const setBacktest = (v: BacktestDraft | undefined) =>
    a.setScenario((x) => {
      const { backtest: _, ...rest } = x;
      return v === undefined ? rest : { ...rest, backtest: v };
    });
  return html`<label class="check"><input type="checkbox" id="backtest" .checked=${on} @change=${(e: Event) => setBacktest((e.target as HTMLInputElement).checked ? { trials: BACKTEST_TRIALS } : undefined)} /> Check the forecast against the past, and widen its ranges by what the check finds</label>
    ${
      on
        ? html`<div class="row"><div class="field"><label for="backtest-trials">Simulated years of each check</label>
          <input id="backtest-trials" type="number" min="1" step="100" .value=${String(b.trials ?? BACKTEST_TRIALS)} @change=${(e: Event) => setBacktest({ ...b, trials: numberOrText(value(e)) })} /></div></div>`
        : nothing
    }`;
}

/** The scenario's changes over the horizon, each in words, removable; growth can be added. */
function changesList(sc: ScenarioDraft, a: AppActions): TemplateResult {
  const changes = listOf(sc.changes);
  const setChanges = (f: (l: unknown[]) => unknown[]) =>
    a.setScenario((x) => ({ ...x, changes: f(listOf(x.changes)) }));
  const add = (e: Event) => {
    const input = (e.target as HTMLElement).closest('.row')?.querySelector('input');
    const v = input?.value.trim() ?? '';
    if (v === '') return;
    setChanges((l) => [...l, { type: 'growth', annualRate: share(v) }]);
  };
  return html`<fieldset class="settings" id="advanced-changes">
    <legend>Changes over the horizon (${formatCount(changes.length)})</legend>
    ${
      changes.length
        ? html`<ul class="changes">${changes.map(
            (c, i) =>
              html`<li data-change=${i}>${changeInWords(c)} <button type="button" class="small" @click=${() => setChanges((l) => l.filter((_, k) => k !== i))}>Remove</button></li>`,
          )}</ul>`
        : html`<p class="muted small-text">None: the forecast assumes the team stays as it is.</p>`
    }
    <div class="row">
      <div class="field"><label for="add-growth-rate">Use grows for everyone (% a year)</label>
        <input id="add-growth-rate" type="number" step="1" placeholder="5" /></div>
      <button type="button" id="add-growth" @click=${add}>Add</button>
    </div>
  </fieldset>`;
}
