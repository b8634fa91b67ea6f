import { addMonths, type Period } from '../../kpis/periods';
import { addDays, isWorkingDay, type CalendarOverrides } from '../calendar/working-days';

// The months of the bulletin: which month a date reports on, its days, the month before,
// and whether a date is the first working day of its month (when the job drafts). Pure.

/** 'YYYY-MM' from 'YYYY-MM' or 'YYYY-MM-DD'; null when it is not a month. */
export function parseMonth(value: string | null | undefined): string | null {
  const match = /^(\d{4})-(0[1-9]|1[0-2])(?:-\d{2})?$/.exec((value ?? '').trim());
  return match ? `${match[1]}-${match[2]}` : null;
}

function lastDay(month: string): number {
  const [y, m] = month.split('-').map(Number);
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** Every day of the month, both ends inclusive. */
export function monthPeriod(month: string): Period {
  return { from: `${month}-01`, to: `${month}-${String(lastDay(month)).padStart(2, '0')}` };
}

export function previousMonth(month: string): string {
  return addMonths(`${month}-01`, -1).slice(0, 7);
}

/** The month a bulletin drafted on `today` reports on: the month before. */
export function reportMonthFor(today: string): string {
  return previousMonth(today.slice(0, 7));
}

/** Whether `date` is a working day and no earlier day of its month was one. */
export function isFirstWorkingDayOfMonth(date: string, calendar: CalendarOverrides): boolean {
  if (!isWorkingDay(date, calendar)) return false;
  for (let d = `${date.slice(0, 7)}-01`; d < date; d = addDays(d, 1)) {
    if (isWorkingDay(d, calendar)) return false;
  }
  return true;
}
