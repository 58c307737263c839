/** The FlexNet byte scanner, pinned to the text path on real, generated and random logs. */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { flexnetLog } from '../../scripts/enterprise-inputs.mjs';
import { ingestBytes } from '../../src/ingest/bytes.ts';
import { FlexnetParser } from '../../src/ingest/flexnet.ts';
import { SCAN_IN, SCAN_OUT, ScannedLine, scanCheckout } from '../../src/ingest/flexnet-scan.ts';
import type { IngestOptions } from '../../src/ingest/ingester.ts';
import type { Ingested } from '../../src/ingest/types.ts';
import { ingestText } from './helpers.ts';

const encoder = new TextEncoder();

function scan(line: string): ScannedLine | null {
  const b = encoder.encode(line);
  const s = new ScannedLine();
  return scanCheckout(b, 0, b.length, s) ? s : null;
}

const text = (line: string, from: number, to: number) => line.slice(from, to);

/** Reads `log` from bytes in chunks of `chunk`, and as text through the general path; both results. */
async function bothPaths(
  log: string,
  chunk: number,
  options: IngestOptions = {},
): Promise<[Ingested, Ingested]> {
  const bytes = encoder.encode(log);
  const fast = await ingestBytes(
    async function* () {
      for (let i = 0; i < bytes.length; i += chunk) yield bytes.slice(i, i + chunk);
    },
    { file: 'test.log', ...options },
  );
  delete fast.report.encoding;
  const slow = ingestText(log, { file: 'test.log', ...options, slowPath: true });
  return [fast, slow];
}

describe('scanCheckout(bytes)', () => {
  it('reads the time, daemon, feature, user, host, licences and (INACTIVE) of OUT and IN lines', () => {
    const out = ' 7:30:01 (adskflex) OUT: "87240ACD_2024_0F" user00937@PC00937  (2 licenses)';
    const s = scan(out) as ScannedLine;
    expect(s.kind).toBe(SCAN_OUT);
    expect(s.tod).toBe(7 * 3600 + 30 * 60 + 1);
    expect(text(out, s.daemonFrom, s.daemonTo)).toBe('adskflex');
    expect(text(out, s.featureFrom, s.featureTo)).toBe('87240ACD_2024_0F');
    expect(text(out, s.userFrom, s.userTo)).toBe('user00937');
    expect(text(out, s.hostFrom, s.hostTo)).toBe('PC00937');
    expect(s.licences).toBe(2);
    const inLine = '23:59:59 (adskflex) IN: "64300ACD_F" ann@PC1 (INACTIVE)';
    expect(scan(inLine)).toMatchObject({ kind: SCAN_IN, licences: 1, inactive: true });
  });

  it('leaves to the text path what it does not read exactly as the text path would', () => {
    for (const line of [
      '24:00:00 (adskflex) OUT: "F" a@h',
      ' 7:60:00 (adskflex) OUT: "F" a@h',
      ' 7:30 (adskflex) OUT: "F" a@h',
      ' 7:30:01 (adskflex) DENIED: "F" a@h  (Licensed number of users already reached.)',
      ' 7:30:01 (adskflex) OUT: "F" first last@h',
      ' 7:30:01 (adskflex) OUT: "F" a@b@h',
      ' 7:30:01 (adskflex) OUT: "F" émile@h',
      ' 7:30:01 (adskflex) OUT: F a@h',
      ' 7:30:01 (adskflex)  OUT: "F" a@h',
      ' 7:30:01 (adskflex) OUT: "F" a@h Time: Wed Mar 30 2016 05:56:18',
      ' 7:30:01 (adskflex) OUT: "F" a@h (1234567890 licenses)',
      ' 7:30:01 (adskflex) TIMESTAMP 3/30/2016',
    ])
      expect(scan(line), line).toBeNull();
  });
});

describe('ingestBytes(FlexNet log): the byte path gives what the text path gives', () => {
  const real = readFileSync('test/fixtures/ingest/adskflex-2016-sample.log', 'utf8');
  const traps = readFileSync('test/fixtures/ingest/flexnet-traps.log', 'utf8');
  const generated = [...flexnetLog({ users: 30, days: 20 })].join('');

  it('on the real adskflex log, the traps log and a generated log, in chunks of 7 bytes to 64 K', async () => {
    for (const [log, options] of [
      [real, {}],
      [real, { timeZone: 'Europe/Paris' }],
      [traps, { timeZone: 'Europe/Paris', subtractInactivity: true }],
      [generated, { timeZone: 'America/New_York' }],
    ] as const)
      for (const chunk of [7, 333, 1 << 16]) {
        const [fast, slow] = await bothPaths(log, chunk, options);
        expect(fast).toEqual(slow);
        expect(fast.report.lines).toBe(log.split('\n').length - (log.endsWith('\n') ? 1 : 0));
      }
  });

  it('reads every OUT and IN line of a generated log from bytes: only headers and dates are text', async () => {
    const textLines = vi.spyOn(
      FlexnetParser.prototype as unknown as { line(t: string): void },
      'line',
    );
    const bytes = encoder.encode(generated);
    const r = await ingestBytes(async function* () {
      yield bytes;
    });
    const lines = generated.split('\n').slice(0, -1);
    const others = lines.filter((l) => !/\) (?:OUT|IN): /.test(l));
    expect(r.report.lines).toBe(lines.length);
    expect(others.length).toBeLessThan(lines.length / 10);
    expect(textLines.mock.calls.length).toBe(others.length);
    textLines.mockRestore();
  });

  it('on random checkout lines (odd times, names, daemons and tails), CRLF or LF, any chunk size', async () => {
    const line = fc
      .record({
        time: fc.constantFrom(' 9:00:01', '09:00:02', '23:59:59', ' 0:00:03', '24:00:00', '9:7:00'),
        gap: fc.constantFrom(' ', '  ', '\t'),
        daemon: fc.constantFrom('adskflex', 'mlm', 'ADSKFLEX'),
        kind: fc.constantFrom('OUT:', 'IN:', 'DENIED:', 'QUEUED:', 'OUT:  ', 'IN:\t'),
        feature: fc.constantFrom(
          '"64300ACD_F"',
          '"87545ACD_2022_0F"',
          '87545ACD_2022_0F',
          '"87545ACD_2022_0F',
          '"99999ZZZ_2020_0F"',
        ),
        user: fc.constantFrom('ann', 'bob', 'first last', 'émile', 'a@b', '"q"'),
        host: fc.constantFrom('PC1', 'PC2', 'pc-1.example.com', 'PC1@x', ''),
        tail: fc.constantFrom(
          '',
          '  ',
          '(2 licenses)',
          ' (1 license)',
          '  (INACTIVE)',
          '(3 licenses) (INACTIVE)',
          '(INACTIVE) (2 licenses)',
          ' (007 licenses)',
          '(2 licenses)x',
          ' Time: Wed Mar 30 2016 05:56:18 Romance Daylight Time',
          ' started on SRV (3/31/2016)',
        ),
      })
      .map(
        (l) =>
          `${l.time}${l.gap}(${l.daemon}) ${l.kind} ${l.feature} ${l.user}@${l.host}${l.tail ? ` ${l.tail}` : ''}`,
      );
    const head = ' 9:00:00 (lmgrd) FlexNet Licensing started on SRV (IBM PC) (3/30/2016)';
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.oneof(
            { weight: 8, arbitrary: line },
            fc.constant(' 1:00:00 (lmgrd) TIMESTAMP 3/31/2016'),
          ),
          {
            maxLength: 40,
          },
        ),
        fc.boolean(),
        fc.boolean(),
        fc.constantFrom(5, 64, 1 << 16),
        fc.constantFrom('UTC', 'Europe/Paris'),
        async (lines, crlf, dated, chunk, tz) => {
          const eol = crlf ? '\r\n' : '\n';
          const log = `${[...(dated ? [head] : []), ...lines].join(eol)}${eol}`;
          const [fast, slow] = await bothPaths(log, chunk, { timeZone: tz });
          expect(fast).toEqual(slow);
        },
      ),
      { seed: 13, numRuns: 300 },
    );
  });
});
