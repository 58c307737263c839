import { html, nothing, type TemplateResult } from 'lit';
import { daysPerUserChart, MAX_USERS_DRAWN } from '../charts/days-per-user.ts';
import { forgottenByHoursChart } from '../charts/forgotten-by-hours.ts';
import { heatmapChart } from '../charts/heatmap.ts';
import { tokensByMonthChart } from '../charts/tokens-by-month.ts';
import { formatCount, formatTokens } from '../format.ts';
import type { HistoryView } from '../model/history.ts';
import type { AppActions, AppState } from '../state.ts';
import { chartFigure } from './chart-figure.ts';
import { offendersView } from './offenders-view.ts';

const inputs = new WeakMap<HistoryView, ReturnType<typeof historyInputs>>();

function historyInputs(h: HistoryView) {
  const m = h.metered;
  return {
    heat: { heatmap: h.heatmap, weeks: h.weeks },
    users: m
      ? h.users.map((user, u) => ({
          user,
          days: m.daysUsedByUser[u] ?? 0,
          tokens: m.tokensByUser[u] ?? 0,
        }))
      : [],
    months: m
      ? m.months.map((month, k) => ({
          month,
          tokens: m.tokensByMonth[k] ?? 0,
          daysUsed: m.daysUsedByMonth[k] ?? 0,
        }))
      : [],
    autoClose: m ? m.forgotten.autoClose.map((x) => ({ hours: x.hours, saving: x.saving })) : [],
  };
}

/** The loaded history: when people work, who uses it how often, tokens per month. */
export function historySection(s: AppState, act: AppActions): TemplateResult | typeof nothing {
  const d = s.data;
  if (!d) return nothing;
  const h = s.history;
  const title = html`<h2 id="history-title">History: ${d.fileName}</h2>`;
  if (d.ingested.kind === 'daily')
    return html`<section class="panel" id="history" aria-labelledby="history-title">${title}
      <p>This file has days used per day, not session times: it drives forecasts of days used; the weekday × hour view and forgotten-open analysis need a session log.</p>
    </section>`;
  if (s.historyError)
    return html`<section class="panel" id="history" aria-labelledby="history-title">${title}<div class="error" role="alert">${s.historyError}</div></section>`;
  if (!h)
    return html`<section class="panel" id="history" aria-labelledby="history-title">${title}<p class="muted">${s.historyBusy ? 'Metering the history…' : ''}</p></section>`;
  let c = inputs.get(h);
  if (!c) {
    c = historyInputs(h);
    inputs.set(h, c);
  }
  const onError = (m: string) => act.toast(m);
  const m = h.metered;
  return html`<section id="history" aria-labelledby="history-title" class="results">
    ${title}
    <p class="small-text" id="history-summary">${formatCount(h.sessions)} sessions of ${formatCount(h.users.length)} users and ${formatCount(h.products.length)} products over ${formatCount(h.weeks)} ${h.weeks === 1 ? 'week' : 'weeks'}${m ? html`; metered: <strong>${formatTokens(m.tokens)}</strong>, ${formatCount(m.daysUsed)} days used (${formatTokens(m.allRenewalTokens)} charged at renewals: a product still open when its 24 h period ended, whether left open or worked on)` : nothing}.</p>
    ${
      h.problem?.kind === 'missing-rates'
        ? html`<p class="muted" id="history-problem">Tokens are metered once ${h.problem.products.join(', ')} ${h.problem.products.length === 1 ? 'has' : 'have'} a daily rate (see "Daily rate needed").</p>`
        : h.problem
          ? html`<div class="error" role="alert" id="history-problem">${h.problem.message}</div>`
          : nothing
    }
    <div class="charts">
      ${chartFigure({ id: 'heatmap', title: 'Usage by weekday and hour', data: c.heat, draw: (x, width) => heatmapChart(x, { width }), onError, note: `Mean sessions open in each hour over ${h.weeks} ${h.weeks === 1 ? 'week' : 'weeks'}, in ${d.timeZone}.` })}
      ${c.months.length ? chartFigure({ id: 'tokens-by-month', title: 'Tokens per month, as metered', data: c.months, draw: (x, width) => tokensByMonthChart(x, { width }), onError }) : nothing}
      ${c.users.length ? chartFigure({ id: 'days-per-user', title: 'Days used per user', data: c.users, draw: (x, width) => daysPerUserChart(x, { width }), onError, note: c.users.length > MAX_USERS_DRAWN ? `The ${MAX_USERS_DRAWN} heaviest users of ${formatCount(c.users.length)}.` : undefined }) : nothing}
      ${c.autoClose.some((x) => x.saving > 0) ? chartFigure({ id: 'history-auto-close', title: 'In this history: at most this many tokens saved by a hard cap of H hours', data: c.autoClose, draw: (x, width) => forgottenByHoursChart(x, { width }), onError, note: 'A hard cap ends every session H hours after it started, also one still in use: an upper bound on what an auto-close could save (the forecast\'s "auto-close after H hours" cuts only idle time, so it saves less).' }) : nothing}
    </div>
    ${m ? offendersView(s, m) : nothing}
  </section>`;
}
