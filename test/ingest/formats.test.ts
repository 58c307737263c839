/**
 * The one table of ingest formats (src/ingest/formats.ts, names and labels
 * in types.ts): every format readable with --as is a CSV entry or the
 * FlexNet log, and no other module picks a sink or spells a vendor
 * format's name, so a new format cannot be half added.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { INGEST_HELP } from '../../src/cli/ingest.ts';
import { CSV_FORMATS } from '../../src/ingest/formats.ts';
import { FORMAT_LABELS, READ_FORMATS } from '../../src/ingest/types.ts';

const ROOT = resolve(import.meta.dirname, '../..');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sources(path);
    return e.name.endsWith('.ts') ? [relative(ROOT, path).replaceAll('\\', '/')] : [];
  });
}

/** The files of src/ and workers/ whose code (comments left out) matches `pattern`. */
function filesMatching(pattern: RegExp): string[] {
  return [...sources(join(ROOT, 'src')), ...sources(join(ROOT, 'workers'))]
    .filter((file) =>
      pattern.test(
        readFileSync(join(ROOT, file), 'utf8')
          .replace(/\/\*[\s\S]*?\*\//g, '')
          .replace(/(^|[^:'"`])\/\/.*$/gm, '$1'),
      ),
    )
    .sort();
}

describe('ingest formats', () => {
  it('READ_FORMATS is every format but unknown, in the order --as lists them, each with a label', () => {
    expect(READ_FORMATS).toEqual([
      'sessions',
      'token-usage-export',
      'usage-report',
      'tokenflex-daily',
      'flexnet-log',
    ]);
    expect(FORMAT_LABELS['usage-report']).toBe("vendor's usage report (per user and product)");
    expect(FORMAT_LABELS.unknown).toBe('not recognised');
  });

  it('CSV_FORMATS holds every format but the FlexNet log once, vendor exports before sessions', () => {
    expect(CSV_FORMATS.map((f) => f.format)).toEqual([
      'tokenflex-daily',
      'usage-report',
      'token-usage-export',
      'sessions',
    ]);
  });

  it('flexcast ingest --help names every format --as reads', () => {
    const as = INGEST_HELP.slice(INGEST_HELP.indexOf('--as FORMAT'));
    for (const f of READ_FORMATS) expect(as).toContain(f);
  });

  it('only formats.ts makes a CSV sink, and only the table and the sinks spell a vendor format', () => {
    expect(filesMatching(/new (?:SessionCsv|TokenUsage|UsageReport|Tokenflex)Sink\(/)).toEqual([
      'src/ingest/formats.ts',
    ]);
    for (const name of ['token-usage-export', 'usage-report', 'tokenflex-daily'])
      expect(filesMatching(new RegExp(`'${name}'`))).toEqual([
        'src/ingest/formats.ts',
        'src/ingest/types.ts',
        'src/ingest/vendor-exports.ts',
      ]);
  });
});
