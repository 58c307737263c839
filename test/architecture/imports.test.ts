/**
 * The import graph of src/: no circles, and no import from a higher layer
 * (docs/ARCHITECTURE.md): the engine is the floor, the simulator and ingest
 * sit on it, the page and the command line on top.
 */
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importCircles, importGraph } from './import-graph.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const graph = importGraph(ROOT, 'src');

/** Folder of src/ -> the folders of src/ it must not import from. */
const FORBIDDEN: Record<string, string[]> = {
  engine: ['sim', 'cost', 'ingest', 'app', 'cli'],
  sim: ['ingest', 'cost', 'app', 'cli'],
  ingest: ['sim', 'cost', 'app', 'cli'],
  cost: ['app', 'cli'],
};

const layerOf = (file: string) => file.split('/')[1] ?? '';

describe('importGraph(src)', () => {
  it('reads the imports of src/ (type-only and re-exports included)', () => {
    // A reader that found nothing would pass every rule below.
    expect(graph.size).toBeGreaterThan(100);
    expect(graph.get('src/cli/main.ts')).toContain('src/cli/io.ts');
    expect(graph.get('src/sim/index.ts')).toContain('src/sim/dates.ts');
    expect(graph.get('src/app/views/run-bar.ts')).toContain('src/app/state.ts');
  });

  it('importCircles finds a circle of two files and one of three, and none in a chain', () => {
    const g = new Map([
      ['a', ['b']],
      ['b', ['a', 'c']],
      ['c', ['d']],
      ['d', ['e']],
      ['e', ['c']],
      ['f', ['a']],
    ]);
    expect(importCircles(g)).toEqual([
      ['c', 'd', 'e'],
      ['a', 'b'],
    ]);
    expect(
      importCircles(
        new Map([
          ['x', ['y']],
          ['y', []],
        ]),
      ),
    ).toEqual([]);
  });

  it('src/ has no import circle', () => {
    expect(importCircles(graph)).toEqual([]);
  });

  it('no folder of src/ imports from a higher layer', () => {
    const wrong: string[] = [];
    for (const [file, targets] of graph)
      for (const target of targets)
        if (FORBIDDEN[layerOf(file)]?.includes(layerOf(target))) wrong.push(`${file} -> ${target}`);
    expect(wrong).toEqual([]);
  });

  it('the simulator takes its dates from sim/dates.ts, not from the scenario parser', () => {
    const parser = 'src/sim/parse-scenario.ts';
    const users = [...graph].filter(([, targets]) => targets.includes(parser)).map(([f]) => f);
    // The parser is imported to parse a scenario (its index, the page's pool, the calibration's forecast).
    expect(users.sort()).toEqual([
      'src/app/bridge/simulator-pool.ts',
      'src/sim/calibration/forecast.ts',
      'src/sim/index.ts',
    ]);
  });

  it('the verbs share the scenario run through their own modules, not through cli/simulate.ts', () => {
    const users = [...graph].filter(([, t]) => t.includes('src/cli/simulate.ts')).map(([f]) => f);
    expect(users).toEqual(['src/cli/main.ts']);
  });
});
