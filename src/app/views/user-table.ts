import { html, LitElement } from 'lit';
import { formatCount, formatMoney, formatNumber, formatPercent } from '../format.ts';
import type { UserRow } from '../model/answer.ts';
import { filterRows, type SortKey, sortRows } from '../model/user-rows.ts';
import { nameText } from './name.ts';

const COLUMNS: { key: SortKey; label: string; num: boolean }[] = [
  { key: 'user', label: 'User', num: false },
  { key: 'group', label: 'Group', num: false },
  { key: 'days', label: 'Days used by product (break-even)', num: false },
  { key: 'tokens', label: 'Tokens a year', num: true },
  { key: 'recommended', label: 'Recommended licence', num: false },
  { key: 'pSubscription', label: 'Chance a subscription is cheaper', num: true },
  { key: 'saving', label: 'Saving a year', num: true },
];
/** Rows drawn at once; the filter narrows the rest. */
const PAGE = 200;

/** The per-user table: click a heading to sort, type to filter. User names are text, never HTML. */
export class UserTable extends LitElement {
  static override properties = { rows: { attribute: false }, currency: { attribute: false } };
  declare rows: UserRow[];
  declare currency: string;
  private sortKey: SortKey = 'saving';
  private descending = true;
  private filter = '';

  constructor() {
    super();
    this.rows = [];
    this.currency = 'USD';
  }

  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  private sortBy(key: SortKey): void {
    if (this.sortKey === key) this.descending = !this.descending;
    else {
      this.sortKey = key;
      this.descending = COLUMNS.find((c) => c.key === key)?.num ?? false;
    }
    this.requestUpdate();
  }

  override render() {
    const shown = sortRows(filterRows(this.rows, this.filter), this.sortKey, this.descending);
    const cur = this.currency;
    return html`<div class="row no-print">
        <div class="field"><label for="user-filter">Filter users</label>
          <input id="user-filter" type="search" placeholder="name, group, product, licence" .value=${this.filter} @input=${(
            e: Event,
          ) => {
            this.filter = (e.target as HTMLInputElement).value;
            this.requestUpdate();
          }} /></div>
        <span class="muted small-text" aria-live="polite">${formatCount(shown.length)} of ${formatCount(this.rows.length)} users</span>
      </div>
      <div class="table-wrap">
        <table id="user-table">
          <thead><tr>${COLUMNS.map(
            (
              c,
            ) => html`<th scope="col" class=${c.num ? 'num' : ''} aria-sort=${this.sortKey === c.key ? (this.descending ? 'descending' : 'ascending') : 'none'}>
              <button type="button" @click=${() => this.sortBy(c.key)}>${c.label}${this.sortKey === c.key ? (this.descending ? ' ▼' : ' ▲') : ''}</button></th>`,
          )}</tr></thead>
          <tbody>${shown.slice(0, PAGE).map(
            (r) => html`<tr>
              <td class="user-name">${nameText(r.user)}</td>
              <td>${nameText(r.group)}</td>
              <td class="product-days">${r.productDays.map(
                (p) =>
                  html`<div data-product=${p.product}>${nameText(p.product)}: <span class="num">${formatNumber(p.days)}</span>${p.breakEven === null ? '' : html` <span class="muted">(${formatNumber(p.breakEven)})</span>`}</div>`,
              )}</td>
              <td class="num">${formatCount(r.tokens)}</td>
              <td>${r.recommended}${r.why ? html`<div class="muted small-text why">${r.why}</div>` : ''}</td>
              <td class="num">${formatPercent(r.pSubscription)}</td>
              <td class="num">${formatMoney(r.saving, cur)}</td>
            </tr>`,
          )}</tbody>
        </table>
      </div>
      <p class="muted small-text">Days over the forecast's horizon, each product on its own; in brackets the days from which the product's own subscription costs less than its tokens, over the same horizon.</p>
      ${shown.length > PAGE ? html`<p class="muted small-text">First ${PAGE} shown; filter to find others. The CSV export has every user.</p>` : ''}`;
  }
}

customElements.define('fc-user-table', UserTable);
