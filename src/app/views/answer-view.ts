import { html, nothing, type TemplateResult } from 'lit';
import type { AppActions, AppState } from '../app.ts';
import { annualHistogramChart } from '../charts/annual-histogram.ts';
import { backtestChart } from '../charts/backtest.ts';
import { breakEvenChart } from '../charts/break-even.ts';
import { costDistributionsChart } from '../charts/cost-distributions.ts';
import { fanChart } from '../charts/fan-chart.ts';
import { forgottenByHoursChart } from '../charts/forgotten-by-hours.ts';
import { forgottenByPolicyChart } from '../charts/forgotten-by-policy.ts';
import { tornadoChart } from '../charts/tornado.ts';
import { formatCount, formatMoney, formatPercent, formatTokens } from '../format.ts';
import type { AnswerView } from '../model/answer.ts';
import { chartFigure } from './chart-figure.ts';

/** Chart inputs made once per answer, so charts are drawn once per answer. */
const inputs = new WeakMap<AnswerView, ReturnType<typeof chartInputs>>();

function chartInputs(a: AnswerView) {
  return {
    histogram: {
      ...a.histogram,
      purchase: a.purchase.tokens,
      serviceLevel: a.purchase.serviceLevel,
    },
    fan: { days: a.fan, balance: a.balance },
    strategies: [...a.strategies],
    breakEven: [...a.breakEven],
    policies: [...a.policies],
    // Policies that only close products after H hours make the auto-close curve.
    autoClose: a.summary.policies
      .filter((p) => Object.keys(p.levers).join() === 'autoCloseHours')
      .map((p) => ({ hours: p.levers.autoCloseHours as number, saving: p.saving.mean }))
      .sort((x, y) => x.hours - y.hours),
    tornado: a.tornado,
    backtest: backtestData(a.backtest),
  };
}

/** The backtest chart's points: the total checked for the widening, else the longest checked. */
function backtestData(b: AnswerView['backtest']) {
  const checked = b?.horizons.filter((h) => h.origins > 0) ?? [];
  const h = checked.find((x) => x.weeks === b?.conformal?.weeks) ?? checked[checked.length - 1];
  if (!h) return null;
  return {
    horizon: h.weeks,
    coverage: h.coverage,
    weeks: h.points.map((p) => ({ ...p, at: Date.parse(`${p.origin}T00:00:00Z`) })),
  };
}

/** Headline cards, charts and the per-user table. */
export function answerSection(s: AppState, act: AppActions): TemplateResult {
  const a = s.answer;
  if (!a)
    return html`<section class="panel" id="answer" aria-labelledby="answer-title">
      <h2 id="answer-title">The answer</h2>
      <p class="muted">${s.run.status === 'running' ? 'Simulating…' : 'Run the simulation to see the answer.'}</p>
    </section>`;
  let c = inputs.get(a);
  if (!c) {
    c = chartInputs(a);
    inputs.set(a, c);
  }
  const cur = a.currency;
  const onError = (m: string) => act.toast(m);
  const partial = a.trialsDone < a.trials;
  const running = s.run.status === 'running';
  const stale = s.run.status === 'error' || s.run.status === 'cancelled';
  return html`<section id="answer" aria-labelledby="answer-title" class="results">
    <h2 id="answer-title">The answer${partial ? html` <span class="muted small-text">(${formatCount(a.trialsDone)} of ${formatCount(a.trials)} trials${running ? ' so far' : ''})</span>` : nothing}</h2>
    ${stale ? html`<p class="notice" id="stale-answer">These numbers are from the last run that finished${partial ? ' (in part)' : ''}: ${s.run.status === 'error' ? 'fix the marked problems' : 'run again'} to bring them up to date.</p>` : nothing}
    ${a.costProblems.length ? html`<div class="error" role="alert" id="cost-problems">The costs could not be compared: ${a.costProblems.join('; ')}</div>` : nothing}
    <p class="print-only">${a.scenarioName} · seed ${a.seed} · ${formatCount(a.trials)} trials · ${a.horizon.days} days from ${a.horizon.start}</p>
    <div class="cards" id="cards">
      <div class="card" id="card-buy">
        <div class="label">Tokens to buy up front</div>
        <div class="value" data-value=${a.purchase.tokens}>${formatCount(a.purchase.tokens)}</div>
        <div class="detail">enough in ${formatPercent(a.purchase.serviceLevel)} of trials · expected unused ${formatTokens(a.purchase.expectedWaste)}</div>
      </div>
      <div class="card ${a.purchase.runOutProbability > 1 - a.purchase.serviceLevel + 1e-9 ? 'bad' : ''}" id="card-runout">
        <div class="label">Chance of running out</div>
        <div class="value" data-value=${a.purchase.runOutProbability}>${formatPercent(a.purchase.runOutProbability)}</div>
        <div class="detail">${a.planRunOut !== null ? html`with your plan: ${formatPercent(a.planRunOut)}` : html`buying ${formatCount(a.purchase.tokens)} up front`}${a.purchase.staggered ? html` · ${a.purchase.staggered.label}: ${formatPercent(a.purchase.staggered.runOutProbability)}` : nothing}</div>
      </div>
      <div class="card" id="card-demand">
        <div class="label">Tokens needed (median)</div>
        <div class="value" data-value=${a.annualStats.p50}>${formatCount(a.annualStats.p50)}</div>
        <div class="detail">90% between ${formatCount(a.annualStats.p5)} and ${formatCount(a.annualStats.p95)} · mean ${formatCount(a.annualStats.mean)}</div>
      </div>
      ${
        a.cheapest
          ? html`<div class="card good" id="card-cheapest">
            <div class="label">Cheapest: ${a.cheapest.strategy}</div>
            <div class="value" data-value=${a.cheapest.saving}>${formatMoney(a.cheapest.saving, cur)}</div>
            <div class="detail">saved a year on average against ${a.cheapest.against} · ${
              a.cheapest.lo === a.cheapest.hi
                ? `${formatMoney(a.cheapest.lo, cur)} in 90% of trials`
                : `90% of trials between ${formatMoney(a.cheapest.lo, cur)} and ${formatMoney(a.cheapest.hi, cur)}`
            }</div>
          </div>`
          : nothing
      }
    </div>
    <div class="charts">
      ${chartFigure({ id: 'annual-histogram', title: 'Tokens needed over the horizon', data: c.histogram, draw: (d, width) => annualHistogramChart(d, { width }), onError, note: `${formatCount(a.trialsDone)} trials; the red line is the recommended purchase.` })}
      ${chartFigure({ id: 'fan-chart', title: 'Cumulative consumption against tokens bought', data: c.fan, draw: (d, width) => fanChart(d, { width }), onError, note: 'Median line, 50% and 90% bands; dashed: tokens bought by the plan.' })}
      ${c.strategies.length ? chartFigure({ id: 'cost-distributions', title: 'Annual cost by strategy', data: c.strategies, draw: (d, width) => costDistributionsChart(d, { width, currency: cur }), onError, note: 'Bar: 90% range; tick: median; dot: mean. Prices are illustrative unless you entered your own.' }) : nothing}
      ${c.breakEven.length ? chartFigure({ id: 'break-even', title: 'Who should have a subscription', data: c.breakEven, draw: (d, width) => breakEvenChart(d, { width }), onError, note: 'One dot per user and product; green: a subscription is recommended.' }) : nothing}
      ${c.policies.length ? chartFigure({ id: 'forgotten-by-policy', title: 'Forgotten-open savings by policy', data: c.policies, draw: (d, width) => forgottenByPolicyChart(d, { width }), onError }) : nothing}
      ${c.autoClose.length > 1 ? chartFigure({ id: 'forgotten-by-hours', title: 'Savings from auto-close after H hours', data: c.autoClose, draw: (d, width) => forgottenByHoursChart(d, { width }), onError }) : nothing}
      ${c.backtest && a.backtest ? chartFigure({ id: 'backtest', title: 'Backtest: forecast against what happened', data: c.backtest, draw: (d, width) => backtestChart(d, { width }), onError, note: html`<span id="backtest-note">${a.backtest.origins} rolling origins over ${a.backtest.historyWeeks} weeks of history. ${a.backtest.horizons.filter((h) => h.origins > 0).map((h) => html`${h.weeks}-week totals: <strong>${formatPercent(h.coverage)}</strong> of ${h.origins} inside P5–P95. `)}(About 90% when calibrated.) ${a.summary.calibrated ? `Quantiles widened ×${a.summary.calibrated.factor.toFixed(2)} by the backtest: the 95% purchase would be ${formatCount(a.summary.calibrated.upfront)} tokens.` : 'Too few origins to correct the band: the spread is unchecked.'}</span>` }) : nothing}
      ${c.tornado ? chartFigure({ id: 'tornado', title: 'What moves the answer', data: c.tornado, draw: (d, width) => tornadoChart(d, { width, currency: cur }), onError }) : nothing}
    </div>
    ${
      a.users.length
        ? html`<section class="panel" id="users" aria-labelledby="users-title">
          <h2 id="users-title">Per user</h2>
          <fc-user-table .rows=${a.users} .currency=${cur}></fc-user-table>
        </section>`
        : nothing
    }
    ${
      a.assumptions.length
        ? html`<section class="panel small-text" id="assumptions"><h3>Assumptions</h3><ul>${a.assumptions.map((x) => html`<li>${x}</li>`)}</ul></section>`
        : nothing
    }
  </section>`;
}
