import { addMonths as addMonthsToDate } from '../kpis/periods';

// Months of the appraisal as the pages name them. Browser-safe. A month is 'YYYY-MM'
// everywhere outside the database (which stores its first day).

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

export function isMonthText(value: string | null | undefined): value is string {
  return typeof value === 'string' && MONTH.test(value);
}

/** '2025-10' → '2025年10月'. */
export function monthLabel(month: string): string {
  const m = MONTH.exec(month);
  return m ? `${m[1]}年${Number(m[2])}月` : month;
}

/** The month `n` months before `month` (negative n: after). */
export function addMonths(month: string, n: number): string {
  return addMonthsToDate(`${month}-01`, -n).slice(0, 7);
}

/** `count` months ending with `last`, oldest first. */
export function monthsEndingAt(last: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => addMonths(last, count - 1 - i));
}
