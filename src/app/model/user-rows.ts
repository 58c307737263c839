import type { UserRow } from './answer.ts';

export type SortKey = keyof UserRow;

/** Rows whose user, group, products or licence contain `text` (case-insensitive). */
export function filterRows(rows: readonly UserRow[], text: string): UserRow[] {
  const q = text.trim().toLowerCase();
  if (!q) return [...rows];
  return rows.filter((r) =>
    [r.user, r.group, r.products, r.recommended].some((v) => v.toLowerCase().includes(q)),
  );
}

/** Rows sorted by one column; ties keep user-name order so the table is stable. */
export function sortRows(rows: readonly UserRow[], key: SortKey, descending: boolean): UserRow[] {
  const sign = descending ? -1 : 1;
  return [...rows].sort((a, b) => {
    const x = a[key];
    const y = b[key];
    const c =
      typeof x === 'number' && typeof y === 'number'
        ? x - y
        : String(x).localeCompare(String(y), 'en');
    return sign * c || a.user.localeCompare(b.user, 'en');
  });
}
