/**
 * Ingest speed (issue 3): a 1,000,000-row session CSV (about 90 MB, written
 * to the OS temp directory by this file, never to the repo) from file to
 * engine-ready columns with `ingestFile`, beside papaparse's own streaming
 * parse of the same file in the same run (rows only, no types, no checks).
 * The figure is the ratio (goal: within 1.5x of the bare parse), with the
 * peak resident and heap memory of each.
 */
import { closeSync, createReadStream, existsSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { afterAll, bench, describe } from 'vitest';
import { ingestFile } from '../../src/ingest/node.ts';

const N = 1_000_000;
const USERS = 2000;
const PRODUCTS = ['AutoCAD', 'Revit', 'Navisworks Manage', 'Maya'];
const T0 = Date.UTC(2025, 0, 6);
const FILE = join(tmpdir(), `flexcast-bench-sessions-${N}.csv`);

/** Writes the CSV once: deterministic rows in time order, one in 50 still open. */
function writeFile(): void {
  if (existsSync(FILE)) return;
  let x = 12345;
  const rnd = () => {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    return x / 4294967296;
  };
  const fd = openSync(FILE, 'w');
  const lines: string[] = ['user,product,version,device,start,end'];
  for (let i = 0; i < N; i++) {
    const u = Math.floor(rnd() * USERS);
    const start = T0 + Math.floor(i * 31.5) * 1000;
    const end =
      rnd() < 0.02 ? '' : new Date(start + Math.floor(rnd() * 4 * 3600) * 1000).toISOString();
    lines.push(
      `user${String(u).padStart(4, '0')}@example.com,${PRODUCTS[u % 4]},2025,PC-${String(u).padStart(4, '0')},${new Date(start).toISOString()},${end}`,
    );
    if (lines.length === 10_000) {
      writeSync(fd, `${lines.join('\n')}\n`);
      lines.length = 0;
    }
  }
  if (lines.length > 0) writeSync(fd, `${lines.join('\n')}\n`);
  closeSync(fd);
}

writeFile();

/** papaparse streaming a Node stream, rows counted in the chunk callback. */
function papaparse(): Promise<number> {
  return new Promise((resolve, reject) => {
    let rows = 0;
    Papa.parse(createReadStream(FILE), {
      skipEmptyLines: true,
      chunk: (r: Papa.ParseResult<unknown>) => {
        rows += r.data.length;
      },
      // The header is a row too: papaparse is asked for rows only, not for a header map.
      complete: () => resolve(rows - 1),
      error: reject,
    });
  });
}

/**
 * For context: papaparse with the conversion a caller would write next
 * (header rows, Date.parse, names interned through a Map) into typed columns.
 */
function papaparseToColumns(): Promise<number> {
  return new Promise((resolve, reject) => {
    const start = new Float64Array(N);
    const end = new Float64Array(N);
    const user = new Int32Array(N);
    const product = new Int32Array(N);
    const names = new Map<string, number>();
    const intern = (v: string) => {
      let i = names.get(v);
      if (i === undefined) {
        i = names.size;
        names.set(v, i);
      }
      return i;
    };
    let n = 0;
    Papa.parse<Record<string, string>>(createReadStream(FILE), {
      header: true,
      skipEmptyLines: true,
      chunk: (r) => {
        for (const row of r.data) {
          user[n] = intern(row.user ?? '');
          product[n] = intern(row.product ?? '');
          start[n] = Date.parse(row.start ?? '');
          end[n] = row.end ? Date.parse(row.end) : Number.NaN;
          n++;
        }
      },
      complete: () => resolve(n),
      error: reject,
    });
  });
}

interface Figure {
  ms: number;
  rss: number;
  /**
   * Peak resident set above the resident set when the run began: the runs
   * share one process, so `rss` also holds what earlier runs left for the
   * collector.
   */
  rise: number;
  /** Peak JS heap plus array buffers (typed arrays live outside the heap). */
  heap: number;
}
const figures: Record<string, Figure> = {};

/** Times one run and samples memory every 20 ms (peak resident set and heap). */
const measure = (name: string, f: () => Promise<number>) => async () => {
  const rss0 = process.memoryUsage().rss;
  let rss = rss0;
  const used = (m: NodeJS.MemoryUsage) => m.heapUsed + m.arrayBuffers;
  let heap = used(process.memoryUsage());
  const timer = setInterval(() => {
    const m = process.memoryUsage();
    rss = Math.max(rss, m.rss);
    heap = Math.max(heap, used(m));
  }, 20);
  const t = performance.now();
  const rows = await f();
  const ms = performance.now() - t;
  clearInterval(timer);
  const m = process.memoryUsage();
  rss = Math.max(rss, m.rss);
  heap = Math.max(heap, used(m));
  if (rows !== N) throw new Error(`${name}: expected ${N} rows, got ${rows}`);
  const prev = figures[name];
  figures[name] = {
    ms: Math.min(prev?.ms ?? Number.POSITIVE_INFINITY, ms),
    rss: Math.max(prev?.rss ?? 0, rss),
    rise: Math.max(prev?.rise ?? 0, rss - rss0),
    heap: Math.max(prev?.heap ?? 0, heap),
  };
};

describe('reading a 1,000,000-row session CSV from file', () => {
  bench(
    'papaparse streaming parse (rows of strings)',
    measure('papaparse', () => papaparse()),
    { iterations: 3, time: 0 },
  );
  bench(
    'papaparse + the obvious conversion to columns (header, Date.parse, Map interning)',
    measure('papa+cols', () => papaparseToColumns()),
    { iterations: 2, time: 0 },
  );
  bench(
    'ingestFile to engine-ready columns (times parsed, strings interned, checks and warnings)',
    measure('ingestFile', async () => {
      const r = await ingestFile(FILE);
      return r.kind === 'sessions' ? r.sessions.count : 0;
    }),
    { iterations: 3, time: 0 },
  );
  bench(
    'ingestFile without the whole-data checks (duplicates, M10 devices, long sessions)',
    measure('no checks', async () => {
      const r = await ingestFile(FILE, { checks: false });
      return r.kind === 'sessions' ? r.sessions.count : 0;
    }),
    { iterations: 3, time: 0 },
  );
});

afterAll(() => {
  const mb = (b: number) => `${(b / 2 ** 20).toFixed(0)} MB`;
  const lines = [
    '',
    `Ingest of ${N.toLocaleString('en')} session rows (${FILE}), best run, one core:`,
  ];
  for (const [k, f] of Object.entries(figures))
    lines.push(
      `  ${k.padEnd(11)} ${f.ms.toFixed(0).padStart(6)} ms  ${((N / f.ms) * 1000).toFixed(0).padStart(8)} rows/s  peak rss ${mb(f.rss)} (+${mb(f.rise)} in the run), heap + buffers ${mb(f.heap)}`,
    );
  const p = figures['papaparse'];
  const i = figures['ingestFile'];
  if (p && i)
    lines.push(`  ratio ingestFile / papaparse: ${(i.ms / p.ms).toFixed(2)}x (goal <= 1.5x)`);
  const c = figures['no checks'];
  if (p && c) lines.push(`  ratio without the checks / papaparse: ${(c.ms / p.ms).toFixed(2)}x`);
  console.log(lines.join('\n'));
  if (process.env.FLEXCAST_BENCH_KEEP !== '1') rmSync(FILE, { force: true });
});
