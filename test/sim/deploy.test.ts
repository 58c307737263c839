import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/** The shell scripts of the manifest's containers (the `args: - |` blocks), in order. */
function scripts(yaml: string): string[] {
  const out: string[] = [];
  const lines = yaml.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (!/^\s*- \|\s*$/.test(lines[i] as string)) continue;
    const indent = (lines[i + 1] as string).search(/\S/);
    const body: string[] = [];
    for (
      i++;
      i < lines.length &&
      ((lines[i] as string).trim() === '' || (lines[i] as string).search(/\S/) >= indent);
      i++
    )
      body.push((lines[i] as string).slice(indent));
    out.push(body.join('\n'));
  }
  return out;
}

describe('deploy/flexcast-job.yaml', () => {
  it('the indexed Job slices and the merge step, run as shell scripts, print what one run prints', () => {
    try {
      statSync('dist/cli/main.js');
    } catch {
      execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json']);
    }
    const [slice, merge] = scripts(readFileSync('deploy/flexcast-job.yaml', 'utf8'));
    expect(slice).toContain('--chunks "$A-$B"');
    const dir = mkdtempSync(join(tmpdir(), 'flexcast-job-'));
    const bin = resolve('bin/flexcast.js');
    const scenario = resolve('scenarios/small-architecture-firm.json');
    const local = (script: string) =>
      script
        .replaceAll('/app/bin/flexcast.js', bin)
        .replaceAll('/scenario/scenario.json', scenario)
        .replaceAll('/parts', dir);
    const env = {
      ...process.env,
      RUN: 'test',
      TRIALS: '230',
      SLICES: '3',
      SEED: 'k8s',
      WORKERS: '1',
    };
    // Five chunks over three slices: 0-1, 2-3, 4.
    for (const index of ['2', '0', '1'])
      execFileSync('sh', ['-c', local(slice as string)], {
        env: { ...env, JOB_COMPLETION_INDEX: index },
      });
    const merged = execFileSync('sh', ['-c', local(merge as string)], { env }).toString();
    const single = execFileSync('node', [
      bin,
      'simulate',
      scenario,
      '--trials',
      '230',
      '--seed',
      'k8s',
      '--workers',
      '1',
      '--format',
      'json',
    ]).toString();
    expect(merged).toBe(single);
    expect(JSON.parse(merged).scenario.chunks).toBe(5);
  });
});
