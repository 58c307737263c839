/**
 * The usage's columns are its user x product cells, not every user x every
 * product (issue 13): a comparison reads the same numbers either way, and a
 * usage whose cells are out of order is refused.
 */
import { describe, expect, it } from 'vitest';
import { buildCostModel, compareCosts, poolDemand } from '../../src/cost/index.ts';
import type { UserOption } from '../../src/cost/user-options.ts';
import { everyCell, type TrialUsage } from '../../src/sim/usage.ts';
import { defaultCatalogue, planOf, usageOf } from './helpers.ts';

const PRODUCTS = ['AutoCAD', 'Revit', 'Navisworks Manage'];

/** The same usage with a column for every user x every product (the unused ones zero). */
function dense(u: TrialUsage): TrialUsage {
  const U = u.users.length;
  const P = u.products.length;
  const C = u.cells.user.length;
  const days = new Float64Array(u.trials * U * P);
  const tokens = new Float64Array(u.trials * U * P);
  for (let t = 0; t < u.trials; t++)
    for (let c = 0; c < C; c++) {
      const i = (t * U + (u.cells.user[c] as number)) * P + (u.cells.product[c] as number);
      days[i] = u.days[t * C + c] as number;
      tokens[i] = u.tokens[t * C + c] as number;
    }
  return { ...u, cells: everyCell(U, P), days, tokens };
}

describe('TrialUsage cells', () => {
  const catalogue = defaultCatalogue();
  const sparse = usageOf(PRODUCTS, [
    { name: 'rita', days: { Revit: [120, 80, 150] } },
    { name: 'alan', days: { AutoCAD: [30, 10, 45] } },
    { name: 'nina', days: { 'Navisworks Manage': [5, 60, 20], AutoCAD: [90, 100, 70] } },
  ]);

  it('usageOf() holds a column per product a user uses: 4 cells of 3 users x 3 products', () => {
    expect(sparse.cells).toEqual({ user: [0, 1, 2, 2], product: [1, 0, 0, 2] });
    expect(sparse.tokens.length).toBe(3 * 4);
  });

  it('compareCosts() of the usage by cells equals that of every user x every product', () => {
    const plan = { purchase: planOf({ policies: ['upfront', 'quarter'] }, catalogue) };
    const a = compareCosts(sparse, catalogue, plan);
    const b = compareCosts(dense(sparse), catalogue, plan);
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    // Nina's two products, in product order, from her own cells.
    const nina = a.users.find((u) => u.user === 'nina');
    expect(nina?.products.map((p) => [p.product, p.days.mean])).toEqual([
      ['AutoCAD', 260 / 3],
      ['Navisworks Manage', 85 / 3],
    ]);
  });

  it('buildCostModel() refuses cells out of order or outside the lists', () => {
    const plan = planOf({ policies: ['upfront'] }, catalogue);
    const swapped = { ...sparse, cells: { user: [0, 1, 2, 2], product: [1, 0, 2, 0] } };
    expect(() => buildCostModel(swapped, catalogue, plan)).toThrow(/cell 3 is out of order/);
    const outside = { ...sparse, cells: { user: [0, 1, 2, 3], product: [1, 0, 0, 2] } };
    expect(() => buildCostModel(outside, catalogue, plan)).toThrow(/cell 3 is user 3 x product 2/);
  });

  it("poolDemand() sums the tokens nobody's option covers, by hand; a pool asked again is the caller's own copy", () => {
    const model = buildCostModel(sparse, catalogue, planOf({ policies: ['upfront'] }, catalogue));
    const flex = model.users.map((um) => um.options[0] as UserOption);
    // Trial 1: Rita 80 Revit days x 10, Alan 10 AutoCAD days x 7, Nina 60 Navisworks x 9 and 100 AutoCAD x 7.
    const first = poolDemand(model, flex);
    expect(first[1]).toBe(800 + 70 + 540 + 700);
    first.fill(-1);
    const again = poolDemand(model, flex);
    expect(again[1]).toBe(2110);
    expect(again).not.toBe(first);
    again.fill(-2);
    expect(poolDemand(model, flex)[1]).toBe(2110);
    // Rita on her Revit subscription: her tokens leave every trial.
    const covered = [
      model.users[0]?.options.find((o) => o.covered === 1) as UserOption,
      ...flex.slice(1),
    ];
    expect(Array.from(poolDemand(model, covered))).toEqual(
      Array.from(poolDemand(model, flex), (x, t) => x - 10 * ([120, 80, 150][t] as number)),
    );
  });
});
