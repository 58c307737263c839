import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isValidZone } from '../../src/engine/time.ts';
import { flexnetHeaderZone, WINDOWS_ZONES, windowsZone } from '../../src/ingest/flexnet-zone.ts';

const ROOT = join(import.meta.dirname, '../..');

describe('flexnetHeaderZone', () => {
  it('flexnetHeaderZone(real adskflex log) reads "Romance Daylight Time" as Europe/Paris', () => {
    const text = readFileSync(join(ROOT, 'test/fixtures/ingest/adskflex-2016-sample.log'), 'utf8');
    expect(flexnetHeaderZone(text.slice(0, 65536))).toEqual({
      windowsName: 'Romance Daylight Time',
      zone: 'Europe/Paris',
    });
  });

  it('flexnetHeaderZone(a TIMESTAMP-only header) is null', () => {
    expect(
      flexnetHeaderZone(' 0:00:00 (lmgrd) TIMESTAMP 3/30/2016\n 1:00:00 (adskflex) OUT: "x" a@b\n'),
    ).toBeNull();
  });

  it('flexnetHeaderZone keeps a name it cannot map, with a null zone', () => {
    expect(
      flexnetHeaderZone(' 9:00:00 (lmgrd) Time: Mon Jan 04 2016 09:00:00 Martian Standard Time\n'),
    ).toEqual({ windowsName: 'Martian Standard Time', zone: null });
  });
});

describe('windowsZone', () => {
  it('windowsZone maps standard and daylight names alike', () => {
    expect(windowsZone('Eastern Daylight Time')).toBe('America/New_York');
    expect(windowsZone('Eastern Standard Time')).toBe('America/New_York');
    expect(windowsZone('GMT Summer Time')).toBe('Europe/London');
    expect(windowsZone('W. Europe Standard Time')).toBe('Europe/Berlin');
    expect(windowsZone('AUS Eastern Standard Time')).toBe('Australia/Sydney');
  });

  it('windowsZone does not read inherited object keys as zones', () => {
    expect(windowsZone('constructor Standard Time')).toBeNull();
  });
});

describe('WINDOWS_ZONES', () => {
  it('every zone in WINDOWS_ZONES is a zone the engine accepts', () => {
    const bad = Object.values(WINDOWS_ZONES).filter((z) => !isValidZone(z));
    expect(bad).toEqual([]);
  });
});
