import { fixed, pct } from '../engine/format.ts';
import {
  formatDay,
  HOUR_MS,
  type MeterPolicy,
  type ResolvedRates,
  resolveLicences,
  resolveRates,
  type UserLicence,
} from '../engine/index.ts';
import { at } from '../engine/json-reader.ts';
import { type BetaParams, betaFromMoments, fitBetaQuantiles } from './beta-fit.ts';
import { type Calendar, calendarOf, workingDaysPerMonth } from './calendar.ts';
import { dayNumber } from './dates.ts';
import { normalQuantile, quantileTable } from './distributions.ts';
import type { Drift } from './drift.ts';
import type { HistoryData, HistoryModel } from './history.ts';
import { compileHistory } from './history.ts';
import { POLICY_LEVERS } from './policy-levers.ts';
import { type ArchetypeProduct, CHUNK_TRIALS, type Scenario } from './scenario.ts';

/** How a key (user + product) gets its sessions in a trial. */
export const ARCHETYPE = 0;
/** Replays the user's own history (week-block bootstrap). */
export const HISTORY = 1;
/** A joiner copying a history user: days at that user's rate, his recorded days as templates. */
export const COPY = 2;

/** A user's share of working days: fixed, or drawn per trial from a Beta across users. */
export type Share = { kind: 'fixed'; value: number } | { kind: 'beta'; a: number; b: number };

/** An archetype's product, ready for the trial loop. */
export interface ArchetypeRuntime {
  share: Share;
  /** Weekday weight of each horizon day, normalised to mean 1 over working days; 0 on holidays. */
  dayWeight: Float64Array;
  /** Quantile table of the start, ms after the day's base instant. */
  start: Float64Array;
  /** Quantile table of the session length, ms. */
  length: Float64Array;
  forgetRate: number;
}

/** One comparison run over the same sessions: the baseline, a policy, or a counterfactual. */
export interface RunSpec {
  name: string;
  /** Forget threshold for every key, or null to keep each key's own. */
  forget: number | null;
  /** Sessions end at start + this at most (Infinity: no auto-close). */
  autoCloseMs: number;
  idleAware: boolean;
  idleMs: number;
  /** The levers that differ from the baseline, for the summary. */
  levers: Record<string, number | boolean>;
}

/** Every key (user + product) of the simulated team. */
export interface Keys {
  count: number;
  user: Int32Array;
  product: Int32Array;
  /** Group of the key's user. */
  group: Int32Array;
  /** First and past-last horizon day the key may start sessions. */
  from: Int32Array;
  to: Int32Array;
  kind: Uint8Array;
  /** Archetype runtime index (ARCHETYPE), history key (HISTORY), joiner index (COPY). */
  spec: Int32Array;
  /** Baseline forget threshold: a session is forgotten when its forget draw is below it. */
  forget: Float64Array;
  /** Highest forget threshold of any run for the key (0: no run can forget its sessions). */
  maxForget: Float64Array;
  /** Per key, 1 on days a subscription covers it (M7), or null. */
  covered: (Uint8Array | null)[];
}

/** A scenario compiled for the trial loop: everything a trial reads, nothing it allocates. */
export interface Model {
  scenario: Scenario;
  calendar: Calendar;
  users: string[];
  userGroup: Int32Array;
  groups: string[];
  groupCv: Float64Array;
  /** Week-to-week carry-over of each group's shock (lag-1 autocorrelation). */
  groupCarry: Float64Array;
  /** Year-to-year drift every trial draws (the history's estimate, or the scenario's). */
  drift: Drift;
  products: string[];
  rates: ResolvedRates;
  policy: MeterPolicy;
  keys: Keys;
  archetypes: ArchetypeRuntime[];
  /** Growth and peaks per group x day (G x days). */
  groupFactor: Float64Array;
  runs: RunSpec[];
  /** Index of the "nobody forgets" counterfactual in `runs`, or -1. */
  noForgetRun: number;
  history: HistoryModel | null;
  /** Joiners copying history users: the source user, or -1 for a random active one per trial. */
  copySource: Int32Array;
  chunks: number;
  assumptions: string[];
}

/** A compiled model, or the problems found in the scenario against its data. */
export type Compiled = { model: Model; problems: [] } | { model: null; problems: string[] };

/** Start times are kept inside the day: a normal cut at 00:00 and 23:59. */
const LAST_START_MS = 24 * HOUR_MS - 60_000;

/** The share-of-working-days distribution for a days-per-month spec. */
function shareOf(p: ArchetypeProduct, perMonth: number): Share {
  const d = p.daysPerMonth;
  const clamp = (x: number) => Math.min(0.999, Math.max(0.001, x));
  if (d.kind === 'fixed') return { kind: 'fixed', value: Math.min(1, d.value / perMonth) };
  let params: BetaParams;
  if (d.kind === 'range') {
    const x10 = clamp(d.p10 / perMonth);
    const x90 = clamp(d.p90 / perMonth);
    if (x90 - x10 < 1e-4) return { kind: 'fixed', value: (x10 + x90) / 2 };
    params = fitBetaQuantiles(x10, x90);
  } else params = betaFromMoments(clamp(d.mean / perMonth), d.sd / perMonth);
  return { kind: 'beta', a: params.a, b: params.b };
}

function archetypeRuntime(p: ArchetypeProduct, s: Scenario, cal: Calendar): ArchetypeRuntime {
  const weights =
    p.weekdays.length === 7
      ? p.weekdays
      : [0, 1, 2, 3, 4, 5, 6].map((d) => (s.workweek.weekdays.includes(d) ? 1 : 0));
  const dayWeight = new Float64Array(cal.days);
  let sum = 0;
  for (let d = 0; d < cal.days; d++) {
    const w = cal.holiday[d] ? 0 : (weights[cal.weekday[d] as number] as number);
    dayWeight[d] = w;
    sum += w;
  }
  // Normalise so the expected days used over the horizon is share x working days.
  const scale = sum > 0 ? cal.workingDays / sum : 0;
  for (let d = 0; d < cal.days; d++) dayWeight[d] = (dayWeight[d] as number) * scale;
  const mu = Math.log(p.length.medianHours * HOUR_MS);
  const sigma = Math.log(p.length.p90Hours / p.length.medianHours) / normalQuantile(0.9);
  return {
    share: shareOf(p, workingDaysPerMonth(cal)),
    dayWeight,
    start: quantileTable((q) =>
      Math.min(
        LAST_START_MS,
        Math.max(0, (p.start.meanMinutes + p.start.sdMinutes * normalQuantile(q)) * 60_000),
      ),
    ),
    length: quantileTable((q) => Math.exp(mu + sigma * normalQuantile(q))),
    forgetRate: p.forgetRate,
  };
}

/** Horizon day of a date, clamped to [0, days]. */
/** Day number of the middle of the history (the level its weeks measure). */
function historyMiddle(h: HistoryModel): number {
  return h.firstDay + Math.floor((h.span - 1) / 2);
}

function dayIn(cal: Calendar, date: string | null, fallback: number): number {
  if (date === null) return fallback;
  return Math.min(cal.days, Math.max(0, dayNumber(date) - cal.firstDay));
}

/**
 * Compiles a scenario (and its history, if any) for the trial loop. Problems
 * that need the data (a history user named in a change, a product without a
 * rate in the history) are reported here with their JSON path.
 */
export function compile(s: Scenario, historyData: HistoryData | null): Compiled {
  const problems: string[] = [];
  const cal = calendarOf(s);
  const users: string[] = [];
  const userGroupName: string[] = [];
  const products: string[] = [];
  const productIndex = new Map<string, number>();
  const productOf = (name: string): number => {
    let i = productIndex.get(name);
    if (i === undefined) {
      i = products.length;
      products.push(name);
      productIndex.set(name, i);
    }
    return i;
  };
  const userIndex = new Map<string, number>();
  const addUser = (name: string, group: string): number => {
    let unique = name;
    for (let k = 2; userIndex.has(unique); k++) unique = `${name} #${k}`;
    userIndex.set(unique, users.length);
    users.push(unique);
    userGroupName.push(group);
    return users.length - 1;
  };
  const keyList: {
    user: number;
    product: number;
    from: number;
    to: number;
    kind: number;
    spec: number;
    forget: number;
  }[] = [];
  const assumptions: string[] = [];

  // History users first: they are the team as it is.
  let history: HistoryModel | null = null;
  const spec = s.population.history;
  if (spec) {
    if (!historyData)
      throw new Error('compile: the scenario has a history but no history data was given');
    const h = compileHistory(historyData, spec, s, cal);
    if (h.problems.length) problems.push(...h.problems);
    history = h.model;
    if (history) {
      for (const hu of history.users) {
        const u = addUser(hu.name, hu.group);
        for (const k of hu.keys) {
          keyList.push({
            user: u,
            product: productOf(history.products[history.keyProduct[k] as number] as string),
            from: 0,
            to: cal.days,
            kind: HISTORY,
            spec: k,
            forget: 1,
          });
        }
      }
      assumptions.push(...history.assumptions);
    }
  }

  const archetypes: ArchetypeRuntime[] = [];
  const archetypeSpecs = new Map<string, number[]>();
  const archetypeUsers = new Map<string, number[]>();
  for (const a of s.population.archetypes) {
    const specs = a.products.map((p) => {
      archetypes.push(archetypeRuntime(p, s, cal));
      return archetypes.length - 1;
    });
    archetypeSpecs.set(a.name, specs);
    const members: number[] = [];
    for (let i = 0; i < a.count; i++) {
      const u = addUser(`${a.name} ${i + 1}`, a.group);
      members.push(u);
      a.products.forEach((p, j) => {
        keyList.push({
          user: u,
          product: productOf(p.product),
          from: 0,
          to: cal.days,
          kind: ARCHETYPE,
          spec: specs[j] as number,
          forget: p.forgetRate,
        });
      });
    }
    archetypeUsers.set(a.name, members);
  }

  // Changes: joiners, leavers.
  const copySource: number[] = [];
  s.changes.forEach((c, i) => {
    const path = at('$.changes', i);
    if (c.type === 'join') {
      const day = dayIn(cal, c.date, 0);
      if (c.archetype !== null) {
        const a = s.population.archetypes.find((x) => x.name === c.archetype);
        const specs = archetypeSpecs.get(c.archetype) ?? [];
        if (!a) return;
        for (let k = 0; k < c.count; k++) {
          const u = addUser(`${c.name} ${k + 1}`, a.group);
          a.products.forEach((p, j) => {
            keyList.push({
              user: u,
              product: productOf(p.product),
              from: day,
              to: cal.days,
              kind: ARCHETYPE,
              spec: specs[j] as number,
              forget: p.forgetRate,
            });
          });
        }
        assumptions.push(
          `${plural(c.count, 'user joins', 'users join')} as ${c.archetype} on ${c.date}`,
        );
      } else if (history) {
        let source = -1;
        if (c.like !== null) {
          source = history.users.findIndex((hu) => hu.name === c.like);
          if (source < 0) {
            problems.push(
              `${at(path, 'like')}: no active history user named ${JSON.stringify(c.like)}`,
            );
            return;
          }
        }
        const like = source >= 0 ? (history.users[source] as HistoryModel['users'][number]) : null;
        for (let k = 0; k < c.count; k++) {
          const u = addUser(`${c.name} ${k + 1}`, like ? like.group : 'history');
          const j = copySource.length;
          copySource.push(source);
          // spec encodes (joiner, history product): the source user is drawn per trial.
          history.products.forEach((p, hp) => {
            keyList.push({
              user: u,
              product: productOf(p),
              from: day,
              to: cal.days,
              kind: COPY,
              spec: j * (history as HistoryModel).products.length + hp,
              forget: 1,
            });
          });
        }
        assumptions.push(
          `${plural(c.count, 'user joins', 'users join')} like ${like ? JSON.stringify(like.name) : 'a random active history user'} on ${c.date}`,
        );
      }
    } else if (c.type === 'leave') {
      const day = dayIn(cal, c.date, cal.days);
      const leaving: number[] = [];
      if (c.archetype !== null) {
        const members = archetypeUsers.get(c.archetype) ?? [];
        if (c.count > members.length)
          problems.push(
            `${at(path, 'count')}: archetype ${JSON.stringify(c.archetype)} has only ${members.length} users`,
          );
        leaving.push(...members.slice(Math.max(0, members.length - c.count)));
      }
      c.users.forEach((name, j) => {
        const u = userIndex.get(name);
        if (u === undefined)
          problems.push(`${at(at(path, 'users'), j)}: no user named ${JSON.stringify(name)}`);
        else leaving.push(u);
      });
      const set = new Set(leaving);
      for (const k of keyList) if (set.has(k.user)) k.to = Math.min(k.to, day);
      assumptions.push(`${plural(leaving.length, 'user leaves', 'users leave')} on ${c.date}`);
    } else if (c.type === 'growth')
      assumptions.push(
        `use-days grow ${pct(c.annualRate)} a year${c.group ? ` in ${c.group}` : ''} from ${c.from ?? (history ? `the middle of the history (${formatDay(historyMiddle(history))})` : s.horizon.start)}`,
      );
    else if (c.type === 'peak')
      assumptions.push(
        `project peak x${c.factor}${c.group ? ` for ${c.group}` : ''} from ${c.from} to ${c.to}`,
      );
    else if (c.type === 'rate')
      assumptions.push(`${c.product} costs ${c.tokens} tokens a day from ${c.from}`);
  });

  // Groups in order of first use; a group's shock CV from its archetypes (history groups: none).
  const groups: string[] = [];
  const groupIdx = new Map<string, number>();
  const userGroup = new Int32Array(users.length);
  userGroupName.forEach((g, u) => {
    let i = groupIdx.get(g);
    if (i === undefined) {
      i = groups.length;
      groups.push(g);
      groupIdx.set(g, i);
    }
    userGroup[u] = i;
  });
  const groupCv = new Float64Array(groups.length);
  const groupCarry = new Float64Array(groups.length);
  for (const a of s.population.archetypes) {
    const g = groupIdx.get(a.group);
    if (g !== undefined) {
      groupCv[g] = a.weeklyCv;
      groupCarry[g] = a.weeklyCarryOver;
    }
  }
  groups.forEach((g, i) => {
    const cv = groupCv[i] as number;
    if (cv > 0)
      assumptions.push(
        `busy and quiet weeks in ${g}: a shared weekly multiplier (CV ${fixed(cv, 2)}), carried over ${fixed(groupCarry[i] as number, 2)} from week to week`,
      );
  });
  const drift = history?.drift ?? s.drift;
  if (!history && (drift.teamSd > 0 || drift.userSd > 0))
    assumptions.push(
      `year-to-year drift: the team's level x log-normal (sd ${fixed(drift.teamSd, 2)}), each user's x log-normal (sd ${fixed(drift.userSd, 2)}), mean 1 (${drift.source === 'scenario' ? 'as the scenario states (its "drift" setting)' : 'defaults chosen by the calibration suite; change them with the scenario\'s "drift" setting'})`,
    );

  // Growth and peaks per group and day.
  const G = groups.length;
  const groupFactor = new Float64Array(G * cal.days).fill(1);
  for (const c of s.changes) {
    if (c.type !== 'growth' && c.type !== 'peak') continue;
    for (let g = 0; g < G; g++) {
      if (c.group !== null && groups[g] !== c.group) continue;
      if (c.type === 'growth') {
        // Unstated, growth runs from the level it grows from: the history's middle
        // (before the horizon, so the year's mean moves by the full 1 + rate), else the horizon start.
        const from =
          c.from === null && history
            ? historyMiddle(history) - cal.firstDay
            : dayIn(cal, c.from, 0);
        const perDay = Math.log1p(c.annualRate) / 365.2425;
        for (let d = Math.max(0, from); d < cal.days; d++)
          groupFactor[g * cal.days + d] =
            (groupFactor[g * cal.days + d] as number) * Math.exp(perDay * (d - from));
      } else {
        const from = dayIn(cal, c.from, 0);
        const to = dayIn(cal, c.to, cal.days - 1);
        for (let d = from; d <= to && d < cal.days; d++)
          groupFactor[g * cal.days + d] = (groupFactor[g * cal.days + d] as number) * c.factor;
      }
    }
  }

  // Rates: every product in use needs one (never a silent zero).
  let rates: ResolvedRates | null = null;
  const missing = products.filter((p) => !Object.hasOwn(s.rates, p));
  if (missing.length)
    problems.push(
      `$.population.history.file: no daily rate for ${missing.map((p) => JSON.stringify(p)).join(', ')}: add ${missing.length === 1 ? 'it' : 'them'} to $.rates (tokens per 24 h period from the vendor's rate sheet)`,
    );
  else rates = resolveRates(s.rates, products);

  if (problems.length || !rates) return { model: null, problems };

  // Licences (M7, M8): a group's licence applies to each of its users.
  const covered: (Uint8Array | null)[] = [];
  let kept = keyList;
  if (s.licences) {
    const byUser: Record<string, UserLicence> = {};
    users.forEach((name, u) => {
      const g = s.licences?.groups?.[groupIdxName(groups, userGroup, u)];
      const own = s.licences?.users?.[name];
      if (g || own)
        byUser[name] = {
          subscriptions: [...(g?.subscriptions ?? []), ...(own?.subscriptions ?? [])],
          flex: own?.flex ?? g?.flex ?? 'all',
        };
    });
    const lic = resolveLicences(
      { users: byUser, collections: s.licences.collections ?? {} },
      users,
      products,
    );
    let denied = 0;
    let subscribed = 0;
    kept = [];
    for (const k of keyList) {
      if (!lic.flexAllowed(k.user, k.product)) {
        denied++;
        continue;
      }
      const mask = new Uint8Array(cal.days);
      let n = 0;
      for (let d = 0; d < cal.days; d++)
        if (lic.covered(k.user, k.product, (cal.dayBase[d] as number) + 12 * HOUR_MS)) {
          mask[d] = 1;
          n++;
        }
      if (n === cal.days) {
        subscribed++;
        continue;
      }
      kept.push(k);
      covered.push(n > 0 ? mask : null);
    }
    if (subscribed)
      assumptions.push(
        `${subscribed} user x product pairs are on subscriptions for the whole horizon (M7)`,
      );
    if (denied) assumptions.push(`${denied} user x product pairs have no Flex access (M8)`);
  } else for (let i = 0; i < keyList.length; i++) covered.push(null);

  const policyForget = Math.max(0, ...s.policies.map((p) => p.forgetRate ?? 0));
  const keys: Keys = {
    count: kept.length,
    user: Int32Array.from(kept, (k) => k.user),
    product: Int32Array.from(kept, (k) => k.product),
    group: Int32Array.from(kept, (k) => userGroup[k.user] as number),
    from: Int32Array.from(kept, (k) => k.from),
    to: Int32Array.from(kept, (k) => k.to),
    kind: Uint8Array.from(kept, (k) => k.kind),
    spec: Int32Array.from(kept, (k) => k.spec),
    forget: Float64Array.from(kept, (k) => k.forget),
    maxForget: Float64Array.from(kept, (k) => Math.max(k.forget, policyForget)),
    covered,
  };

  const policy = s.metering;
  const runs: RunSpec[] = [
    {
      name: 'baseline',
      forget: null,
      autoCloseMs: Number.POSITIVE_INFINITY,
      idleAware: policy.idleAware,
      idleMs: policy.idleMinutes * 60_000,
      levers: {},
    },
  ];
  for (const p of s.policies) {
    const levers: Record<string, number | boolean> = {};
    for (const { name } of POLICY_LEVERS) {
      const v = p[name];
      if (v !== null) levers[name] = v;
    }
    runs.push({
      name: p.name,
      forget: p.forgetRate,
      autoCloseMs:
        p.autoCloseHours === null ? Number.POSITIVE_INFINITY : p.autoCloseHours * HOUR_MS,
      idleAware: p.idleAware ?? policy.idleAware,
      idleMs: (p.idleMinutes ?? policy.idleMinutes) * 60_000,
      levers,
    });
  }
  const anyArchetypeForget = archetypes.some((a) => a.forgetRate > 0);
  const anyHistoryForget = history !== null && history.forgottenSessions > 0;

  let noForgetRun = -1;
  if (anyArchetypeForget || anyHistoryForget) {
    noForgetRun = runs.length;
    runs.push({
      ...(runs[0] as RunSpec),
      name: 'nobody forgets',
      forget: -1,
      levers: { forgetRate: 0 },
    });
  }
  return {
    model: {
      scenario: s,
      calendar: cal,
      users,
      userGroup,
      groups,
      groupCv,
      groupCarry,
      drift,
      products,
      rates,
      policy,
      keys,
      archetypes,
      groupFactor,
      runs,
      noForgetRun,
      history,
      copySource: Int32Array.from(copySource),
      chunks: Math.ceil(s.trials / CHUNK_TRIALS),
      assumptions,
    },
    problems: [],
  };
}

function groupIdxName(groups: readonly string[], userGroup: Int32Array, u: number): string {
  return groups[userGroup[u] as number] as string;
}

/** "1 user joins", "3 users join". */
function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}
