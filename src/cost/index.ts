/** The cost comparison: prices, strategies, per-user advice and sensitivity. Pure. */
export {
  type CataloguePatch,
  type CollectionPrice,
  illustrativeEntries,
  type PriceCatalogue,
  type Sourced,
  type SourcedNumber,
  tokenPriceFor,
  type VolumeTier,
} from './catalogue.ts';
export {
  type CompareOptions,
  CostInputError,
  type CostPlan,
  compareCosts,
  compareCostsStaged,
} from './compare-costs.ts';
export type {
  CostComparison,
  Move,
  Sensitivity,
  SensitivityBar,
  SensitivityPoint,
  StrategyCost,
  StrategyName,
  UserCost,
  UserOptionCost,
  UserProductCost,
  Versus,
} from './comparison.ts';
export { comparisonTable, type TableOptions } from './comparison-table.ts';
export {
  BASE_SCALES,
  buildCostModel,
  type CostModel,
  horizonYears,
  poolDemand,
  type Scales,
  type UserModel,
} from './cost-model.ts';
export { type Distribution, distributionOf } from './distribution.ts';
export {
  type CatalogueEdit,
  catalogueJson,
  editCatalogue,
  mergeCatalogue,
  type Stamp,
} from './edit-catalogue.ts';
export {
  type FlexOutcome,
  FlexPricer,
  flexCost,
  type PoolPricer,
  type PricedOrder,
} from './flex-cost.ts';
export { governingPackSizes } from './governing-pack-sizes.ts';
export { InProcessRunner } from './in-process-runner.ts';
export { type Offer, resolveOffers } from './offers.ts';
export {
  allFlexChoice,
  allSubscriptionChoice,
  type Choice,
  expectedCost,
  localSearch,
  optimiseHybrid,
} from './optimise.ts';
export { DEFAULT_HORIZON_START, PolicyPricer } from './policy-pricer.ts';
export { priceRun, scenarioCatalogue, scenarioStamp } from './price-run.ts';
export { type PricedStrategy, priceStrategy } from './price-strategy.ts';
export {
  DEFAULT_POLICIES,
  DEFAULT_SERVICE_LEVEL,
  normalisePurchasePlan,
  type PlannedOrder,
  type PurchasePlan,
} from './purchase-plan.ts';
export {
  type ChunkSlice,
  costsOfRun,
  executePlan,
  type PlannedRun,
  type PlanResults,
  type PlanRunner,
  plannedRun,
  planRun,
  pricedRun,
  type RunArrays,
  type RunPlan,
  type TrialsProgress,
} from './run-plan.ts';
export {
  catalogueFromScenario,
  costInputsFromScenario,
  costPlanFromScenario,
  type ScenarioCostInputs,
  withoutSubscriptions,
} from './scenario-inputs.ts';
export {
  firstTrials,
  SENSITIVITY_TRIALS,
  type SensitivityOptions,
  sensitivity,
  sensitivityTrials,
} from './sensitivity.ts';
export {
  priceSizedTrials,
  type SizedPlan,
  TrialBench,
  type TrialSplit,
  trialSplit,
  withTrialSplit,
} from './sized-trials.ts';
export {
  type Order,
  packRounder,
  TOKEN_NOISE,
  type TokenPricing,
  tokenPricing,
} from './token-pricing.ts';
export { fullCover, MAX_PRODUCTS_PER_USER, type UserOption, userOptions } from './user-options.ts';
export { checkCatalogue, checkCataloguePatch, readCatalogue } from './validate-catalogue.ts';
