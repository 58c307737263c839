/**
 * "Daily rate needed": products of a loaded file that have no tokens-a-day
 * rate. Shown where the answer would be, with the known rates offered, so
 * the run can go on without leaving the page.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { DEFAULT_RATES } from '../../engine/rates.ts';
import { ratesOf } from '../model/draft.ts';
import { missingRates } from '../model/rates-needed.ts';
import type { AppActions, AppState } from '../state.ts';
import { nameText } from './name.ts';
import { numberOrText } from './number-or-text.ts';

export function ratesStep(s: AppState, a: AppActions): TemplateResult | typeof nothing {
  const missing = missingRates(s);
  if (missing.length === 0) return nothing;
  const setRate = (product: string, value: number | string) =>
    a.setScenario((sc) => ({
      ...sc,
      rates: { ...ratesOf(sc), [product]: value },
    }));
  const known = Object.entries(DEFAULT_RATES).filter(
    (e): e is [string, number] => typeof e[1] === 'number',
  );
  return html`<section class="panel" id="rates-needed" aria-labelledby="rates-needed-title">
    <h2 id="rates-needed-title">Daily rate needed</h2>
    <p>The file uses ${missing.length === 1 ? 'a product' : `${missing.length} products`} with no known daily rate (tokens charged for each 24 h of use). Enter the rate from Autodesk's current rate sheet, or use the rate of a product it is like; the forecast runs as soon as every product has one.</p>
    <table>
      <thead><tr><th scope="col">Product</th><th scope="col" class="num">Tokens a day</th><th scope="col">Known rates</th></tr></thead>
      <tbody>${missing.map(
        (p) => html`<tr data-needed=${p}>
          <th scope="row">${nameText(p)}</th>
          <td class="num"><input type="number" min="0" step="1" aria-label=${`Tokens a day for ${p}`} @change=${(e: Event) => setRate(p, numberOrText((e.target as HTMLInputElement).value))} /></td>
          <td>${known.map(([name, rate]) => html`<button type="button" class="small" data-use-rate=${name} @click=${() => setRate(p, rate)}>${rate} (as ${name})</button> `)}</td>
        </tr>`,
      )}</tbody>
    </table>
  </section>`;
}
