import { describe, expect, it } from 'vitest';
import { reportCsv } from '../../src/app/model/results-export.ts';
import { ingestText } from '../ingest/helpers.ts';

describe('reportCsv', () => {
  it('reportCsv(report) lists an unrecognised header once, as the fatal row, then the lines under it', () => {
    const r = ingestText('foo,bar\n1,2\n');
    const rows = reportCsv(r.report).trim().split('\n');
    expect(rows.map((row) => row.split(',').slice(0, 5).join(','))).toEqual([
      'kind,file,line,column,code',
      'fatal,test.csv,1,,unrecognised',
      'rejected,test.csv,2,,unrecognised',
    ]);
  });
});
