import type { ErrorGroup, WarningGroup } from "@/lib/import/mapping/contract";

/** Row numbers named in one group before the rest are counted ("… and 12 more"). */
export const LISTED_ROWS = 20;

/** A run of consecutive row numbers: [first, last] (first === last for a single row). */
export type RowRun = [number, number];

/**
 * Row numbers as runs of consecutive rows, ascending and without duplicates:
 * [2, 3, 4, 9, 11, 12] → [[2, 4], [9, 9], [11, 12]].
 */
export function rowRuns(rows: readonly number[]): RowRun[] {
  const sorted = [...new Set(rows)].sort((a, b) => a - b);
  const runs: RowRun[] = [];
  for (const row of sorted) {
    const last = runs[runs.length - 1];
    if (last && row === last[1] + 1) last[1] = row;
    else runs.push([row, row]);
  }
  return runs;
}

/**
 * The rows of a group as the page names them: at most `max` row numbers written out as
 * runs ("2–4, 9, 11–12"), and how many of the group's `count` rows are left unnamed. `count`
 * may exceed `rows.length` (the importer lists a capped number of rows per group).
 */
export function describeRows(rows: readonly number[], count: number, max = LISTED_ROWS): { text: string; more: number } {
  const distinct = [...new Set(rows)].sort((a, b) => a - b);
  const named = distinct.slice(0, max);
  const text = rowRuns(named)
    .map(([a, b]) => (a === b ? String(a) : `${a}–${b}`))
    .join(", ");
  return { text, more: Math.max(count, distinct.length) - named.length };
}

/** A group as shown: its fields, the rows described, and a stable key. */
export type GroupView<G extends ErrorGroup | WarningGroup> = G & { key: string; rowsText: string; moreRows: number };

/**
 * Groups in the order the page lists them: by file, then the most rows first (the fix that
 * helps most comes first), then by column; each with its rows described (describeRows).
 */
export function groupsForDisplay<G extends ErrorGroup | WarningGroup>(groups: readonly G[], max = LISTED_ROWS): GroupView<G>[] {
  return [...groups]
    .sort((a, b) => a.file.localeCompare(b.file) || b.count - a.count || a.column.localeCompare(b.column) || a.reason.localeCompare(b.reason))
    .map((g, i) => {
      const { text, more } = describeRows(g.rows, g.count, max);
      return { ...g, key: `${g.file}\u0000${g.column}\u0000${g.reason}\u0000${i}`, rowsText: text, moreRows: more };
    });
}

/** Total rows over groups (a row rejected for two causes counts in both groups). */
export function totalCount(groups: readonly { count: number }[]): number {
  return groups.reduce((sum, g) => sum + g.count, 0);
}
