/**
 * Customer templates the rep can start from: groups of users only. They fill
 * the visible fields of the form (customer.ts fillFromTemplate); the
 * customer's calendar, prices and plan are the rep's.
 */
import { DESCRIBED_EXAMPLE } from '../sample.ts';
import type { ScenarioDraft } from './draft.ts';

export interface CustomerTemplate {
  id: string;
  label: string;
  /** A scenario fragment: its population's archetypes are what the template fills. */
  scenario: ScenarioDraft;
}

export const TEMPLATES: readonly CustomerTemplate[] = [
  { id: 'example-firm', label: 'the example firm', scenario: DESCRIBED_EXAMPLE },
  {
    id: 'architecture',
    label: 'an architecture practice (Revit-led)',
    scenario: {
      population: {
        archetypes: [
          {
            name: 'Revit daily',
            count: 8,
            products: [{ product: 'Revit', daysPerMonth: [15, 20] }],
          },
          {
            name: 'Revit part-time',
            count: 6,
            products: [{ product: 'Revit', daysPerMonth: [4, 10] }],
          },
          {
            name: 'AutoCAD drafting',
            count: 6,
            products: [{ product: 'AutoCAD', daysPerMonth: [3, 8] }],
          },
        ],
      },
    },
  },
  {
    id: 'engineering',
    label: 'an engineering office (AutoCAD and Navisworks)',
    scenario: {
      population: {
        archetypes: [
          {
            name: 'AutoCAD daily',
            count: 12,
            products: [{ product: 'AutoCAD', daysPerMonth: [14, 20] }],
          },
          {
            name: 'Coordinators',
            count: 3,
            products: [
              { product: 'Navisworks Manage', daysPerMonth: [3, 8] },
              { product: 'Revit', daysPerMonth: [2, 6] },
            ],
          },
          {
            name: 'Occasional AutoCAD',
            count: 10,
            products: [{ product: 'AutoCAD', daysPerMonth: [1, 4] }],
          },
        ],
      },
    },
  },
];
