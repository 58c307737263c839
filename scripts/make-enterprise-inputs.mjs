#!/usr/bin/env node
/**
 * Writes SYNTHETIC enterprise-size benchmark inputs (issue 13), not committed:
 * - flexnet.log: a FlexNet lmgrd/adskflex debug log, 5,000 users, 2 years (about 20 M lines, 1.3 GB);
 * - history.csv: a session CSV (user,product,version,device,start,end), 10,000 users, 2 years.
 * The model is in scripts/enterprise-inputs.mjs; the seed is fixed (same files every time).
 *
 * Run: node scripts/make-enterprise-inputs.mjs [--size enterprise|small] [--users N]
 *        [--csv-users N] [--days N] [--seed N] [--only log|csv] [--out DIR]
 * Sizes: enterprise (default) 5,000 log users and 10,000 CSV users over 730 days;
 * small 50 users over 14 days. --users, --csv-users and --days override the size.
 * Default output folder: bench-data/ (ignored by git).
 */
import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { flexnetLog, historyCsv } from './enterprise-inputs.mjs';

const SIZES = {
  enterprise: { users: 5000, csvUsers: 10_000, days: 730 },
  small: { users: 50, csvUsers: 50, days: 14 },
};

const { values } = parseArgs({
  options: {
    size: { type: 'string', default: 'enterprise' },
    users: { type: 'string' },
    'csv-users': { type: 'string' },
    days: { type: 'string' },
    seed: { type: 'string', default: '13' },
    only: { type: 'string' },
    out: { type: 'string', default: 'bench-data' },
  },
});
const size = SIZES[values.size];
if (!size) {
  console.error(`invalid --size: ${values.size} (expected ${Object.keys(SIZES).join(' or ')})`);
  process.exit(2);
}
const count = (name, fallback) => {
  const v = values[name];
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) {
    console.error(`invalid --${name}: ${v} (expected a whole number >= 1)`);
    process.exit(2);
  }
  return n;
};
const users = count('users', size.users);
const csvUsers = count('csv-users', size.csvUsers);
const days = count('days', size.days);
const seed = count('seed', 13);
if (values.only !== undefined && values.only !== 'log' && values.only !== 'csv') {
  console.error(`invalid --only: ${values.only} (expected log or csv)`);
  process.exit(2);
}
mkdirSync(values.out, { recursive: true });

/** Writes the chunks to a file, a buffer of about 8 MB at a time. */
function write(path, chunks) {
  const fd = openSync(path, 'w');
  let parts = [];
  let length = 0;
  const flush = () => {
    writeSync(fd, parts.join(''));
    parts = [];
    length = 0;
  };
  for (const c of chunks) {
    parts.push(c);
    length += c.length;
    if (length > 8 << 20) flush();
  }
  flush();
  closeSync(fd);
}

if (values.only !== 'csv') {
  const stats = {};
  const path = join(values.out, 'flexnet.log');
  write(path, flexnetLog({ users, days, seed }, stats));
  console.log(
    `${path}: ${stats.lines} lines, ${stats.sessions} sessions (${users} users, ${days} days), ${stats.openAtEnd} open at the end`,
  );
}
if (values.only !== 'log') {
  const stats = {};
  const path = join(values.out, 'history.csv');
  write(path, historyCsv({ users: csvUsers, days, seed }, stats));
  console.log(`${path}: ${stats.rows} sessions (${csvUsers} users, ${days} days)`);
}
