import { describe, expect, it } from 'vitest';
import { checkWorkspace } from '../../src/app/storage.ts';
import { sessionsFrom } from '../../src/engine/sessions.ts';

/** A workspace as the page saves it, with one session of loaded data. */
function workspace() {
  const sessions = sessionsFrom([
    {
      user: 'ann',
      product: 'AutoCAD',
      start: Date.UTC(2024, 2, 4, 9),
      end: Date.UTC(2024, 2, 4, 10),
    },
  ]);
  return {
    version: 1,
    scenario: { name: 'mine' },
    data: {
      fileName: 'usage.csv',
      size: 100,
      timeZone: 'UTC',
      map: {},
      ingested: {
        kind: 'sessions',
        sessions,
        line: Int32Array.of(2),
        licences: null,
        flags: null,
        denials: [],
        report: { warnings: [], rejected: [] },
      },
    },
  };
}

describe('checkWorkspace', () => {
  it('checkWorkspace(a workspace as saved) is null; without data too', () => {
    expect(checkWorkspace(workspace())).toBeNull();
    expect(checkWorkspace({ ...workspace(), data: null })).toBeNull();
  });

  it('checkWorkspace(null report, bare number, string, unknown version) names what is wrong', () => {
    const w = workspace();
    (w.data.ingested as { report: unknown }).report = null;
    expect(checkWorkspace(w)).toBe('$.data.ingested.report: missing');
    expect(checkWorkspace(42)).toBe('expected a saved workspace, found number');
    expect(checkWorkspace('x')).toBe('expected a saved workspace, found string');
    expect(checkWorkspace({ version: 2 })).toBe('unknown version 2');
    expect(checkWorkspace({ version: 1, scenario: null })).toBe(
      '$.scenario: expected a scenario object',
    );
  });

  it('checkWorkspace(a name index outside its table, a short column) names the column', () => {
    const w = workspace();
    (w.data.ingested.sessions.user as Int32Array)[0] = 5;
    expect(checkWorkspace(w)).toBe(
      '$.data.ingested.sessions.user[0]: 5 is not an index into users',
    );
    const v = workspace();
    (v.data.ingested.sessions as { start: Float64Array }).start = new Float64Array(0);
    expect(checkWorkspace(v)).toBe('$.data.ingested.sessions.start: expected 1 numbers');
  });

  it('checkWorkspace(scenario nested 200,000 deep) says so without a stack overflow', () => {
    let deep: unknown = 0;
    for (let i = 0; i < 200_000; i++) deep = [deep];
    expect(checkWorkspace({ version: 1, scenario: { deep } })).toBe(
      // $ is level 1, $.scenario 2, $.scenario.deep 3: the array after 62 more is level 65.
      `$.scenario.deep${'[0]'.repeat(62)}: nested more than 64 deep`,
    );
  });
});
