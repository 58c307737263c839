import { html, nothing, type TemplateResult } from 'lit';
import type { PriceCatalogue } from '../../cost/catalogue.ts';
import { type CatalogueEdit, editCatalogue } from '../../cost/edit-catalogue.ts';
import { isObject } from '../../engine/json-reader.ts';
import { DEFAULT_RATES } from '../../engine/rates.ts';
import { lever } from '../../sim/policy-levers.ts';
import { formatDays, formatMoney } from '../format.ts';
import {
  listOf,
  type MeteringDraft,
  type PolicyDraft,
  type PurchaseDraft,
  ratesOf,
  type ScenarioDraft,
  section,
} from '../model/draft.ts';
import {
  hasDated,
  type LicenceRow,
  licenceRows,
  licencesFromRows,
  nameList,
  subscriptionsText,
} from '../model/licence-rows.ts';
import type { Section } from '../model/sections.ts';
import type { AppActions, AppState } from '../state.ts';
import { customerEditor } from './customer-editor.ts';
import { nameText } from './name.ts';
import { numberOrText } from './number-or-text.ts';
import { problemBox } from './problem-box.ts';

type Problems = Record<Section, string[]>;

/** The input editors: customer, prices and rates, purchase plan, policies, licences. */
export function editors(s: AppState, a: AppActions, problems: Problems): TemplateResult {
  return html`
    ${customerEditor(s, a, problems.customer)}
    ${pricesEditor(s, a, problems.prices)}
    ${planEditor(s, a, problems.plan)}
    ${policiesEditor(s, a, problems.policies)}
    ${licencesEditor(s, a, problems.licences)}
  `;
}

const today = () => new Date().toISOString().slice(0, 10);

// ---- Prices and rates ------------------------------------------------------

function pricesEditor(s: AppState, a: AppActions, problems: string[]): TemplateResult {
  const c = s.catalogue;
  const rates = ratesOf(s.scenario);
  const missing = s.history?.problem?.kind === 'missing-rates' ? s.history.problem.products : [];
  const products = [
    ...new Set([
      ...Object.keys(DEFAULT_RATES),
      ...Object.keys(rates),
      ...missing,
      ...(c ? Object.keys(c.products) : []),
      ...(s.history?.products ?? []),
    ]),
  ];
  const setRate = (product: string) => (e: Event) => {
    const v = (e.target as HTMLInputElement).value;
    a.setScenario((sc) => {
      const r = { ...ratesOf(sc) };
      if (v.trim() === '') delete r[product];
      else r[product] = numberOrText(v);
      return { ...sc, rates: r };
    });
  };
  const editC = (edit: CatalogueEdit) => {
    if (!c) return;
    a.setCatalogue(editCatalogue(c, edit, { source: 'entered in Flexcast', date: today() }));
  };
  const rateOf = (p: string): string => {
    const own = rates[p];
    if (typeof own === 'number' || typeof own === 'string') return String(own);
    const d = Object.hasOwn(DEFAULT_RATES, p) ? DEFAULT_RATES[p] : undefined;
    return typeof d === 'number' ? String(d) : '';
  };
  const tokenPrice = c?.tokenPrice.value ?? 3;
  return html`<section class="panel" id="prices" aria-labelledby="prices-title">
    <details open>
      <summary id="prices-title">Prices and daily rates</summary>
      ${
        c
          ? html`<p class="small-text"><span class="badge">illustrative</span> ${c.notice}</p>
            <div class="row">
              <div class="field"><label for="currency">Currency</label>
                <input id="currency" size="4" .value=${c.currency} @change=${(e: Event) => editC({ kind: 'currency', currency: (e.target as HTMLInputElement).value.trim().toUpperCase() })} /></div>
              <div class="field"><label for="token-price">Price per token ${c.tokenPrice.illustrative ? html`<span class="badge" title=${c.tokenPrice.source}>illustrative</span>` : nothing}</label>
                <input id="token-price" type="number" min="0" step="0.01" .value=${String(c.tokenPrice.value)} @change=${(
                  e: Event,
                ) => {
                  const v = Number((e.target as HTMLInputElement).value);
                  if (Number.isFinite(v) && v >= 0) editC({ kind: 'tokenPrice', value: v });
                }} /></div>
            </div>`
          : html`<p class="muted">Loading the price table…</p>`
      }
      <table id="rates-table">
        <thead><tr><th scope="col">Product</th><th scope="col" class="num">Tokens a day</th><th scope="col" class="num">Subscription a year</th><th scope="col" class="num">Break-even</th></tr></thead>
        <tbody>
          ${products.map((p) => {
            const price = c?.products[p];
            const rate = Number(rateOf(p));
            const be = price && rate > 0 ? price.value / (rate * tokenPrice) : Number.NaN;
            const isMissing = missing.includes(p) && rateOf(p) === '';
            return html`<tr>
              <th scope="row">${nameText(p)}</th>
              <td class="num"><input type="number" min="0" step="1" aria-label=${`Tokens per day for ${p}`} aria-invalid=${isMissing ? 'true' : 'false'} data-rate=${p} .value=${rateOf(p)} @change=${setRate(p)} /></td>
              <td class="num">${
                price
                  ? html`<input type="number" min="0" step="1" aria-label=${`Subscription price a year for ${p}`} .value=${String(price.value)} @change=${(
                      e: Event,
                    ) => {
                      const v = Number((e.target as HTMLInputElement).value);
                      if (Number.isFinite(v) && v >= 0)
                        editC({ kind: 'product', product: p, value: v });
                    }} /> ${price.illustrative ? html`<span class="badge" title=${price.source}>illustrative</span>` : nothing}`
                  : html`<span class="muted">none</span>`
              }</td>
              <td class="num">${Number.isFinite(be) ? formatDays(be) : '—'}</td>
            </tr>`;
          })}
        </tbody>
      </table>
      ${
        missing.length
          ? html`<div class="error" role="alert" id="missing-rates">No daily rate for ${missing.join(', ')}: enter the tokens per 24 h period from the vendor's current rate sheet.</div>`
          : nothing
      }
      <p class="muted small-text">Rates with a public source: AutoCAD 7, Revit 10, Navisworks Manage 9, Navisworks Simulate 4, Maya 6 tokens a day. Break-even = subscription ÷ (rate × ${c ? formatMoney(tokenPrice, c.currency) : 'token price'}).</p>
      ${problemBox('prices', problems, s.scenario)}
    </details>
  </section>`;
}

// ---- Purchase plan ---------------------------------------------------------

function planEditor(s: AppState, a: AppActions, problems: string[]): TemplateResult {
  const purchase = section(s.scenario.purchase);
  const plan = section(purchase.plan);
  const setPurchase = (patch: PurchaseDraft) =>
    a.setScenario((sc) => ({ ...sc, purchase: { ...section(sc.purchase), ...patch } }));
  const level = typeof purchase.serviceLevel === 'number' ? purchase.serviceLevel * 100 : 95;
  const packs = Array.isArray(purchase.packSizes) ? purchase.packSizes.join(', ') : '100';
  return html`<section class="panel" id="plan" aria-labelledby="plan-title">
    <details open>
      <summary id="plan-title">Purchase plan</summary>
      <div class="row">
        <div class="field"><label for="service-level">Chance of not running out (%)</label>
          <input id="service-level" type="number" min="50" max="99.9" step="0.5" .value=${String(level)} @change=${(
            e: Event,
          ) => {
            const v = numberOrText((e.target as HTMLInputElement).value);
            setPurchase({ serviceLevel: typeof v === 'number' ? v / 100 : v });
          }} /></div>
        <div class="field"><label for="pack-sizes" title="Orders are sums of these packs. They replace the price table's pack sizes, here and in the command-line tool.">Pack sizes (tokens)</label>
          <input id="pack-sizes" .value=${packs} @change=${(e: Event) =>
            setPurchase({
              packSizes: (e.target as HTMLInputElement).value
                .split(',')
                .map((x) => x.trim())
                .filter(Boolean)
                .map(numberOrText),
            })} /></div>
      </div>
      <div class="row">
        <div class="field"><label for="top-ups">Staggered alternative</label>
          <select id="top-ups" @change=${(e: Event) => setPurchase({ topUps: (e.target as HTMLSelectElement).value })}>
            ${['month', 'quarter', 'half-year'].map((c) => html`<option value=${c} ?selected=${(purchase.topUps ?? 'quarter') === c}>top up every ${c}</option>`)}
          </select></div>
        <div class="field"><label for="plan-upfront">Your plan: tokens up front</label>
          <input id="plan-upfront" type="number" min="0" step="100" placeholder="none" .value=${plan.upfront === undefined ? '' : String(plan.upfront)} @change=${(
            e: Event,
          ) => {
            const v = (e.target as HTMLInputElement).value.trim();
            const next = { ...plan };
            if (v === '') delete next.upfront;
            else next.upfront = numberOrText(v);
            setPurchase({ plan: Object.keys(next).length ? next : undefined });
          }} /></div>
      </div>
      ${problemBox('plan', problems, s.scenario)}
    </details>
  </section>`;
}

// ---- Policies ---------------------------------------------------------------

function policiesEditor(s: AppState, a: AppActions, problems: string[]): TemplateResult {
  const metering = section(s.scenario.metering);
  const policies = listOf(s.scenario.policies).map(section);
  const setPolicies = (f: (l: PolicyDraft[]) => PolicyDraft[]) =>
    a.setScenario((sc) => ({ ...sc, policies: f(listOf(sc.policies).map(section)) }));
  const setMetering = (patch: MeteringDraft) =>
    a.setScenario((sc) => ({ ...sc, metering: { ...section(sc.metering), ...patch } }));
  const editPolicy = <K extends keyof PolicyDraft>(i: number, key: K, value: PolicyDraft[K]) =>
    setPolicies((l) =>
      l.map((p, k) => {
        if (k !== i) return p;
        const next = { ...p };
        if (value === undefined || value === '') delete next[key];
        else next[key] = value;
        return next;
      }),
    );
  const autoClose = lever('autoCloseHours');
  const leftOpen = lever('forgetRate');
  const idleAware = lever('idleAware');
  return html`<section class="panel" id="policies" aria-labelledby="policies-title">
    <details>
      <summary id="policies-title">Charging policies</summary>
      <div class="row">
        <div class="field"><label for="grace">Grace (minutes)</label>
          <input id="grace" type="number" min="0" step="1" .value=${String(metering.graceMinutes ?? 5)} @change=${(e: Event) => setMetering({ graceMinutes: numberOrText((e.target as HTMLInputElement).value) })} /></div>
        <label class="check"><input type="checkbox" .checked=${metering.idleAware === true} @change=${(e: Event) => setMetering({ idleAware: (e.target as HTMLInputElement).checked })} /> Idle awareness (newer versions)</label>
      </div>
      <h3>Policies compared with no policy (on the same simulated years)</h3>
      <table>
        <thead><tr><th scope="col">Name</th>${[autoClose, leftOpen].map((l) => html`<th scope="col" class="num" title=${l.doc}>${l.label} (${l.short})</th>`)}<th scope="col"></th></tr></thead>
        <tbody>
          ${policies.map(
            // Two rows a policy: its name across the table (a narrow column cut it short), then its settings.
            (p, i) => html`<tr class="policy-name">
              <td colspan="3"><input aria-label="Policy name" .value=${String(p.name ?? '')} @change=${(e: Event) => editPolicy(i, 'name', (e.target as HTMLInputElement).value)} /></td>
              <td><button type="button" class="small" @click=${() => setPolicies((l) => l.filter((_, k) => k !== i))}>Remove</button></td>
            </tr><tr class="policy-settings">
              <td><label class="check small-text" title=${idleAware.doc}><input type="checkbox" aria-label=${`${idleAware.label}: ${String(p.name ?? '')}`} .checked=${p.idleAware === true} @change=${(e: Event) => editPolicy(i, 'idleAware', (e.target as HTMLInputElement).checked || undefined)} /> idle aware (ends metering at last activity)</label></td>
              <td class="num"><input type="number" min="1" max=${String(autoClose.max)} step="1" aria-label="Auto-close after hours" .value=${p.autoCloseHours === undefined ? '' : String(p.autoCloseHours)} @change=${(e: Event) => editPolicy(i, 'autoCloseHours', numberOrText((e.target as HTMLInputElement).value))} /></td>
              <td class="num"><input type="number" min=${String(100 * (leftOpen.min ?? 0))} max=${String(100 * (leftOpen.max ?? 1))} step="1" aria-label="Sessions left open, percent" .value=${typeof p.forgetRate === 'number' ? String(p.forgetRate * 100) : ''} @change=${(
                e: Event,
              ) => {
                const v = numberOrText((e.target as HTMLInputElement).value);
                editPolicy(i, 'forgetRate', typeof v === 'number' ? v / 100 : v);
              }} /></td>
              <td></td>
            </tr>`,
          )}
        </tbody>
      </table>
      <button type="button" @click=${() => setPolicies((l) => [...l, { name: `Auto-close ${8 + l.length * 4} h`, autoCloseHours: 8 + l.length * 4 }])}>Add a policy</button>
      ${problemBox('policies', problems, s.scenario)}
    </details>
  </section>`;
}

// ---- Licences ---------------------------------------------------------------

function licencesEditor(s: AppState, a: AppActions, problems: string[]): TemplateResult {
  const text =
    s.scenario.licences === undefined ? '' : JSON.stringify(s.scenario.licences, null, 2);
  const rows = licenceRows(s.scenario.licences);
  const setRows = (next: LicenceRow[]) => {
    a.setLicencesError('');
    a.setScenario((sc) => {
      const licences = licencesFromRows(next, sc.licences);
      const { licences: _, ...rest } = sc;
      return licences ? { ...rest, licences } : rest;
    });
  };
  const editRow = (i: number, patch: Partial<LicenceRow>) =>
    setRows(rows.map((r, k) => (k === i ? { ...r, ...patch } : r)));
  const change = (e: Event) => {
    const area = e.target as HTMLTextAreaElement;
    const v = area.value.trim();
    a.setLicencesError('');
    if (v === '') {
      a.setScenario((sc) => {
        const { licences: _, ...rest } = sc;
        return rest;
      });
      return;
    }
    try {
      const parsed: unknown = JSON.parse(v);
      a.setScenario((sc) => ({ ...sc, licences: parsed }));
    } catch (err) {
      a.setLicencesError(`Not valid JSON: ${err instanceof Error ? err.message : String(err)}`);
    }
  };
  return html`<section class="panel" id="licences" aria-labelledby="licences-title">
    <details>
      <summary id="licences-title">Licences held</summary>
      <p class="muted small-text">Subscriptions users (or groups of users) already hold: they are not charged tokens for those products. Flex access: what they may launch on tokens. Users not listed hold no subscription and may launch everything on Flex.</p>
      <table id="licence-rows">
        <thead><tr><th scope="col">Who</th><th scope="col">Subscriptions</th><th scope="col" title="What they may launch on tokens">On Flex</th><th scope="col"></th></tr></thead>
        <tbody>
          ${rows.map((r, i) => licenceRow(r, i, editRow, () => setRows(rows.filter((_, k) => k !== i))))}
        </tbody>
      </table>
      ${rows.length === 0 ? html`<p class="muted small-text" id="licences-none">None listed: everyone on Flex.</p>` : nothing}
      <div class="row">
        <button type="button" id="add-licence-user" @click=${() => setRows([...rows, { kind: 'user', name: `user ${rows.length + 1}`, subscriptions: [], flex: 'all' }])}>Add a user</button>
        <button type="button" id="add-licence-group" @click=${() => setRows([...rows, { kind: 'group', name: firstGroup(s.scenario), subscriptions: [], flex: 'all' }])}>Add a group</button>
      </div>
      <details id="licences-as-json">
        <summary class="small-text">Edit as JSON (also collections and dated subscriptions)</summary>
        <p class="muted small-text">As in a scenario file: <code>{"users": {"ana": {"subscriptions": ["Revit"]}}, "groups": {…}, "collections": {…}}</code>.</p>
        <label for="licences-json" class="visually-hidden">Licences as JSON</label>
        <textarea id="licences-json" rows="6" .value=${text} @change=${change} aria-invalid=${problems.length > 0 || s.licencesError ? 'true' : 'false'} aria-describedby="licences-problems"></textarea>
      </details>
      ${s.licencesError ? html`<div class="error" role="alert" id="licences-parse-error">${s.licencesError}</div>` : nothing}
      ${problemBox('licences', problems, s.scenario)}
    </details>
  </section>`;
}

/** The first group of users the scenario names (a licence row must name a group that exists). */
function firstGroup(scenario: ScenarioDraft): string {
  const first = listOf(section(scenario.population).archetypes)[0];
  const name = isObject(first) ? (first.group ?? first.name) : undefined;
  return typeof name === 'string' ? name : 'Group 1';
}

/** One user or group: kind, name, subscriptions (comma list), Flex access. */
function licenceRow(
  r: LicenceRow,
  i: number,
  edit: (i: number, patch: Partial<LicenceRow>) => void,
  remove: () => void,
): TemplateResult {
  const flexKind = r.flex === 'all' ? 'all' : r.flex === 'none' ? 'none' : 'only';
  const dated = hasDated(r);
  return html`<tr data-licence=${i}>
    <td><select aria-label="User or group" @change=${(e: Event) => edit(i, { kind: (e.target as HTMLSelectElement).value === 'group' ? 'group' : 'user' })}>
        <option value="user" ?selected=${r.kind === 'user'}>user</option>
        <option value="group" ?selected=${r.kind === 'group'}>group</option>
      </select>
      <input aria-label=${r.kind === 'user' ? 'User name' : 'Group name'} size="10" .value=${r.name} @change=${(e: Event) => edit(i, { name: (e.target as HTMLInputElement).value.trim() })} /></td>
    <td><input aria-label=${`Subscriptions of ${r.name}`} placeholder="none" ?readonly=${dated} title=${dated ? 'Dated subscriptions: edit them as JSON below' : 'Products or collections, separated by commas'} .value=${subscriptionsText(r)} @change=${(e: Event) => edit(i, { subscriptions: nameList((e.target as HTMLInputElement).value) })} /></td>
    <td><select aria-label=${`Flex access of ${r.name}`} @change=${(e: Event) => {
      const v = (e.target as HTMLSelectElement).value;
      edit(i, { flex: v === 'only' ? [] : v === 'none' ? 'none' : 'all' });
    }}>
        <option value="all" ?selected=${flexKind === 'all'}>all</option>
        <option value="none" ?selected=${flexKind === 'none'}>nothing</option>
        <option value="only" ?selected=${flexKind === 'only'}>only…</option>
      </select>
      ${
        Array.isArray(r.flex)
          ? html`<input aria-label=${`Products ${r.name} may launch on Flex`} size="12" placeholder="products" .value=${r.flex.join(', ')} @change=${(e: Event) => edit(i, { flex: nameList((e.target as HTMLInputElement).value) })} />`
          : nothing
      }</td>
    <td><button type="button" class="small" @click=${remove}>Remove</button></td>
  </tr>`;
}

export type { PriceCatalogue };
