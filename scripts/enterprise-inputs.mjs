/**
 * SYNTHETIC enterprise-size inputs for the benchmarks (issue 13): a FlexNet
 * lmgrd/adskflex debug log of a licence server and a history session CSV
 * (`user,product,version,device,start,end`), generated from one seeded
 * session model so that both files describe the same sessions for the same
 * users, seed and days. Nothing here comes from a real customer.
 *
 * The model: each user has a main product (AutoCAD, Revit, Navisworks
 * Manage or Simulate, Maya) and maybe a second one; on a working day they
 * launch 0-4 times, one session after another, from about 07:30; 3 % of
 * sessions are closed within grace, 1.5 % are left open for one to three
 * days (the user launches nothing until it closes), 8 % of the longer ones
 * are checked in by the server's inactivity timeout (`(INACTIVE)`); a few
 * users work some weekends; 10 % have a laptop besides their desktop. Times
 * are UTC (the server runs on UTC), versions follow the year.
 *
 * The log has the line shapes of test/fixtures/ingest/adskflex-2016-sample.log:
 * a startup header, TIMESTAMP lines every six hours from both daemons, and
 * per session an OUT of the package and of the versioned feature in one
 * second, then an IN of both. Sessions still open when the log ends have no
 * IN (the reader closes them at the end, with a warning).
 *
 * Used by scripts/make-enterprise-inputs.mjs (writes the files) and by
 * test/ingest/enterprise-inputs.test.ts (ingests a small one).
 */

const DAY_S = 86_400;
/** First day of the data: Monday 1 January 2024. */
export const FIRST_DAY = Date.UTC(2024, 0, 1) / 1000 / DAY_S;

/** Products: name as the rate table knows it, package and versioned FlexNet features. */
const PRODUCTS = [
  { name: 'AutoCAD', pkg: '64300ACD_F', code: 'ACD', weight: 0.55 },
  { name: 'Revit', pkg: '85968RVT_F', code: 'RVT', weight: 0.3 },
  { name: 'Navisworks Manage', pkg: '85980NAVMAN_F', code: 'NAVMAN', weight: 0.07 },
  { name: 'Navisworks Simulate', pkg: '85981NAVSIM_F', code: 'NAVSIM', weight: 0.03 },
  { name: 'Maya', pkg: '85990MAYA_F', code: 'MAYA', weight: 0.05 },
];
const versioned = (product, year) => `8${7000 + (year % 100) * 10}${product.code}_${year}_0F`;

/** A small fast seeded generator (mulberry32): same seed, same files. */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pad = (n, w) => String(n).padStart(w, '0');
export const userName = (u) => `user${pad(u, 5)}`;

/** The users' habits, drawn once. */
function people(users, rnd) {
  const pick = () => {
    let x = rnd();
    for (const p of PRODUCTS) {
      x -= p.weight;
      if (x < 0) return p;
    }
    return PRODUCTS[0];
  };
  return Array.from({ length: users }, (_, u) => {
    const main = pick();
    const other = rnd() < 0.3 ? pick() : main;
    return {
      name: userName(u),
      main,
      other,
      desktop: `PC${pad(u, 5)}`,
      laptop: rnd() < 0.1 ? `LT${pad(u, 5)}` : null,
      weekends: rnd() < 0.05,
      // The user moves to the 2025 versions some time in early 2025.
      upgrade: FIRST_DAY + 366 + Math.floor(rnd() * 90),
      busyUntil: 0,
    };
  });
}

/**
 * The sessions starting on each day, day by day: `{ user, product, version,
 * device, start, end, inactive }` with times in UTC seconds. Per user, sessions
 * never overlap.
 */
export function* sessionDays({ users, days, seed = 13 }) {
  const rnd = random(seed);
  const team = people(users, rnd);
  for (let d = 0; d < days; d++) {
    const day = FIRST_DAY + d;
    const weekday = (day + 3) % 7; // 0 = Monday (1970-01-01 was a Thursday)
    const out = [];
    for (const p of team) {
      let k;
      if (weekday >= 5) k = p.weekends && rnd() < 0.2 ? 1 : 0;
      else {
        const x = rnd();
        k = x < 0.08 ? 0 : x < 0.3 ? 1 : x < 0.65 ? 2 : x < 0.9 ? 3 : 4;
      }
      let t = day * DAY_S + 7 * 3600 + 1800 + Math.floor(rnd() * 9000);
      for (let i = 0; i < k; i++) {
        if (t >= day * DAY_S + 19 * 3600) break;
        const x = rnd();
        let length;
        if (x < 0.03) length = 60 + Math.floor(rnd() * 180);
        else if (x < 0.045) length = 24 * 3600 + Math.floor(rnd() * 56 * 3600);
        else length = 1200 + Math.floor(rnd() * 5 * 3600);
        const product = rnd() < 0.2 ? p.other : p.main;
        const device = p.laptop && rnd() < 0.1 ? p.laptop : p.desktop;
        const inactive = length > 3600 && length < 24 * 3600 && rnd() < 0.08;
        if (t >= p.busyUntil) {
          out.push({
            user: p.name,
            product,
            version: day >= p.upgrade ? 2025 : 2024,
            device,
            start: t,
            end: t + length,
            inactive,
          });
          p.busyUntil = t + length;
        }
        t += length + 600 + Math.floor(rnd() * 4800);
      }
    }
    out.sort((a, b) => a.start - b.start);
    yield out;
  }
}

/** `H:MM:SS` with the hour padded by a space, as lmgrd writes it. */
function clock(s) {
  const tod = ((s % DAY_S) + DAY_S) % DAY_S;
  const h = Math.floor(tod / 3600);
  const m = Math.floor((tod % 3600) / 60);
  return `${h < 10 ? ' ' : ''}${h}:${pad(m, 2)}:${pad(tod % 60, 2)}`;
}

/** `M/D/YYYY` of a day number. */
function usDate(day) {
  const d = new Date(day * DAY_S * 1000);
  return `${d.getUTCMonth() + 1}/${d.getUTCDate()}/${d.getUTCFullYear()}`;
}

/** The startup lines of both daemons on the first day. */
function header(day) {
  const date = new Date(day * DAY_S * 1000).toUTCString().replace(/,/g, '').split(' ');
  // "Mon 01 Jan 2024" -> "Mon Jan 01 2024", as the server writes its date.
  const long = `${date[0]} ${date[2]} ${date[1]} ${date[3]}`;
  return [
    ' 0:00:05 (lmgrd) -----------------------------------------------',
    ' 0:00:05 (lmgrd)   Please Note:',
    ' 0:00:05 (lmgrd)   This log is intended for debug purposes only.',
    ' 0:00:05 (lmgrd) -----------------------------------------------',
    ` 0:00:05 (lmgrd) Server's System Date and Time: ${long} 00:00:05 Coordinated Universal Time`,
    ' 0:00:05 (lmgrd) pid 3372',
    ` 0:00:05 (lmgrd) FlexNet Licensing (v11.16.2.0 build 242433 x64_n6) started on LICSRV01 (IBM PC) (${usDate(day)})`,
    ' 0:00:05 (lmgrd) License file(s): C:\\Program Files\\Autodesk Network License Manager\\Licenses\\LICSRV01.lic',
    ' 0:00:05 (lmgrd) lmgrd tcp-port 27000',
    ' 0:00:05 (lmgrd) Starting vendor daemons ... ',
    ' 0:00:06 (lmgrd) Started adskflex (internet tcp_port 2080 pid 1884)',
    ' 0:00:06 (adskflex) FlexNet Licensing version v11.16.2.0 build 242433 x64_n6',
    ' 0:00:06 (adskflex) Server started on LICSRV01 for:\t',
    ...PRODUCTS.map(
      (p) => ` 0:00:06 (adskflex) ${p.pkg} (consisting of:\t\t${versioned(p, 2024)}) `,
    ),
    ' 0:00:06 (adskflex) EXTERNAL FILTERS are OFF',
    ' 0:00:06 (adskflex) ALL FEATURES: INACTIVITY TIMEOUT set to 3600 seconds',
    ' 0:00:07 (lmgrd) adskflex using TCP-port 2080',
  ];
}

/** Offsets in a day of the TIMESTAMP lines: every six hours, lmgrd then adskflex. */
const STAMPS = [];
for (const h of [1, 7, 13, 19]) {
  STAMPS.push({ at: h * 3600 + 56 * 60 + 5, daemon: 'lmgrd' });
  STAMPS.push({ at: (h + 1) * 3600 + 60 + 16, daemon: 'adskflex' });
}

/**
 * The FlexNet debug log as chunks of text (one day each). `stats` (if
 * given) is filled with what was written: lines, sessions (one versioned
 * OUT each), outLines, inLines, headerLines, timestampLines, openAtEnd.
 */
export function* flexnetLog({ users, days, seed = 13 }, stats = {}) {
  Object.assign(stats, {
    lines: 0,
    sessions: 0,
    outLines: 0,
    inLines: 0,
    headerLines: 0,
    timestampLines: 0,
    openAtEnd: 0,
  });
  const head = header(FIRST_DAY);
  stats.headerLines = head.length;
  stats.lines = head.length;
  yield `${head.join('\n')}\n`;
  /** Check-ins waiting for their day: day -> [second, order, line]. */
  const pending = new Map();
  let order = 0;
  let d = 0;
  for (const starts of sessionDays({ users, days, seed })) {
    const day = FIRST_DAY + d++;
    const end = (day + 1) * DAY_S;
    const events = pending.get(day) ?? [];
    pending.delete(day);
    for (const s of STAMPS)
      events.push([day * DAY_S + s.at, order++, `(${s.daemon}) TIMESTAMP ${usDate(day)}`]);
    stats.timestampLines += STAMPS.length;
    for (const s of starts) {
      const who = `${s.user}@${s.device}  `;
      const feature = versioned(s.product, s.version);
      events.push([s.start, order++, `(adskflex) OUT: "${s.product.pkg}" ${who}`]);
      events.push([s.start, order++, `(adskflex) OUT: "${feature}" ${who}`]);
      stats.sessions++;
      stats.outLines += 2;
      const tail = s.inactive ? '(INACTIVE)' : '';
      const ins = [
        [s.end, order++, `(adskflex) IN: "${feature}" ${who}${tail}`],
        [s.end, order++, `(adskflex) IN: "${s.product.pkg}" ${who}${tail}`],
      ];
      const inDay = Math.floor(s.end / DAY_S);
      if (inDay >= FIRST_DAY + days) {
        stats.openAtEnd++;
        continue;
      }
      stats.inLines += 2;
      if (s.end < end) events.push(...ins);
      else {
        const list = pending.get(inDay);
        if (list) list.push(...ins);
        else pending.set(inDay, ins);
      }
    }
    events.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    stats.lines += events.length;
    yield `${events.map((e) => `${clock(e[0])} ${e[2]}`).join('\n')}\n`;
  }
}

const iso = (s) => `${new Date(s * 1000).toISOString().slice(0, 19)}Z`;

/**
 * The history session CSV as chunks of text (one day each); sessions still
 * open at the end of the data have an empty end. `stats.rows` counts rows.
 */
export function* historyCsv({ users, days, seed = 13 }, stats = {}) {
  stats.rows = 0;
  const last = (FIRST_DAY + days) * DAY_S;
  yield 'user,product,version,device,start,end\n';
  for (const starts of sessionDays({ users, days, seed })) {
    stats.rows += starts.length;
    yield starts
      .map(
        (s) =>
          `${s.user},${s.product.name},${s.version},${s.device},${iso(s.start)},${s.end < last ? iso(s.end) : ''}\n`,
      )
      .join('');
  }
}
