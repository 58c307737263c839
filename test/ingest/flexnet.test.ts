import { describe, expect, it } from 'vitest';
import { ingestFile } from '../../src/ingest/node.ts';
import {
  FLAG_CLOSED_AT_END,
  FLAG_CLOSED_AT_RESTART,
  FLAG_INACTIVE,
  type IngestedSessions,
} from '../../src/ingest/types.ts';
import { accounted, rows, sessionsOf } from './helpers.ts';

const F = 'test/fixtures/ingest';

async function log(name: string, options = {}): Promise<IngestedSessions> {
  const r = await ingestFile(`${F}/${name}`, options);
  if (r.kind !== 'sessions') throw new Error('expected sessions');
  return r;
}

const iso = (ms: number | undefined) =>
  ms === undefined || Number.isNaN(ms) ? '' : new Date(ms).toISOString().replace('.000Z', 'Z');

describe('ingestFile on a FlexNet debug log (flexnet-traps.log, server in Europe/Paris, CEST = UTC+2)', () => {
  it('makes one session per launch, pairs each IN with the oldest open OUT, and advances the date at midnight', async () => {
    const r = await log('flexnet-traps.log', { timeZone: 'Europe/Paris' });
    expect(r.report.format).toBe('flexnet-log');
    expect(rows(r)).toEqual([
      // 10:00 package + versioned feature in one second: one AutoCAD 2022 session, closed by the
      // 11:00 IN (the oldest of ann's two open 87545ACD_2022_0F checkouts).
      ['ann', 'AutoCAD', '2022', 'PC1', '2016-03-30T08:00:00Z', '2016-03-30T09:00:00Z'],
      // 870723DSMAX_2019_0F is 87072 + 3DSMAX (exactly five digits), checked in by the timeout.
      ['bob', '3ds Max', '2019', 'PC2', '2016-03-30T08:05:00Z', '2016-03-30T11:00:00Z'],
      // ann's second launch is still open when the daemon shuts down at 2:30: closed at 2:00,
      // the last time known before it.
      ['ann', 'AutoCAD', '2022', 'PC1', '2016-03-30T08:06:00Z', '2016-03-31T00:00:00Z'],
      // 23:50 then 0:30 before the next TIMESTAMP: the clock stepped back, so the IN is on 3/31.
      ['eve', 'AutoCAD', '2015', 'PC5', '2016-03-30T21:50:00Z', '2016-03-30T22:30:00Z'],
      // A package alone is a session of its product line (MAP), with no version.
      ['fay', 'AutoCAD Map 3D', '', 'PC6', '2016-03-30T23:30:00Z', '2016-03-31T00:00:00Z'],
      // Still out at the end of the log: closed at its last time (3:30).
      ['gus', 'AutoCAD', '2012', 'PC7', '2016-03-31T01:10:00Z', '2016-03-31T01:30:00Z'],
    ]);
    expect(Array.from(r.line)).toEqual([6, 7, 9, 15, 18, 24]);
    expect(Array.from(r.licences ?? [])).toEqual([1, 1, 1, 2, 1, 1]);
    expect(Array.from(r.flags ?? [])).toEqual([
      0,
      FLAG_INACTIVE,
      FLAG_CLOSED_AT_RESTART,
      0,
      FLAG_CLOSED_AT_RESTART,
      FLAG_CLOSED_AT_END,
    ]);
    // INACTIVITY TIMEOUT 3600 s: bob's last activity was an hour before the check-in.
    expect(iso(r.sessions.lastActive?.[1])).toBe('2016-03-30T10:00:00Z');
    expect(iso(r.sessions.lastActive?.[0])).toBe('');
  });

  it('turns DENIED lines into denials and rejects unmatched INs with their line', async () => {
    const r = await log('flexnet-traps.log', { timeZone: 'Europe/Paris' });
    expect(r.denials).toEqual([
      {
        user: 'cat',
        device: 'PC3',
        feature: '87545ACD_2022_0F',
        product: 'AutoCAD',
        version: '2022',
        at: Date.UTC(2016, 2, 30, 10),
        reason: 'Licensed number of users already reached. (-4,342)',
        line: 12,
      },
    ]);
    // Line 14: never checked out. Line 23: ann's package checkout ended with the restart.
    expect(r.report.rejected.map((p) => [p.line, p.code])).toEqual([
      [14, 'unmatched-in'],
      [23, 'unmatched-in'],
    ]);
  });

  it('accounts for all 26 lines: 6 sessions + 1 denial accepted, 2 package OUTs + 4 INs merged, 2 rejected, 11 ignored', async () => {
    const r = await log('flexnet-traps.log', { timeZone: 'Europe/Paris' });
    expect(r.report).toMatchObject({
      lines: 26,
      accepted: 7,
      merged: 6,
      ignored: 11,
      rejectedCount: 2,
    });
    expect(r.report.ignoredBy).toEqual({
      restart: 4,
      'server-message': 4,
      timestamp: 2,
      queued: 1,
    });
    expect(accounted(r)).toBe(true);
    expect(r.report.warnings.map((w) => [w.line, w.code])).toEqual([
      [9, 'closed-at-restart'],
      [18, 'closed-at-restart'],
      [24, 'closed-at-end'],
      [7, 'unknown-rate'],
      [18, 'unknown-rate'],
    ]);
  });

  it('subtractInactivity ends (INACTIVE) check-ins at the last activity', async () => {
    const r = await log('flexnet-traps.log', {
      timeZone: 'Europe/Paris',
      subtractInactivity: true,
    });
    expect(iso(r.sessions.end[1])).toBe('2016-03-30T10:00:00Z');
    expect(iso(r.sessions.end[0])).toBe('2016-03-30T09:00:00Z');
  });

  it('reads times as UTC without --tz and names the zone the log gives', async () => {
    const text =
      ' 1:56:00 (lmgrd) Server\'s System Date and Time: Wed Mar 30 2016 01:56:00 Romance Daylight Time\n 8:00:00 (adskflex) OUT: "85730ACD_2012_0F" ann@PC1\n';
    const r = sessionsOf(text);
    expect(rows(r)[0]?.[4]).toBe('2016-03-30T08:00:00Z');
    expect(r.report.warnings.find((w) => w.code === 'assumed-utc')?.reason).toContain(
      'the log names "Romance Daylight Time" (Europe/Paris?)',
    );
  });
});

describe('createIngester on FlexNet lines before the first date', () => {
  it('dates them backwards from the first date line, across a midnight', () => {
    const r = sessionsOf(
      [
        '22:00:00 (adskflex) OUT: "87545ACD_2022_0F" ann@PC1',
        ' 0:10:00 (adskflex) IN: "87545ACD_2022_0F" ann@PC1',
        ' 1:00:00 (lmgrd) TIMESTAMP 4/2/2016',
      ].join('\n'),
    );
    expect(rows(r)).toEqual([
      ['ann', 'AutoCAD', '2022', 'PC1', '2016-04-01T22:00:00Z', '2016-04-02T00:10:00Z'],
    ]);
  });

  it('gives a fatal problem for a log without checkouts', () => {
    const r = sessionsOf(
      ' 1:00:00 (lmgrd) TIMESTAMP 4/2/2016\n 7:00:00 (lmgrd) TIMESTAMP 4/2/2016\n',
    );
    expect(r.report.fatal?.reason).toBe(
      'no checkouts in the log (no OUT: or DENIED: lines of a vendor daemon such as adskflex)',
    );
    expect(r.report.ignoredBy).toEqual({ timestamp: 2 });
  });

  it('rejects every event of a log that never gives a date', () => {
    const r = sessionsOf(
      '22:00:00 (adskflex) OUT: "87545ACD_2022_0F" ann@PC1\n22:10:00 (adskflex) IN: "87545ACD_2022_0F" ann@PC1\n',
    );
    expect(r.sessions.count).toBe(0);
    expect(r.report.rejected.map((p) => [p.line, p.code])).toEqual([
      [1, 'no-date'],
      [2, 'no-date'],
    ]);
    expect(accounted(r)).toBe(true);
  });

  it('keeps the date when the clock steps back less than two hours, reading the repeated hour of a DST fall-back as its second occurrence', () => {
    const r = sessionsOf(
      [
        ' 1:00:00 (lmgrd) TIMESTAMP 10/30/2016',
        ' 2:50:00 (adskflex) OUT: "87545ACD_2022_0F" ann@PC1',
        ' 2:10:00 (adskflex) IN: "87545ACD_2022_0F" ann@PC1',
      ].join('\n'),
      { timeZone: 'Europe/Paris' },
    );
    // 2:50 CEST (00:50Z), then 2:10 after the clocks went back an hour at 3:00: 2:10 CET, 01:10Z.
    expect(rows(r)[0]?.slice(4)).toEqual(['2016-10-30T00:50:00Z', '2016-10-30T01:10:00Z']);
  });
});

describe('ingestFile on the real adskflex-2016-sample.log', () => {
  it('accounts for every OUT: 959 launches of 1,918 OUT lines, all 1,918 INs matched', async () => {
    const r = await log('adskflex-2016-sample.log', { timeZone: 'Europe/Paris' });
    const p = r.report;
    // PROVENANCE.md: 1,918 OUT and 1,918 IN lines, 2016-03-30 to 2016-04-30; 11,800 lines in all.
    expect(p.lines).toBe(11_800);
    // Each launch checks out a package (952 x 64300ACD_F, 7 x 65400MAP_F) and a versioned
    // feature (938 x 85730ACD_2012_0F, 14 x 86295ACD_2015_0F, 7 x 85776MAP_2012_0F) in one
    // second: 959 sessions accepted, the 959 package OUTs merged, and every IN merged into
    // its session: 959 + 1,918 = 2,877 merged. Nothing rejected, nothing left open.
    expect(p.accepted).toBe(959);
    expect(p.merged).toBe(2_877);
    expect(p.rejectedCount).toBe(0);
    expect(r.sessions.count).toBe(959);
    expect(r.denials).toEqual([]);
    // The rest is server chatter: 7,651 statistics (SLOG) lines, 252 TIMESTAMP lines plus the
    // "Server's System Date and Time" line, 57 other messages, 3 (re)start lines.
    expect(p.ignoredBy).toEqual({
      statistics: 7_651,
      timestamp: 253,
      'server-message': 57,
      restart: 3,
    });
    expect(accounted(r)).toBe(true);
    const s = r.sessions;
    expect(s.users.length).toBe(68);
    expect(s.products).toEqual(['AutoCAD', 'AutoCAD Map 3D']);
    expect([...s.versions].sort()).toEqual(['2012', '2015']);
    // 248 IN lines end in (INACTIVE): the package and versioned halves of 124 launches.
    let inactive = 0;
    for (const f of r.flags ?? []) if (f & FLAG_INACTIVE) inactive++;
    expect(inactive).toBe(124);
    expect(r.flags?.some((f) => (f & (FLAG_CLOSED_AT_END | FLAG_CLOSED_AT_RESTART)) !== 0)).toBe(
      false,
    );
    expect(r.licences).toBeNull();
    // The first launch: 6:51:39 local on Wed 30 March 2016 (CEST), until 11:01:14.
    expect(rows(r)[0]).toEqual([
      'USER01',
      'AutoCAD',
      '2012',
      'COMPUTER01',
      '2016-03-30T04:51:39Z',
      '2016-03-30T09:01:14Z',
    ]);
    // 0:23:34 on 14 April comes before that day's first TIMESTAMP (0:52:49): the date advanced
    // when the clock stepped back from 21:58 to 0:23.
    const i = r.line.indexOf(5733);
    expect(iso(s.start[i])).toBe('2016-04-13T22:23:34Z');
    expect(p.warnings.map((w) => w.code).sort()).toEqual(['long-session', 'unknown-rate']);
  });
});

describe("createIngester on another vendor's FlexNet log", () => {
  it("says a log of MathWorks' mlm daemon is not an Autodesk licence server's, naming the first line", () => {
    const r = sessionsOf(
      [
        ' 9:00:00 (lmgrd) TIMESTAMP 4/2/2024',
        ' 9:00:01 (mlm) OUT: "MATLAB" ann@PC1',
        '10:00:00 (mlm) IN: "MATLAB" ann@PC1',
      ].join('\n'),
    );
    const w = r.report.warnings.filter((p) => p.code === 'other-vendor');
    expect(w).toEqual([
      expect.objectContaining({
        line: 2,
        reason:
          'this FlexNet log is not an Autodesk licence server\'s: its checkouts come from "mlm" (2 lines), not adskflex; Flex tokens price only Autodesk products',
      }),
    ]);
  });

  it('an adskflex log has no other-vendor warning', () => {
    const r = sessionsOf(
      [
        ' 1:00:00 (lmgrd) TIMESTAMP 4/2/2016',
        '22:00:00 (adskflex) OUT: "87545ACD_2022_0F" ann@PC1',
      ].join('\n'),
    );
    expect(r.report.warnings.filter((p) => p.code === 'other-vendor')).toEqual([]);
  });
});

describe('createIngester on unknown product line codes', () => {
  it('warns about an unknown code that names a session, not about a collection package (AECCOL) merged into one', () => {
    const r = sessionsOf(
      [
        ' 9:00:00 (lmgrd) TIMESTAMP 4/2/2024',
        ' 9:00:01 (adskflex) OUT: "86815AECCOL_T_F" ann@PC1',
        ' 9:00:01 (adskflex) OUT: "87545ACD_2024_0F" ann@PC1',
        ' 9:30:00 (adskflex) OUT: "12345ZZZ_2024_0F" bob@PC2',
        '10:00:00 (adskflex) IN: "87545ACD_2024_0F" ann@PC1',
        '10:00:00 (adskflex) IN: "86815AECCOL_T_F" ann@PC1',
        '10:30:00 (adskflex) IN: "12345ZZZ_2024_0F" bob@PC2',
      ].join('\n'),
    );
    expect(r.sessions.products).toEqual(['AutoCAD', 'ZZZ']);
    const w = r.report.warnings.filter((p) => p.code === 'unknown-product-code');
    expect(w.map((p) => [p.line, p.text])).toEqual([[4, '12345ZZZ_2024_0F']]);
  });
});
