/**
 * The page's element draws; its controller (src/app/controller/) loads,
 * runs and saves. These fail when app.ts takes on workers, storage or
 * ingest again. (The size of every module of src/, the page's included, is
 * test/architecture/size.test.ts.)
 */
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importGraph } from './import-graph.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const graph = importGraph(ROOT, 'src');

describe('src/app: the element draws, the controller loads, runs and saves', () => {
  it('app.ts imports no worker bridge, storage, ingest or simulator: only the controller does', () => {
    const app = graph.get('src/app/app.ts') ?? [];
    expect(app).toContain('src/app/controller/app-controller.ts');
    const wrong = app.filter(
      (t) =>
        t.startsWith('src/app/bridge/') ||
        t.startsWith('src/ingest/') ||
        t.startsWith('src/sim/') ||
        t === 'src/app/storage.ts',
    );
    expect(wrong).toEqual([]);
  });

  it('only the controller starts the simulator, reads files and keeps the workspace', () => {
    const users = (target: string) =>
      [...graph]
        .filter(([, targets]) => targets.includes(target))
        .map(([file]) => file)
        .sort();
    expect(users('src/app/bridge/simulator-pool.ts')).toEqual(['src/app/controller/runs.ts']);
    expect(users('src/app/bridge/ingest-client.ts')).toEqual(['src/app/controller/loading.ts']);
    expect(users('src/app/storage.ts')).toEqual(['src/app/controller/persistence.ts']);
  });
});
