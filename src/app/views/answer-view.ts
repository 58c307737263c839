import { html, nothing, type TemplateResult } from 'lit';
import { fixed } from '../../engine/format.ts';
import { annualHistogramChart } from '../charts/annual-histogram.ts';
import { backtestChart } from '../charts/backtest.ts';
import { breakEvenChart } from '../charts/break-even.ts';
import { costDistributionsChart } from '../charts/cost-distributions.ts';
import { fanChart } from '../charts/fan-chart.ts';
import { forgottenByHoursChart } from '../charts/forgotten-by-hours.ts';
import { forgottenByPolicyChart } from '../charts/forgotten-by-policy.ts';
import { tornadoChart } from '../charts/tornado.ts';
import {
  formatCount,
  formatMoney,
  formatPercent,
  formatTokenMoney,
  formatTokens,
} from '../format.ts';
import type { AnswerView } from '../model/answer.ts';
import { inputsKey } from '../model/inputs.ts';
import { plainNote } from '../model/plain-problem.ts';
import { missingRates } from '../model/rates-needed.ts';
import type { AppActions, AppState } from '../state.ts';
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
  const a = s.answer && s.answerKey === inputsKey(s) ? s.answer : null;
  if (!a) return pendingAnswer(s);
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
    <h2 id="answer-title">The answer${partial ? html` <span class="muted small-text">(${formatCount(a.trialsDone)} of ${formatCount(a.trials)} simulated years${running ? ' so far' : ''})</span>` : nothing}</h2>
    ${stale ? html`<p class="notice" id="stale-answer">These numbers are from the last run that finished${partial ? ' (in part)' : ''}: ${s.run.status === 'error' ? 'fix the marked problems' : 'run again'} to bring them up to date.</p>` : nothing}
    ${a.costProblems.length ? html`<div class="error" role="alert" id="cost-problems">The costs could not be compared: ${a.costProblems.join('; ')}</div>` : nothing}
    <p class="print-only">${a.scenarioName} · ${formatCount(a.trials)} simulated years (starting number ${a.seed}) · ${a.horizon.days} days from ${a.horizon.start}</p>
    <div class="cards" id="cards" data-state=${partial ? 'partial' : 'done'}>
      ${purchaseCards(a)}
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
                ? `${formatMoney(a.cheapest.lo, cur)} in 90% of simulated years`
                : `90% of simulated years between ${formatMoney(a.cheapest.lo, cur)} and ${formatMoney(a.cheapest.hi, cur)}`
            } · cheaper in ${formatPercent(a.cheapest.pWins)} of simulated years</div>
          </div>`
          : nothing
      }
    </div>
    ${a.plan ? html`<p class="muted small-text" id="purchase-policy" data-policy=${a.plan.policy.id}>How the tokens are bought: ${a.plan.policy.summary}</p>` : nothing}
    ${flexYearCards(a)}
    <div class="charts">
      ${chartFigure({ id: 'annual-histogram', title: 'Tokens needed over the horizon', data: c.histogram, draw: (d, width) => annualHistogramChart(d, { width }), onError, note: `${formatCount(a.trialsDone)} simulated years; the red line is what everyone on Flex would buy up front.` })}
      ${chartFigure({ id: 'fan-chart', title: 'Cumulative consumption against tokens bought', data: c.fan, draw: (d, width) => fanChart(d, { width }), onError, note: 'Median line, 50% and 90% bands; dashed: tokens bought by the plan.' })}
      ${c.strategies.length ? chartFigure({ id: 'cost-distributions', title: 'Annual cost by strategy', data: c.strategies, draw: (d, width) => costDistributionsChart(d, { width, currency: cur }), onError, illustrative: a.illustrative, note: 'Bar: 90% range; tick: median; dot: mean. Prices are illustrative unless you entered your own.' }) : nothing}
      ${c.breakEven.length ? chartFigure({ id: 'break-even', title: 'Who should have a subscription', data: c.breakEven, draw: (d, width) => breakEvenChart(d, { width }), onError, illustrative: a.illustrative, note: "One dot per user and product, days over the horizon put on a year; green: a subscription (or a collection) is recommended. A green dot under the line comes from a collection covering several of the user's products, cheaper than their tokens together, or from the tokens a busy year needs." }) : nothing}
      ${
        c.policies.some((p) => p.saving !== 0)
          ? chartFigure({
              id: 'forgotten-by-policy',
              title: 'Forecast: tokens a year each policy saves',
              data: c.policies,
              draw: (d, width) => forgottenByPolicyChart(d, { width }),
              onError,
              note: forecastPolicyNote(a, s.catalogue),
            })
          : c.policies.length
            ? html`<p class="muted small-text" id="forgotten-empty">No policy saves anything in this forecast: nobody leaves a product open (every group's "Sessions left open" is 0) and idle time is not modelled.</p>`
            : nothing
      }
      ${c.autoClose.length > 1 && c.autoClose.some((p) => p.saving !== 0) ? chartFigure({ id: 'forgotten-by-hours', title: 'Forecast: tokens a year saved by auto-close after H hours idle', data: c.autoClose, draw: (d, width) => forgottenByHoursChart(d, { width }), onError }) : nothing}
      ${c.backtest && a.backtest ? chartFigure({ id: 'backtest', title: 'Checked against the past: forecast against what happened', data: c.backtest, draw: (d, width) => backtestChart(d, { width }), onError, note: html`<span id="backtest-note">${a.backtest.origins} forecasts made from earlier points of the ${a.backtest.historyWeeks} weeks of history, each checked against what followed. ${a.backtest.horizons.filter((h) => h.origins > 0).map((h) => html`${h.weeks}-week totals: <strong>${formatPercent(h.coverage)}</strong> of ${h.origins} inside the forecast's 90% range. `)}(About 90% when the ranges are right.) ${a.summary.calibrated ? `Ranges widened ×${fixed(a.summary.calibrated.factor, 2)} by this check: the 95% purchase would be ${formatCount(a.summary.calibrated.upfront)} tokens.` : 'Too few earlier points to correct the range: its spread is unchecked.'}</span>` }) : nothing}
      ${
        c.tornado
          ? chartFigure({
              id: 'tornado',
              title: 'What moves the answer',
              data: c.tornado,
              draw: (d, width) => tornadoChart(d, { width, currency: cur }),
              onError,
              illustrative: a.illustrative,
              ...(c.tornado.note ? { note: c.tornado.note } : {}),
            })
          : a.tornadoPending
            ? html`<figure class="chart" id="chart-tornado-pending" aria-busy="true"><figcaption><span class="title">What moves the answer</span></figcaption><p class="note">Being worked out for these prices: each bar prices the forecast again with one price or rate 20% lower and higher.</p></figure>`
            : nothing
      }
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
        ? html`<section class="panel small-text" id="assumptions"><h3>Assumptions</h3><ul>${a.assumptions.map((x) => html`<li>${plainNote(x)}</li>`)}</ul></section>`
        : nothing
    }
  </section>`;
}

/**
 * No answer for these inputs yet: what is running, or why there is none. The
 * last answer (of other inputs, e.g. the sample) is never shown under this
 * heading.
 */
function pendingAnswer(s: AppState): TemplateResult {
  const name = String(s.scenario.name ?? 'this scenario');
  const r = s.run;
  const why = s.loading
    ? `Reading ${s.loading.fileName}; the forecast starts when it is read.`
    : missingRates(s).length > 0
      ? 'No answer yet: the file uses products without a daily rate (see "Daily rate needed" above).'
      : r.status === 'running'
        ? `Working out ${name}: ${formatCount(r.trialsDone)} of ${formatCount(r.trials)} simulated years so far. The numbers appear here as they come in.`
        : r.status === 'error' && r.tooLarge
          ? `No answer for ${name} yet: the run is too large for this page (what fits is said above, beside Run).`
          : r.status === 'error'
            ? `No answer for ${name} yet: ${r.message}`
            : r.status === 'cancelled'
              ? `No answer for ${name}: the run was cancelled. Press Run to start it again.`
              : `No answer for ${name} yet: press Run.`;
  return html`<section class="panel" id="answer" aria-labelledby="answer-title">
    <h2 id="answer-title">The answer</h2>
    <div class="cards" id="cards" data-state="pending"><p class="muted" id="pending-answer" data-run=${r.id} data-status=${r.status}>${why}</p></div>
  </section>`;
}

/** The purchase and running-out cards, for the recommended plan (or everyone on Flex without costs). */
function purchaseCards(a: AnswerView): TemplateResult {
  const p = a.plan;
  if (!p || p.name === 'flex')
    return html`<div class="card" id="card-buy" data-plan="flex">
        <div class="label">Tokens to buy up front${p ? html` · recommended plan: ${p.label}` : ' · everyone on Flex'}</div>
        <div class="value" data-value=${a.purchase.tokens}>${formatCount(a.purchase.tokens)}</div>
        <div class="detail">enough in ${formatPercent(a.purchase.serviceLevel)} of simulated years · expected to expire unused ${formatTokens(a.purchase.expectedWaste)}</div>
      </div>
      <div class="card ${a.purchase.runOutProbability > 1 - a.purchase.serviceLevel + 1e-9 ? 'bad' : ''}" id="card-runout" data-plan="flex">
        <div class="label">Chance of running out</div>
        <div class="value" data-value=${a.purchase.runOutProbability}>${formatPercent(a.purchase.runOutProbability)}</div>
        <div class="detail">${a.planRunOut !== null ? html`with your plan: ${formatPercent(a.planRunOut)}` : html`buying ${formatCount(a.purchase.tokens)} up front`}${a.purchase.staggered ? html` · ${a.purchase.staggered.label}: ${formatPercent(a.purchase.staggered.runOutProbability)}` : nothing}</div>
      </div>`;
  const upfront = p.policy.id === 'upfront';
  return html`<div class="card" id="card-buy" data-plan=${p.name} data-policy=${p.policy.id}>
      <div class="label">${upfront ? 'Tokens to buy up front' : 'Tokens to buy to start'} · ${p.label}</div>
      <div class="value" data-value=${p.tokens}>${formatCount(p.tokens)}</div>
      <div class="detail">bought by ${p.policy.label}${upfront ? '' : html` · ${formatCount(p.boughtMean)} over the year on average`} · for the ${formatCount(p.usersOnFlex)} users the plan leaves on Flex, beside ${formatCount(p.seats)} subscriptions · everyone on Flex buying up front would need ${formatCount(a.purchase.tokens)}</div>
    </div>
    <div class="card ${p.pTopUp > 1 - a.purchase.serviceLevel + 1e-9 ? 'bad' : ''}" id="card-runout" data-plan=${p.name}>
      <div class="label">Chance of running out · ${p.label}</div>
      <div class="value" data-value=${p.pTopUp}>${formatPercent(p.pTopUp)}</div>
      <div class="detail">${upfront ? html`share of simulated years needing a top-up after buying ${formatCount(p.tokens)}` : html`share of simulated years running short between two orders`} · expected to expire unused ${formatTokens(p.unused)}</div>
    </div>`;
}

/** The admin's questions (low balance, running out, expiry) for everyone on Flex buying up front. */
function flexYearCards(a: AnswerView): TemplateResult {
  const f = a.flexYear;
  const bought = formatCount(a.purchase.tokens);
  return html`<section id="flex-year" aria-labelledby="flex-year-title">
    <h3 id="flex-year-title">With everyone on Flex, buying ${bought} tokens up front on ${a.horizon.start}</h3>
    <div class="cards">
      <div class="card" id="card-under20">
        <div class="label">Balance under 20 %</div>
        <div class="value" data-value=${f.under20 ?? ''}>${f.under20 ?? 'not in the horizon'}</div>
        <div class="detail">in a typical year (median use)${f.under20Busy ? html` · in a busy year (1 in 20) as early as ${f.under20Busy}` : nothing}</div>
      </div>
      <div class="card" id="card-runout-day">
        <div class="label">Running out</div>
        <div class="value" data-value=${f.runOutDay ?? ''}>${f.runOutDay ?? 'not expected'}</div>
        <div class="detail">${formatPercent(a.purchase.runOutProbability)} of simulated years run out${f.runOutDay ? ' (the day is the middle of those years)' : ''}</div>
      </div>
      <div class="card" id="card-expiring">
        <div class="label">Tokens expiring unused</div>
        <div class="value" data-value=${a.purchase.expectedWaste}>${formatCount(a.purchase.expectedWaste)}</div>
        <div class="detail">expected, of the ${bought} bought (tokens expire a year after purchase)</div>
      </div>
    </div>
  </section>`;
}

/**
 * What the forecast's policy savings count, in tokens and money, beside the
 * history's bound: money at the token price, as the analyst's table of
 * products left open shows the same tokens (`formatTokenMoney`).
 */
function forecastPolicyNote(a: AnswerView, prices: AppState['catalogue']): string {
  const f = a.forgottenTokens;
  const money = f === null ? '' : formatTokenMoney(f, prices);
  return `Mean of the simulated years, against the same years without the policy. "Auto-close after H hours" here closes a product left open once it has been idle for H hours: the work done is kept, only the idle tail is cut.${f !== null ? ` Products left open cost ${formatCount(f)} tokens a year${money ? ` (${money} at the token price)` : ''} in all.` : ''}`;
}
