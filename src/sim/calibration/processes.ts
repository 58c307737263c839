import { dayNumber } from '../dates.ts';
import { ar1Workload } from './ar1.ts';
import { userDrift } from './drift.ts';
import type { Span } from './generate.ts';
import { growth } from './growth.ts';
import { independentWeeks } from './independent.ts';
import { projectPeaks } from './peaks.ts';
import type { Process } from './process.ts';
import { seasonal } from './seasonal.ts';

/** Every calibration history is followed by this forecast year (a Monday, 365 days). */
export const SPAN: Span = { forecastStart: dayNumber('2026-01-05'), forecastDays: 365 };

/** The processes of the suite (FORECASTING.md "Calibration"), in report order. */
export function processes(span: Span = SPAN): Process[] {
  return [
    independentWeeks(),
    ar1Workload(),
    projectPeaks(),
    userDrift(),
    growth(),
    seasonal(span.forecastStart, span.forecastDays),
    independentWeeks({ users: 3, name: 'team of 3', historiesFactor: 5 }),
    seasonal(span.forecastStart, span.forecastDays, {
      historyWeeks: 8,
      phase: 'random',
      name: '8 weeks of a seasonal team',
    }),
    seasonal(span.forecastStart, span.forecastDays, {
      historyWeeks: 26,
      phase: 'random',
      name: '26 weeks of a seasonal team',
    }),
  ];
}
