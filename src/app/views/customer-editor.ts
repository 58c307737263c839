/**
 * "Describe a customer": the customer's calendar and groups of users, each
 * field exactly what is simulated (model/customer.ts). "New customer" starts
 * empty; a template fills the groups.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { DEFAULT_RATES } from '../../engine/rates.ts';
import { archetypeOf, type CustomerGroup, groupOf, hiddenSettings } from '../model/customer.ts';
import { listOf, ratesOf, section, type WorkweekDraft } from '../model/draft.ts';
import { TEMPLATES } from '../model/templates.ts';
import type { AppActions, AppState } from '../state.ts';
import { numberOrText } from './number-or-text.ts';
import { problemBox } from './problem-box.ts';
import { ZONES } from './zones.ts';

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;

/** A new group's starting values: occasional AutoCAD users. */
const NEW_GROUP: CustomerGroup = {
  name: 'Occasional AutoCAD',
  count: 10,
  products: [{ product: 'AutoCAD', daysPerMonth: [2, 6] }],
  forgetRate: 0,
  length: { medianHours: 4, p90Hours: 9 },
};

const value = (e: Event) => (e.target as HTMLInputElement).value;

export function customerEditor(s: AppState, a: AppActions, problems: string[]): TemplateResult {
  const population = section(s.scenario.population);
  const archetypes = listOf(population.archetypes);
  const history = population.history ? section(population.history) : null;
  const setArchetypes = (f: (list: unknown[]) => unknown[]) =>
    a.setScenario((sc) => {
      const pop = section(sc.population);
      return { ...sc, population: { ...pop, archetypes: f(listOf(pop.archetypes)) } };
    });
  const setGroup = (i: number, g: CustomerGroup) =>
    setArchetypes((l) => l.map((x, k) => (k === i ? archetypeOf(g) : x)));
  return html`<section class="panel" id="customer" aria-labelledby="customer-title">
    <details open>
      <summary id="customer-title">Describe a customer</summary>
      <div class="row">
        <button type="button" class="primary" id="new-customer" @click=${() => a.newCustomer()}>New customer</button>
        <label for="template" class="small-text">or fill the groups from</label>
        <select id="template">${TEMPLATES.map((t) => html`<option value=${t.id}>${t.label}</option>`)}</select>
        <button type="button" id="start-described" @click=${(e: Event) => {
          // The select's own value: a redraw since the choice keeps it (it is not bound).
          const select = (e.target as HTMLElement).closest('.row')?.querySelector('select');
          if (select) a.useTemplate(select.value);
        }}>Fill</button>
      </div>
      <p class="muted small-text">Groups of similar users: how many, and for each product how many days a month they use it (a range across the group's users). What you see here is exactly what is simulated.</p>
      ${
        s.data
          ? html`<label class="check"><input type="checkbox" id="use-history" .checked=${history !== null} @change=${(e: Event) => a.useHistory((e.target as HTMLInputElement).checked)} /> Also simulate the users of ${s.data.fileName} (whole weeks of its history replayed)</label>`
          : nothing
      }
      ${calendarEditor(s, a)}
      ${archetypes.map((x, i) =>
        groupEditor(groupOf(x), hiddenSettings(x), i, s, {
          set: (g) => setGroup(i, g),
          remove: () => setArchetypes((l) => l.filter((_, k) => k !== i)),
        }),
      )}
      <div class="row">
        <button type="button" id="add-archetype" @click=${() => setArchetypes((l) => [...l, archetypeOf({ ...NEW_GROUP, name: `Group ${l.length + 1}` })])}>Add a group of users</button>
      </div>
      ${problemBox('customer', problems, s.scenario)}
    </details>
  </section>`;
}

/** The customer's timezone, working days and holidays: chosen here, never carried over. */
function calendarEditor(s: AppState, a: AppActions): TemplateResult {
  const sc = s.scenario;
  const workweek = section(sc.workweek);
  const days = Array.isArray(workweek.weekdays) ? workweek.weekdays : [...WEEKDAYS.slice(0, 5)];
  const holidays = listOf(workweek.holidays);
  const setWorkweek = (patch: WorkweekDraft) =>
    a.setScenario((x) => ({
      ...x,
      workweek: { ...section(x.workweek), weekdays: days, holidays, ...patch },
    }));
  const toggle = (d: string) => (e: Event) => {
    const on = (e.target as HTMLInputElement).checked;
    setWorkweek({ weekdays: WEEKDAYS.filter((w) => (w === d ? on : days.includes(w))) });
  };
  return html`<fieldset id="calendar" class="archetype">
    <legend>The customer's calendar</legend>
    <div class="row">
      <div class="field"><label for="customer-zone">Timezone</label>
        <input id="customer-zone" list="customer-zones" .value=${String(sc.timezone ?? 'UTC')} @change=${(e: Event) => a.setScenario((x) => ({ ...x, timezone: value(e).trim() }))} />
        <datalist id="customer-zones">${ZONES.map((z) => html`<option value=${z}></option>`)}</datalist></div>
      <div class="field"><span class="label">Working days</span>
        <div class="weekdays">${WEEKDAYS.map((d) => html`<label class="check"><input type="checkbox" data-weekday=${d} .checked=${days.includes(d)} @change=${toggle(d)} />${d}</label>`)}</div></div>
    </div>
    <div class="field"><label for="holidays">Holidays (one date a line, YYYY-MM-DD; nobody works on them)</label>
      <textarea id="holidays" rows="2" .value=${holidays.join('\n')} placeholder="none" @change=${(
        e: Event,
      ) =>
        setWorkweek({
          holidays: value(e)
            .split(/[\s,]+/)
            .map((x) => x.trim())
            .filter(Boolean),
        })}></textarea></div>
  </fieldset>`;
}

function groupEditor(
  g: CustomerGroup,
  hidden: string[],
  i: number,
  s: AppState,
  on: { set: (g: CustomerGroup) => void; remove: () => void },
): TemplateResult {
  const id = (f: string) => `arch-${i}-${f}`;
  const patch = (p: Partial<CustomerGroup>) => on.set({ ...g, ...p });
  const setProduct = (k: number, p: Partial<CustomerGroup['products'][number]>) =>
    patch({ products: g.products.map((x, j) => (j === k ? { ...x, ...p } : x)) });
  const productsOffered = [
    ...new Set([...Object.keys(DEFAULT_RATES), ...Object.keys(ratesOf(s.scenario))]),
  ];
  const forget = typeof g.forgetRate === 'number' ? g.forgetRate * 100 : g.forgetRate;
  const num = (
    f: string,
    label: string,
    v: unknown,
    change: (e: Event) => void,
    attrs: { max?: number; step?: number } = {},
  ) =>
    html`<div class="field"><label for=${id(f)}>${label}</label>
      <input id=${id(f)} type="number" min="0" max=${attrs.max ?? 100000} step=${attrs.step ?? 1} .value=${String(v ?? '')} @change=${change} /></div>`;
  return html`<fieldset class="archetype" data-archetype=${i}>
    <legend>${g.name || `Group ${i + 1}`}</legend>
    <div class="grid3">
      <div class="field wide"><label for=${id('name')}>Name</label>
        <input id=${id('name')} .value=${g.name} @change=${(e: Event) => patch({ name: value(e) })} /></div>
      ${num('count', 'Users', g.count, (e) => patch({ count: numberOrText(value(e)) }))}
      <div class="field"><label class="visually-hidden" for=${id('remove')}>Remove</label>
        <button type="button" id=${id('remove')} class="small" @click=${on.remove} aria-label=${`Remove ${g.name || 'this group'}`}>Remove</button></div>
    </div>
    <table class="products">
      <thead><tr><th scope="col">Product</th><th scope="col" class="num" title="Days a month the product is used, a range across the group's users">Days/month from</th><th scope="col" class="num">to</th><th scope="col"></th></tr></thead>
      <tbody>${g.products.map(
        (p, k) => html`<tr data-product=${k}>
          <td><input id=${id(`product-${k}`)} aria-label="Product" list=${id('product-list')} .value=${p.product} @change=${(e: Event) => setProduct(k, { product: value(e).trim() })} /></td>
          <td class="num"><input id=${id(`days-lo-${k}`)} type="number" min="0" max="31" step="0.5" aria-label=${`Days a month from, ${p.product}`} .value=${String(p.daysPerMonth[0])} @change=${(e: Event) => setProduct(k, { daysPerMonth: [numberOrText(value(e)), p.daysPerMonth[1]] })} /></td>
          <td class="num"><input id=${id(`days-hi-${k}`)} type="number" min="0" max="31" step="0.5" aria-label=${`Days a month to, ${p.product}`} .value=${String(p.daysPerMonth[1])} @change=${(e: Event) => setProduct(k, { daysPerMonth: [p.daysPerMonth[0], numberOrText(value(e))] })} /></td>
          <td><button type="button" class="small link" @click=${() => patch({ products: g.products.filter((_, j) => j !== k) })}>Remove</button></td>
        </tr>`,
      )}</tbody>
    </table>
    <datalist id=${id('product-list')}>${productsOffered.map((p) => html`<option value=${p}></option>`)}</datalist>
    <button type="button" class="small" id=${id('add-product')} @click=${() => patch({ products: [...g.products, { product: '', daysPerMonth: [2, 6] }] })}>Add a product</button>
    <div class="grid3">
      ${num(
        'forget',
        'Sessions left open (%)',
        forget,
        (e) => {
          const v = numberOrText(value(e));
          patch({ forgetRate: typeof v === 'number' ? v / 100 : v });
        },
        { max: 100 },
      )}
      ${num('median', 'Typical session (h)', g.length.medianHours, (e) => patch({ length: { ...g.length, medianHours: numberOrText(value(e)) } }), { step: 0.5 })}
      ${num('p90', 'Long session, 1 in 10 (h)', g.length.p90Hours, (e) => patch({ length: { ...g.length, p90Hours: numberOrText(value(e)) } }), { step: 0.5 })}
    </div>
    ${
      hidden.length
        ? html`<p class="notice small-text" id=${id('hidden')}>This group also has settings the form does not show (${hidden.join(', ')}). <button type="button" class="small" @click=${() => on.set(g)}>Reset them to the defaults</button></p>`
        : nothing
    }
  </fieldset>`;
}
