/**
 * The enterprise input generator (scripts/enterprise-inputs.mjs) at a small size: its FlexNet log
 * is read with every line accounted for and none rejected, and it describes the same sessions as
 * its history CSV (two readers, one model).
 */
import { describe, expect, it } from 'vitest';
import { flexnetLog, historyCsv, type LogStats } from '../../scripts/enterprise-inputs.mjs';
import { rows, sessionsOf } from '../ingest/helpers.ts';

const SIZE = { users: 50, days: 14 };

describe('flexnetLog (synthetic FlexNet debug log), 50 users x 2 weeks', () => {
  const stats: Partial<LogStats> = {};
  const text = [...flexnetLog(SIZE, stats)].join('');
  const s = stats as LogStats;

  it('writes one line per header line, TIMESTAMP, OUT and IN it counts', () => {
    // Counted from the text itself, independently of the generator's own tally.
    expect(text.split('\n').length - 1).toBe(s.lines);
    expect(text.match(/ OUT: /g)?.length).toBe(s.outLines);
    expect(text.match(/ IN: /g)?.length).toBe(s.inLines);
    expect(text.match(/ TIMESTAMP /g)?.length).toBe(s.timestampLines);
    expect(s.timestampLines).toBe(14 * 8);
    expect(s.lines).toBe(s.headerLines + s.timestampLines + s.outLines + s.inLines);
    expect(s.outLines).toBe(2 * s.sessions);
    expect(text).toMatch(/\(INACTIVE\)\n/);
  });

  it('is read by the ingester with every line accounted for and none rejected', () => {
    const r = sessionsOf(text, { file: 'flexnet.log', timeZone: 'UTC' }, 65_536);
    const rep = r.report;
    expect(rep.format).toBe('flexnet-log');
    expect(rep.lines).toBe(s.lines);
    expect(rep.rejectedCount).toBe(0);
    // One session per versioned OUT; the package OUT and both INs merge into it.
    expect(rep.accepted).toBe(s.sessions);
    expect(rep.merged).toBe(s.sessions + s.inLines);
    expect(rep.ignored).toBe(s.headerLines + s.timestampLines);
    expect(rep.accepted + rep.merged + rep.ignored + rep.rejectedCount).toBe(rep.lines);
    expect(r.sessions.count).toBe(s.sessions);
    expect(r.sessions.users.length).toBe(50);
  });

  it('describes the same sessions as the history CSV of the same size and seed', () => {
    const csvStats: { rows?: number } = {};
    const csv = sessionsOf([...historyCsv(SIZE, csvStats)].join(''), { file: 'history.csv' });
    expect(csv.report.rejectedCount).toBe(0);
    expect(csvStats.rows).toBe(s.sessions);
    const log = sessionsOf(text, { file: 'flexnet.log', timeZone: 'UTC' });
    const sorted = (x: string[][]) => x.map((r) => r.join(',')).sort();
    expect(sorted(rows(log))).toEqual(sorted(rows(csv)));
  });
});
