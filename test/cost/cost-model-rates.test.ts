/**
 * A cost model with a product's daily rate moved (the tornado's rate bars):
 * each user's token columns are the usage's tokens times the rate's factor,
 * whether the model is built from the usage alone or from a base model of
 * the same usage, whose columns it then scales.
 */
import { describe, expect, it } from 'vitest';
import { BASE_SCALES, buildCostModel, type CostModel } from '../../src/cost/index.ts';
import { defaultCatalogue, planOf, usageOf } from './helpers.ts';

const catalogue = defaultCatalogue();
// AutoCAD 7 and Revit 10 tokens a day (DOMAIN.md section 3); Civil 3D fixed at 9 here.
const usage = usageOf(
  ['AutoCAD', 'Civil 3D', 'Revit'],
  [
    { name: 'ana', days: { AutoCAD: [3, 0, 5], Revit: [10, 12, 0] } },
    { name: 'ben', days: { 'Civil 3D': [0, 0, 0] } },
    { name: 'cy', days: { 'Civil 3D': [2, 4, 1] } },
    { name: 'dee', days: { AutoCAD: [0, 1, 0], Revit: [0, 0, 0] } },
  ],
  { rates: { 'Civil 3D': 9 } },
);
const plan = planOf({ policies: ['upfront'] }, catalogue);
// Revit's rate up by a fifth, the others as given.
const scales = { ...BASE_SCALES, rate: (p: string) => (p === 'Revit' ? 1.2 : 1) };

/** Each user's products, cells, tokens and means, as plain numbers. */
function columns(model: CostModel) {
  return model.users.map((um) => ({
    products: um.products.map((p) => usage.products[p]),
    cells: [...um.cells],
    tokens: [...um.tokens],
    meanTokens: [...um.meanTokens],
  }));
}

describe('buildCostModel: a rate moved', () => {
  it('buildCostModel() scales Revit tokens by 1.2, the same built alone or from a base model', () => {
    const alone = columns(buildCostModel(usage, catalogue, plan, scales));
    const base = buildCostModel(usage, catalogue, plan);
    const fromBase = columns(buildCostModel(usage, catalogue, plan, scales, base));
    // By hand: ana's AutoCAD 3, 0, 5 days x 7 and Revit 10, 12, 0 days x 10 x 1.2, trial-major.
    expect(alone[0]).toEqual({
      products: ['AutoCAD', 'Revit'],
      cells: [0, 1],
      tokens: [21, 120, 0, 144, 35, 0],
      meanTokens: [56 / 3, 88],
    });
    // ben uses nothing in any trial: no products, no columns.
    expect(alone[1]).toEqual({ products: [], cells: [], tokens: [], meanTokens: [] });
    expect(alone[2]).toEqual({
      products: ['Civil 3D'],
      cells: [3],
      tokens: [18, 36, 9],
      meanTokens: [21],
    });
    // dee used Revit on no trial: only AutoCAD is hers.
    expect(alone[3]).toEqual({
      products: ['AutoCAD'],
      cells: [4],
      tokens: [0, 7, 0],
      meanTokens: [7 / 3],
    });
    expect(fromBase).toEqual(alone);
    // The base itself keeps the rates as given.
    expect(columns(base)[0]?.tokens).toEqual([21, 100, 0, 120, 35, 0]);
  });
});
