import { describe, expect, it } from 'vitest';
import { columnWidths, textTable } from '../../src/engine/text-table.ts';

describe('textTable(rows, options)', () => {
  const rows = [
    ['', 'mean', 'P95'],
    ['all', '1,234', '99'],
    ['Revit', '7', ''],
  ];

  it('columnWidths(rows) is the widest cell of each column of the first row', () => {
    expect(columnWidths(rows)).toEqual([5, 5, 3]);
    expect(columnWidths([])).toEqual([]);
  });

  it('textTable(rows) pads the first column after and the others before, two spaces apart', () => {
    expect(textTable(rows)).toEqual([
      '        mean  P95',
      'all    1,234   99',
      'Revit      7     ',
    ]);
  });

  it('textTable(rows, {trimEnd}) drops the spaces an empty last cell leaves', () => {
    expect(textTable(rows, { trimEnd: true })[2]).toBe('Revit      7');
  });

  it('textTable(rows, {align}) aligns each cell by its row and column', () => {
    const lines = textTable(rows, { align: (j, k) => (j === 0 || k === 0 ? 'left' : 'right') });
    expect(lines[0]).toBe('       mean   P95');
    expect(lines[1]).toBe('all    1,234   99');
  });
});
