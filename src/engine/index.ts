/** The metering engine: pure, deterministic, no DOM, no clock, no randomness. */

export { autoClosedEnd } from './auto-close.ts';
export { chargeSessions } from './charge-sessions.ts';
export { ChargeBuffer, type ChargeKind, LAUNCH, RENEWAL } from './charges.ts';
export { csvCell, csvDocument, csvRow } from './csv.ts';
export {
  type DaysUsedColumns,
  type DaysUsedRow,
  daysUsedAt,
  daysUsedColumns,
  daysUsedRows,
} from './days-used.ts';
export {
  type DemandRule,
  type DemandSink,
  demandRule,
  type GroupedSessions,
  KeyCharges,
  keyCharges,
  meterDemand,
  meterKey,
} from './demand.ts';
export { AUTO_CLOSE_HOURS, analyseForgotten, type ForgottenAnalysis } from './forgotten.ts';
export { type JsonResult, parseJson } from './json.ts';
export {
  at,
  type Checked,
  type Fields,
  isObject,
  JsonReader,
  readWith,
  show,
} from './json-reader.ts';
export { INSUFFICIENT_TOKENS, meterLedger, NO_ACCESS, type Refusals } from './ledger.ts';
export {
  checkLicences,
  checkUserLicences,
  expandProducts,
  type Licences,
  type ResolvedLicences,
  readLicences,
  resolveLicences,
  type Subscription,
  type UserLicence,
} from './licences.ts';
export {
  type LedgerSummary,
  type MeterOptions,
  MeterOptionsError,
  type MeterResult,
  meter,
  sortCharges,
} from './meter.ts';
export {
  DEFAULT_POLICY,
  EXPIRY_NOTICE_DAYS,
  LONG_SESSION_HOURS,
  LOW_BALANCE_SHARE,
  MAX_DEVICES_PER_USER,
  type MeterPolicy,
  normalisePolicy,
} from './policy.ts';
export { codeUnitRanks, latestTime, type PreparedSessions, sortByKey, triage } from './prepare.ts';
export {
  checkRates,
  DEFAULT_RATES,
  MissingRateError,
  type RateChange,
  type RateTable,
  type ResolvedRates,
  rateAt,
  readRates,
  resolveRates,
} from './rates.ts';
export {
  type ChargeCounts,
  type ChargeRow,
  chargeCounts,
  chargeRow,
  chargesCsv,
  type DenialRow,
  daysUsedRow,
  type MeterReport,
  meterReport,
  meterTable,
} from './report.ts';
export {
  SessionBuilder,
  type SessionColumns,
  type SessionRecord,
  StringTable,
  sessionAt,
  sessionsFrom,
} from './sessions.ts';
export {
  chargeDays,
  type LedgerDay,
  ledgerDays,
  type Totals,
  totals,
} from './summary.ts';
export {
  addOneYear,
  type CivilTime,
  civilFromDays,
  civilToUtcMs,
  DAY_MS,
  daysFromCivil,
  formatDay,
  formatInstant,
  HOUR_MS,
  instantFormatter,
  isValidZone,
  parseCivil,
  parseInstant,
  parseInstantIn,
  UTC,
  type Zone,
  zone,
} from './time.ts';
export { type PackState, type Purchase, TokenLedger } from './token-ledger.ts';
export { describeWarning, type SessionWarning, sessionWarnings } from './warnings.ts';
