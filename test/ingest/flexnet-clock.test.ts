import { describe, expect, it } from 'vitest';
import { FlexnetClock } from '../../src/ingest/flexnet-clock.ts';
import { LineTally } from '../../src/ingest/problems.ts';

/** Feeds `lines` ([time of day, text after the daemon]) to a clock; returns the dated lines and the tally. */
function clockOf(lines: [string, string][]) {
  const tally = new LineTally('test.log');
  const dated: [number, number, number, boolean][] = [];
  const clock = new FlexnetClock(tally, (n, day, tod, _body, late) =>
    dated.push([n, day, tod, late]),
  );
  lines.forEach(([time, body], i) => {
    const [h, m, s] = time.split(':').map(Number) as [number, number, number];
    clock.line(i + 1, h * 3600 + m * 60 + s, body, `${time} (adskflex) ${body}`);
  });
  clock.finish();
  return { dated, tally, zone: clock.zoneHint };
}

/** 2016-03-30 as days since 1970-01-01. */
const MAR_30 = 16890;

describe('FlexnetClock', () => {
  it('FlexnetClock dates lines before the first TIMESTAMP backwards from it, and steps a day at midnight', () => {
    const { dated } = clockOf([
      ['23:50:00', 'OUT: "x" ann@PC1'],
      ['0:10:00', 'TIMESTAMP 3/30/2016'],
      ['0:20:00', 'IN: "x" ann@PC1'],
      ['23:59:00', 'OUT: "x" bo@PC2'],
      ['0:01:00', 'IN: "x" bo@PC2'],
    ]);
    expect(dated).toEqual([
      [1, MAR_30 - 1, 85_800, false],
      [2, MAR_30, 600, false],
      [3, MAR_30, 1200, false],
      [4, MAR_30, 86_340, false],
      [5, MAR_30 + 1, 60, false],
    ]);
  });

  it('FlexnetClock reads a repeated hour (the clock back by less than 2 h) late, and takes the zone a Time: line names', () => {
    const { dated, zone } = clockOf([
      ['2:30:00', 'Time: Sun Oct 30 2016 02:30:00 Romance Daylight Time'],
      ['2:10:00', 'OUT: "x" ann@PC1'],
    ]);
    expect(dated.map(([, , , late]) => late)).toEqual([false, true]);
    expect(zone).toBe('Romance Daylight Time');
  });

  it('FlexnetClock warns when a date goes back, and rejects the lines of a log with no date', () => {
    const back = clockOf([
      ['9:00:00', 'TIMESTAMP 3/30/2016'],
      ['10:00:00', 'TIMESTAMP 3/29/2016'],
    ]).tally;
    expect(back.warnings.items.map((w) => [w.line, w.code, w.reason])).toEqual([
      [2, 'date-backwards', "the log's date goes back to 2016-03-29"],
    ]);
    const none = clockOf([['9:00:00', 'OUT: "x" ann@PC1']]).tally;
    expect(none.rejected.items.map((p) => [p.line, p.code])).toEqual([[1, 'no-date']]);
  });
});
