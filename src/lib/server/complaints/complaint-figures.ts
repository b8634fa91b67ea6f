import { countWorkingDays, localDate, type CalendarOverrides } from '../calendar/working-days';
import type { ComplaintRow } from './complaints.repository';

// The complaint figures of a set of rows, and the same by window, person, source or
// category (docs/rules/ratings.md). Pure: the rows and the calendar come in.
// Closing time is in working days, counted like a case's processing time: the working days
// after the bureau-local date of receipt up to and including the date of closing (closed
// the day it came in = 0).

export interface ComplaintStats {
  received: number;
  substantiated: number;
  /** Not yet found substantiated or not (substantiated is null). */
  undetermined: number;
  closed: number;
  open: number;
  /** Over the closed ones; null when none is closed. */
  meanClosingDays: number | null;
  medianClosingDays: number | null;
}

export function closingDays(row: ComplaintRow, calendar: CalendarOverrides): number | null {
  if (!row.closed_at) return null;
  return countWorkingDays(localDate(new Date(row.received_at)), localDate(new Date(row.closed_at)), calendar);
}

export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

export function complaintStats(rows: ComplaintRow[], calendar: CalendarOverrides): ComplaintStats {
  const days = rows.map((r) => closingDays(r, calendar)).filter((d): d is number => d !== null);
  const closed = rows.filter((r) => r.closed_at).length;
  return {
    received: rows.length,
    substantiated: rows.filter((r) => r.substantiated === true).length,
    undetermined: rows.filter((r) => r.substantiated === null).length,
    closed,
    open: rows.length - closed,
    meanClosingDays: days.length ? days.reduce((a, b) => a + b, 0) / days.length : null,
    medianClosingDays: median(days)
  };
}

export type ComplaintGrouping = 'window' | 'staff' | 'source' | 'category';

export interface ComplaintGroup {
  /** The code (window code, staff number, source, category); '' for none. */
  code: string;
  label: string;
  stats: ComplaintStats;
}

const KEYS: Record<ComplaintGrouping, (r: ComplaintRow) => [string, string | null]> = {
  window: (r) => [r.window_code ?? '', r.window_name],
  staff: (r) => [r.staff_no ?? '', r.staff_name],
  source: (r) => [r.source, null],
  category: (r) => [r.category, r.category]
};

/** Groups with the most complaints first; `labels` names codes without a name of their own. */
export function groupComplaints(
  rows: ComplaintRow[],
  by: ComplaintGrouping,
  calendar: CalendarOverrides,
  labels: Record<string, string> = {}
): ComplaintGroup[] {
  const groups = new Map<string, { label: string; rows: ComplaintRow[] }>();
  for (const row of rows) {
    const [code, name] = KEYS[by](row);
    const group = groups.get(code) ?? { label: name ?? labels[code] ?? (code || '（未关联）'), rows: [] };
    group.rows.push(row);
    groups.set(code, group);
  }
  return [...groups.entries()]
    .map(([code, g]) => ({ code, label: g.label, stats: complaintStats(g.rows, calendar) }))
    .sort((a, b) => b.stats.received - a.stats.received || a.code.localeCompare(b.code));
}
