/**
 * The 2,000,000-row session CSV of the large-file browser test and bench,
 * and a measure of the renderer memory of one test browser.
 */
import { once } from 'node:events';
import { createWriteStream, readdirSync, readFileSync } from 'node:fs';

export const LARGE_ROWS = 2_000_000;

/** 2,000 users, 3 products, two years of weekday sessions, in time order: about 100 bytes a row. */
export async function writeLargeCsv(file: string, rows = LARGE_ROWS): Promise<void> {
  const out = createWriteStream(file);
  out.write('user,product,version,device,start,end\n');
  const products = ['AutoCAD', 'Revit', 'Navisworks Manage'];
  const t0 = Date.UTC(2024, 0, 1, 7);
  let x = 7;
  let lines: string[] = [];
  for (let i = 0; i < rows; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    const day = Math.floor(i / 2740) + 2 * Math.floor(i / 2740 / 5); // weekdays only
    const start = t0 + day * 86_400_000 + (i % 2740) * 12_000;
    const end = start + 600_000 + (x % 28_800_000);
    const u = x % 2000;
    lines.push(
      `user${String(u).padStart(4, '0')}@example.com,${products[x % 3]},2025,PC-${u},${new Date(start).toISOString()},${new Date(end).toISOString()}`,
    );
    if (lines.length === 20_000) {
      if (!out.write(`${lines.join('\n')}\n`)) await once(out, 'drain');
      lines = [];
    }
  }
  out.end(lines.length ? `${lines.join('\n')}\n` : '');
  await once(out, 'finish');
}

/** Parent pid, command line and resident bytes of every process, from /proc. */
function processes(): Map<number, { ppid: number; cmd: string; rss: number }> {
  const out = new Map<number, { ppid: number; cmd: string; rss: number }>();
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      out.set(Number(pid), {
        ppid: Number(/PPid:\s+(\d+)/.exec(status)?.[1] ?? 0),
        cmd: readFileSync(`/proc/${pid}/cmdline`, 'utf8'),
        rss: Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024,
      });
    } catch {
      // The process ended while we looked.
    }
  }
  return out;
}

/**
 * Resident bytes of the renderer processes (the tab and its dedicated
 * workers) of one test browser: those descending from the process started
 * with its profile folder, whatever else runs on the machine.
 */
export function rendererRss(profile: string): number {
  const all = processes();
  const root = [...all].find(
    ([, p]) => p.cmd.includes(`--user-data-dir=${profile}`) && !p.cmd.includes('--type='),
  );
  if (!root) return 0;
  const ours = (pid: number): boolean => {
    for (let q = pid, hops = 0; q > 0 && hops < 64; q = all.get(q)?.ppid ?? 0, hops++)
      if (q === root[0]) return true;
    return false;
  };
  let total = 0;
  for (const [pid, p] of all) if (p.cmd.includes('--type=renderer') && ours(pid)) total += p.rss;
  return total;
}
