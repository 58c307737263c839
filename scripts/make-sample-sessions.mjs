#!/usr/bin/env node
/**
 * Writes public/samples/sample-sessions.csv: SYNTHETIC session logs of a
 * fictional 40-person London architecture practice over 18 months
 * (2024-07-01 to 2025-12-31), in the canonical session CSV format
 * (user,product,version,device,start,end,last_active; UTC times).
 *
 * Nothing here comes from a real customer. The model is deliberately not the
 * simulator's (src/sim), so that a backtest of the simulator on this file is
 * a real test: roles with different product habits, personal rates, annual
 * leave in blocks, UK bank holidays and a Christmas closure, a firm-wide
 * project workload that drifts week to week (AR(1)), a summer dip, slow
 * growth, joiners and leavers, one to three sessions a day around lunch,
 * laptops now and then, and sessions left open overnight or over a weekend
 * (closed when the user next comes in, or by a night-time update).
 *
 * Run: node scripts/make-sample-sessions.mjs  (the seed is fixed: same file every time)
 */
import { writeFileSync } from 'node:fs';
import seedrandom from 'seedrandom';

const SEED = 'flexcast-sample-sessions-v1';
const OUT = new URL('../public/samples/sample-sessions.csv', import.meta.url);
const rng = seedrandom.alea(SEED);
const uniform = () => rng();
const normal = () => {
  const u = 1 - uniform();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * uniform());
};
const chance = (p) => uniform() < p;

const DAY = 86_400_000;
const MIN = 60_000;
const FIRST = Date.UTC(2024, 6, 1); // Monday 1 July 2024
const LAST = Date.UTC(2025, 11, 31);
const DAYS = Math.round((LAST - FIRST) / DAY) + 1;

/** England and Wales bank holidays, and the office's Christmas closure. */
const CLOSED = new Set([
  '2024-08-26',
  '2024-12-24',
  '2024-12-25',
  '2024-12-26',
  '2024-12-27',
  '2024-12-30',
  '2024-12-31',
  '2025-01-01',
  '2025-04-18',
  '2025-04-21',
  '2025-05-05',
  '2025-05-26',
  '2025-08-25',
  '2025-12-24',
  '2025-12-25',
  '2025-12-26',
  '2025-12-29',
  '2025-12-30',
  '2025-12-31',
]);

/** Last Sunday of a month (UTC day number). */
function lastSunday(year, month) {
  const d = new Date(Date.UTC(year, month + 1, 0));
  return Date.UTC(year, month, d.getUTCDate() - d.getUTCDay());
}
/** UTC instant of a London wall-clock time: BST (UTC+1) from the last Sunday of March 01:00 UTC to the last Sunday of October 01:00 UTC. */
function london(dayMs, minutes) {
  const wall = dayMs + minutes * MIN;
  const y = new Date(dayMs).getUTCFullYear();
  const bstFrom = lastSunday(y, 2) + 60 * MIN;
  const bstTo = lastSunday(y, 9) + 60 * MIN;
  const guess = wall - 60 * MIN;
  return guess >= bstFrom && guess < bstTo ? guess : wall;
}
const iso = (ms) => new Date(Math.round(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
const dateOf = (dayMs) => new Date(dayMs).toISOString().slice(0, 10);
const working = (d) => {
  const ms = FIRST + d * DAY;
  const wd = new Date(ms).getUTCDay();
  return wd >= 1 && wd <= 5 && !CLOSED.has(dateOf(ms));
};

/** Roles: share of office days each product is used, and how long a session of it lasts. */
const ROLES = {
  architect: { count: 14, use: { Revit: 0.72, AutoCAD: 0.12 } },
  technologist: { count: 9, use: { AutoCAD: 0.62, Revit: 0.3 } },
  interiors: { count: 6, use: { Revit: 0.42, AutoCAD: 0.2 } },
  bim: { count: 4, use: { Revit: 0.68, 'Navisworks Manage': 0.42 } },
  site: { count: 4, use: { 'Navisworks Manage': 0.12, AutoCAD: 0.12 } },
  partner: { count: 3, use: { AutoCAD: 0.04, Revit: 0.05 } },
};
/** Products used all day (open in the morning, closed at night) vs in short bursts. */
const ALL_DAY = { Revit: 0.8, AutoCAD: 0.45, 'Navisworks Manage': 0.3 };

const SURNAMES = [
  'adeyemi',
  'baker',
  'chen',
  'desai',
  'evans',
  'fischer',
  'garcia',
  'hughes',
  'iqbal',
  'jones',
  'kowalski',
  'lewis',
  'murphy',
  'nowak',
  'okafor',
  'patel',
  'quinn',
  'rossi',
  'singh',
  'taylor',
  'usman',
  'varga',
  'walsh',
  'xu',
  'young',
  'zhang',
  'ahmed',
  'brown',
  'clarke',
  'doyle',
  'ellis',
  'foster',
  'grant',
  'hall',
  'ito',
  'jensen',
  'khan',
  'lopez',
  'moreau',
  'nolan',
  'owen',
  'price',
  'reid',
  'silva',
  'turner',
  'ward',
];
const INITIALS = 'abcdefghijklmnoprstw';

/** The staff: 40 at the start; 3 leave and 4 join over the 18 months. */
const users = [];
let n = 0;
for (const [role, spec] of Object.entries(ROLES))
  for (let i = 0; i < spec.count; i++) {
    const name = `${INITIALS[(n * 7) % INITIALS.length]}.${SURNAMES[n]}`;
    n++;
    users.push({ name, role, from: 0, to: DAYS });
  }
// Leavers and joiners (day indices from 2024-07-01).
users[3].to = 120; // an architect leaves in late October 2024
users[16].to = 300; // a technologist leaves in April 2025
users[30].to = 420; // an interiors designer leaves in August 2025
for (const [role, from] of [
  ['architect', 150],
  ['technologist', 310],
  ['bim', 380],
  ['architect', 470],
]) {
  users.push({
    name: `${INITIALS[(n * 7) % INITIALS.length]}.${SURNAMES[n]}`,
    role,
    from,
    to: DAYS,
  });
  n++;
}

for (const u of users) {
  u.rate = Math.exp(0.3 * normal() - 0.045); // personal intensity, mean about 1
  u.forget = chance(0.15) ? 0.06 + 0.04 * uniform() : 0.008 + 0.012 * uniform(); // a few forgetful users
  u.startMean = 8 * 60 + 30 + 40 * normal(); // habitual arrival, minutes after midnight
  u.leave = new Set();
  // About 25 days of leave a year in blocks: two summer weeks, a week at random, long weekends.
  for (const year of [2024, 2025]) {
    const blocks = [
      [Date.UTC(year, 6, 8) + Math.floor(uniform() * 49) * DAY, 10],
      [Date.UTC(year, 0, 15) + Math.floor(uniform() * 300) * DAY, 5],
      [Date.UTC(year, 1, 1) + Math.floor(uniform() * 280) * DAY, 3],
      [Date.UTC(year, 2, 1) + Math.floor(uniform() * 250) * DAY, 3],
    ];
    for (const [from, len] of blocks)
      for (let k = 0; k < len + 4; k++) u.leave.add(Math.round((from - FIRST) / DAY) + k);
  }
}

/** Firm workload by week: AR(1) on the log scale (project deadlines), a summer dip, +8 % a year. */
const WEEKS = Math.ceil(DAYS / 7);
const workload = [];
let z = 0;
for (let w = 0; w < WEEKS; w++) {
  z = 0.65 * z + Math.sqrt(1 - 0.65 ** 2) * normal();
  const month = new Date(FIRST + w * 7 * DAY).getUTCMonth();
  const season = month === 7 ? 0.8 : month === 11 ? 0.9 : 1;
  workload.push(Math.exp(0.22 * z) * season * 1.08 ** (w / 52));
}

const versionOf = (product, dayMs) => {
  const late = dayMs >= Date.UTC(2025, 4, 1);
  if (product === 'Navisworks Manage') return late && chance(0.5) ? '2025' : '2024';
  return late ? (chance(0.8) ? '2025' : '2024') : chance(0.85) ? '2024' : '2023';
};

const rows = [];
for (const u of users) {
  const spec = ROLES[u.role];
  // The next day the user is in: forgotten sessions stay open until then.
  const present = (d) => d >= u.from && d < u.to && working(d) && !u.leave.has(d);
  const nextIn = (d) => {
    for (let k = d + 1; k < d + 40; k++) if (present(k)) return k;
    return -1;
  };
  const arrival = Array.from({ length: DAYS }, () => u.startMean + 25 * normal());
  for (let d = 0; d < DAYS; d++) {
    if (!present(d)) continue;
    const dayMs = FIRST + d * DAY;
    const laptop = chance(0.12);
    const arrive = arrival[d];
    const leave = 17 * 60 + 40 + 45 * normal();
    for (const [product, share] of Object.entries(spec.use)) {
      const p = Math.min(0.97, share * u.rate * workload[Math.floor(d / 7)]);
      if (!chance(p)) continue;
      const device = laptop ? `${u.name}-laptop` : `${u.name}-ws`;
      const version = versionOf(product, dayMs);
      const sessions = [];
      if (chance(ALL_DAY[product])) {
        // Open most of the day, sometimes closed over lunch.
        const s = arrive + Math.max(0, 20 * normal());
        if (chance(0.35)) {
          const lunch = 12 * 60 + 30 + 20 * normal();
          sessions.push([s, lunch], [lunch + 35 + 15 * uniform(), leave]);
        } else sessions.push([s, leave]);
      } else {
        // A burst or two: log-normal lengths, median about an hour and a half.
        const bursts = chance(0.3) ? 2 : 1;
        let t = arrive + uniform() * 240;
        for (let b = 0; b < bursts; b++) {
          const len = Math.min(8 * 60, 90 * Math.exp(0.7 * normal()));
          sessions.push([t, t + len]);
          t += len + 30 + uniform() * 120;
        }
      }
      sessions.forEach(([s, e], k) => {
        if (e - s < 2) return;
        const start = london(dayMs, s);
        const workEnd = london(dayMs, Math.min(e, 23.5 * 60));
        const lastActive = workEnd - Math.floor(uniform() * 8) * MIN;
        let end = workEnd;
        // Only the last session of the day can be left open overnight.
        if (k === sessions.length - 1 && chance(u.forget)) {
          const back = nextIn(d);
          if (chance(0.2) || back < 0)
            end = london(dayMs + DAY, 120 + uniform() * 120); // night-time update closes it
          else end = london(FIRST + back * DAY, arrival[back] - 1); // closed on arrival
          if (end > Date.UTC(2026, 0, 1)) end = Date.UTC(2026, 0, 1);
        }
        rows.push([u.name, product, version, device, start, end, lastActive]);
      });
    }
  }
}
rows.sort((a, b) => a[4] - b[4] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
const lines = [
  `# SYNTHETIC sample data made by scripts/make-sample-sessions.mjs (seed ${SEED}): a fictional 40-person London architecture practice; not a real customer`,
  'user,product,version,device,start,end,last_active',
  ...rows.map(([user, product, version, device, s, e, la]) =>
    [user, product, version, device, iso(s), iso(e), iso(la)].join(','),
  ),
];
writeFileSync(OUT, `${lines.join('\n')}\n`);
process.stdout.write(`wrote ${rows.length} sessions of ${users.length} users to ${OUT.pathname}\n`);
