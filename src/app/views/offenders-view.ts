/**
 * The analyst's view of products left open in the history: the figures
 * reconciled (what each counts, in tokens and money) and users and products
 * ranked by what the 12 h cap would have saved, with the sessions behind it.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { formatCount, formatNumber, formatTokenMoney } from '../format.ts';
import type { MeteredHistory } from '../model/history.ts';
import { inputsKey } from '../model/inputs.ts';
import { OFFENDER_HOURS } from '../model/offenders.ts';
import type { AppState } from '../state.ts';
import { nameText } from './name.ts';

/** Rows shown before "show all". */
const SHOWN = 15;

export function offendersView(s: AppState, m: MeteredHistory): TemplateResult {
  const price = s.catalogue?.tokenPrice.value ?? null;
  const money = (t: number) => formatTokenMoney(t, s.catalogue);
  const cap = m.forgotten.autoClose.find((x) => x.hours === OFFENDER_HOURS);
  // The forecast's figure only when the answer is of these inputs (never the sample's).
  const forecast = s.answer && s.answerKey === inputsKey(s) ? s.answer.forgottenTokens : null;
  const rows = m.offenders;
  const dateOf = (ms: number) => new Date(ms).toISOString().slice(0, 16).replace('T', ' ');
  return html`<section class="panel" id="forgotten-open" aria-labelledby="forgotten-open-title">
    <h3 id="forgotten-open-title">Products left open: what each figure counts</h3>
    <table id="forgotten-figures">
      <thead><tr><th scope="col">Figure</th><th scope="col" class="num">Tokens</th><th scope="col" class="num">Money</th><th scope="col">What it counts</th></tr></thead>
      <tbody>
        <tr data-figure="renewals"><th scope="row">Renewals in the history</th><td class="num">${formatCount(m.allRenewalTokens)}</td><td class="num">${money(m.allRenewalTokens)}</td>
          <td>Every 24 h period a product started only because it was still open, also for people who went on working the next day: more than forgetting costs.</td></tr>
        ${
          cap
            ? html`<tr data-figure="cap"><th scope="row">Hard cap at ${OFFENDER_HOURS} h in the history</th><td class="num" data-value=${cap.saving}>${formatCount(cap.saving)}</td><td class="num">${money(cap.saving)}</td>
          <td>What ending every session ${OFFENDER_HOURS} h after its start would have saved: an upper bound on an auto-close (it also ends work still going on). The table below splits it by user and product.</td></tr>`
            : nothing
        }
        ${
          forecast !== null
            ? html`<tr data-figure="forecast"><th scope="row">Forecast: left open, a year</th><td class="num" data-value=${forecast}>${formatCount(forecast)}</td><td class="num">${money(forecast)}</td>
          <td>In the simulated years, what products left open cost against nobody forgetting; the policies' savings in the forecast cut only idle time.</td></tr>`
            : nothing
        }
      </tbody>
    </table>
    <h3 class="after-table">Who leaves products open</h3>
    ${
      rows.length === 0
        ? html`<p class="muted" id="offenders-empty">Nobody's sessions ran past ${OFFENDER_HOURS} hours into another 24 h period: a cap at ${OFFENDER_HOURS} h would save nothing in this history.</p>`
        : html`<div class="table-wrap"><table id="offenders">
      <thead><tr><th scope="col" class="num">#</th><th scope="col">User</th><th scope="col">Product</th><th scope="col" class="num">Sessions over ${OFFENDER_HOURS} h</th><th scope="col" class="num">Tokens</th><th scope="col" class="num">Money</th><th scope="col">Longest sessions (start, hours open)</th></tr></thead>
      <tbody>${rows.slice(0, SHOWN).map(
        (r, i) => html`<tr data-user=${r.user} data-product=${r.product}>
          <td class="num">${i + 1}</td><td class="user-name">${nameText(r.user)}</td><td>${nameText(r.product)}</td>
          <td class="num">${formatCount(r.sessions)}</td>
          <td class="num" data-value=${r.tokens}>${formatCount(r.tokens)}</td>
          <td class="num" data-money=${price === null ? '' : r.tokens * price}>${money(r.tokens)}</td>
          <td class="small-text">${r.longest.map((x, j) => html`${j > 0 ? '; ' : ''}<span class="nowrap">${dateOf(x.start)} UTC, ${formatNumber(x.hours)} h</span>`)}</td>
        </tr>`,
      )}</tbody>
    </table></div>
    <p class="muted small-text">Ranked by the tokens the ${OFFENDER_HOURS} h cap would have saved (money at ${price === null ? 'the token price' : formatTokenMoney(1, s.catalogue)} a token). ${rows.length > SHOWN ? `First ${SHOWN} of ${formatCount(rows.length)}.` : ''}</p>`
    }
  </section>`;
}
