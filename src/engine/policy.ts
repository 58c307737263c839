/**
 * The charging policies the vendor leaves open (DOMAIN.md section 1), as
 * settings with the documented defaults.
 */
export interface MeterPolicy {
  /** M5: a launch whose busy interval lasts strictly less than this is free. */
  graceMinutes: number;
  /** M5: whether grace also frees a renewal whose product closes within grace of the boundary. */
  graceOnRenewal: boolean;
  /** M9: at a renewal the balance cannot pay, end the open sessions, or let the balance go negative. */
  onRenewalShortfall: 'end-session' | 'overdraft';
  /** M6: end each session's metered time at last activity + idleMinutes. */
  idleAware: boolean;
  /** M6: minutes without activity before a product goes idle. */
  idleMinutes: number;
  /** M2: length of a usage period. */
  periodHours: number;
}

/** DOMAIN.md defaults. */
export const DEFAULT_POLICY: Readonly<MeterPolicy> = Object.freeze({
  graceMinutes: 5,
  graceOnRenewal: false,
  onRenewalShortfall: 'end-session',
  idleAware: false,
  idleMinutes: 15,
  periodHours: 24,
});

/** T4: the balance page flags a balance below this share of purchased tokens. */
export const LOW_BALANCE_SHARE = 0.2;

/** T4: the balance page flags packs expiring within this many days. */
export const EXPIRY_NOTICE_DAYS = 90;

/** M10: devices a named user may install on. */
export const MAX_DEVICES_PER_USER = 3;

/** A session longer than this probably lost its close event (a warning, never a change). */
export const LONG_SESSION_HOURS = 72;

/**
 * The shortest and longest usage period accepted (hours). Flex's period is
 * 24 h; shorter ones are what-ifs. A period of 0.00001 h would make a
 * session of a week into 60 million charges: the bound keeps every replay's
 * charges within 24 per session-day.
 */
export const MIN_PERIOD_HOURS = 1;
export const MAX_PERIOD_HOURS = 24 * 366;

/**
 * Fills in defaults and checks ranges. Returns the problems found (empty when
 * valid) so callers at the edge can report them with their own location.
 */
export function normalisePolicy(input: Partial<MeterPolicy> = {}): {
  policy: MeterPolicy;
  problems: string[];
} {
  const policy: MeterPolicy = { ...DEFAULT_POLICY, ...stripUndefined(input) };
  const problems: string[] = [];
  const nonNegative = (name: keyof MeterPolicy) => {
    const v = policy[name];
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0)
      problems.push(`invalid ${name}: ${String(v)} (expected a number >= 0)`);
  };
  nonNegative('graceMinutes');
  nonNegative('idleMinutes');
  if (!(policy.periodHours >= MIN_PERIOD_HOURS && policy.periodHours <= MAX_PERIOD_HOURS))
    problems.push(
      `invalid periodHours: ${String(policy.periodHours)} (expected hours from ${MIN_PERIOD_HOURS} to ${MAX_PERIOD_HOURS})`,
    );
  if (policy.onRenewalShortfall !== 'end-session' && policy.onRenewalShortfall !== 'overdraft')
    problems.push(
      `invalid onRenewalShortfall: ${String(policy.onRenewalShortfall)} (expected end-session or overdraft)`,
    );
  if (typeof policy.graceOnRenewal !== 'boolean')
    problems.push(
      `invalid graceOnRenewal: ${String(policy.graceOnRenewal)} (expected true or false)`,
    );
  if (typeof policy.idleAware !== 'boolean')
    problems.push(`invalid idleAware: ${String(policy.idleAware)} (expected true or false)`);
  return { policy, problems };
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  const out: Partial<T> = {};
  for (const [k, v] of Object.entries(o))
    if (v !== undefined) (out as Record<string, unknown>)[k] = v;
  return out;
}
