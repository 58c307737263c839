import type { RateTable } from '../engine/rates.ts';
import { sessionsFrom } from '../engine/sessions.ts';
import type { LineTally } from './problems.ts';
import { buildReport } from './report.ts';
import type { TimeReader } from './times.ts';
import type { IngestedSessions } from './types.ts';

/** What the FlexNet parser is built from. */
export interface FlexnetContext {
  tally: LineTally;
  times: TimeReader;
  rates: RateTable;
  zoneChosen: boolean;
  productCodes: Readonly<Record<string, string>>;
  subtractInactivity: boolean;
  inactivityTimeoutSeconds: number | undefined;
}

/** FlexNet debug logs: work in progress (lines are counted, nothing is read yet). */
export class FlexnetParser {
  private n = 0;
  private tail = '';

  constructor(private readonly ctx: FlexnetContext) {}

  get lines(): number {
    return this.n;
  }

  push(text: string): void {
    const t = this.tail + text;
    const parts = t.split('\n');
    this.tail = parts.pop() ?? '';
    this.n += parts.length;
  }

  finish(): IngestedSessions {
    if (this.tail !== '') this.n++;
    const ctx = this.ctx;
    for (let i = 1; i <= this.n; i++)
      ctx.tally.reject(i, 'not-implemented', 'FlexNet logs are not read yet');
    return {
      kind: 'sessions',
      sessions: sessionsFrom([]),
      line: new Int32Array(0),
      licences: null,
      flags: null,
      denials: [],
      report: buildReport(ctx.tally, {
        format: 'flexnet-log',
        lines: this.n,
        timeZone: ctx.times.zoneName,
        supports: { forecast: true, forgottenOpen: true },
        records: 0,
      }),
    };
  }
}
