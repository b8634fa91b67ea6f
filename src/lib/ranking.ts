// The arithmetic of RankingTable, kept pure so it is tested without a DOM.
import type { FigureFormat } from '$lib/format';

export type SortOrder = 'given' | 'descending' | 'ascending';

/**
 * Rows in the chosen order; rows without a value always last (they rank nowhere), and
 * rows with equal values keep their given order.
 */
export function sortRows<T>(rows: readonly T[], order: SortOrder, value: (row: T) => number | null): T[] {
  if (order === 'given') return [...rows];
  const sign = order === 'descending' ? -1 : 1;
  return rows
    .map((row, index) => ({ row, index, v: value(row) }))
    .sort((a, b) => {
      if (a.v === null || b.v === null) return a.v === b.v ? a.index - b.index : a.v === null ? 1 : -1;
      return sign * (a.v - b.v) || a.index - b.index;
    })
    .map(({ row }) => row);
}

/** Competition ranks (1, 2, 2, 4): the best value first; null for a row without a value. */
export function rankOf(values: readonly (number | null)[], higherIsBetter = true): (number | null)[] {
  return values.map((v) => {
    if (v === null) return null;
    return 1 + values.filter((other) => other !== null && (higherIsBetter ? other > v : other < v)).length;
  });
}

/**
 * The width of a row's bar in % of the track: rates on their own 0–100 % scale, anything
 * else relative to the largest magnitude in the table (which gets the full width).
 */
export function barWidth(
  value: number | null,
  all: readonly (number | null)[],
  format: FigureFormat
): number | null {
  if (value === null || !Number.isFinite(value)) return null;
  if (format === 'rate') return Math.min(100, Math.max(0, value * 100));
  const max = Math.max(0, ...all.map((v) => (v === null || !Number.isFinite(v) ? 0 : Math.abs(v))));
  return max === 0 ? 0 : (Math.abs(value) / max) * 100;
}
