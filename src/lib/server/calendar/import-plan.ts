import { dayOfWeek } from './working-days';

// A year of the calendar as an import describes it (from an ICS file or a pasted State
// Council notice), reduced to what calendar_days stores: the exceptions to Monday–Friday.
// A day off on a weekend or a working day on a weekday is what Monday–Friday says anyway;
// such days are kept aside as "ignored" so that the preview can show them. Pure.

export type DayKind = 'holiday' | 'makeup_workday';

/** One day as a source states it: a day off or a working day, with the source's wording. */
export interface StatedDay {
  date: string;
  working: boolean;
  note: string | null;
}

export interface ExceptionDay {
  date: string;
  working: boolean;
  kind: DayKind;
  note: string | null;
}

export interface YearPlan {
  year: number;
  /** What calendar_days should hold for the year, by date. */
  exceptions: ExceptionDay[];
  /** Days stated by the source that Monday–Friday already gives. */
  ignored: StatedDay[];
}

/** A file or notice that cannot be imported; the message is for the administrator (Chinese). */
export class CalendarImportError extends Error {
  override name = 'CalendarImportError';
}

export const WEEKDAY_NAMES = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];

export const isWeekend = (date: string): boolean => {
  const dow = dayOfWeek(date);
  return dow === 0 || dow === 6;
};

/** The exception a day would be, or null when Monday–Friday already gives it. */
export function exceptionKind(date: string, working: boolean): DayKind | null {
  if (working) return isWeekend(date) ? 'makeup_workday' : null;
  return isWeekend(date) ? null : 'holiday';
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether a string is a real calendar date 'YYYY-MM-DD'. */
export function isIsoDate(value: string): boolean {
  const m = DATE.exec(value);
  if (!m) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/**
 * The plan of `year` from the days a source states. Every date must lie in that year, and
 * no date may be stated both as a day off and as a working day.
 */
export function buildYearPlan(year: number, stated: readonly StatedDay[]): YearPlan {
  if (stated.length === 0) throw new CalendarImportError('没有找到任何放假或上班日期');
  const outside = [
    ...new Set(stated.filter((d) => !d.date.startsWith(`${year}-`)).map((d) => d.date))
  ].sort();
  if (outside.length) {
    const shown = outside.slice(0, 5).join('、') + (outside.length > 5 ? ` 等 ${outside.length} 天` : '');
    throw new CalendarImportError(`包含 ${year} 年以外的日期（${shown}）；一次只能导入一个年份`);
  }
  const byDate = new Map<string, StatedDay>();
  for (const day of stated) {
    const seen = byDate.get(day.date);
    if (!seen) byDate.set(day.date, day);
    else if (seen.working !== day.working) {
      const off = seen.working ? day : seen;
      const work = seen.working ? seen : day;
      throw new CalendarImportError(
        `${day.date} 既被标为休息（${off.note ?? '无说明'}）又被标为上班（${work.note ?? '无说明'}），请检查来源`
      );
    }
  }
  const exceptions: ExceptionDay[] = [];
  const ignored: StatedDay[] = [];
  for (const day of [...byDate.values()].sort((a, b) => a.date.localeCompare(b.date))) {
    const kind = exceptionKind(day.date, day.working);
    if (kind) exceptions.push({ date: day.date, working: day.working, kind, note: day.note });
    else ignored.push(day);
  }
  return { year, exceptions, ignored };
}

export interface PlanDiff {
  added: ExceptionDay[];
  removed: ExceptionDay[];
  /** Same date, different kind or note. */
  changed: { before: ExceptionDay; after: ExceptionDay }[];
  unchanged: number;
}

/** What applying the plan would change in the year's current exception days. */
export function diffYearPlan(plan: YearPlan, current: readonly ExceptionDay[]): PlanDiff {
  const now = new Map(current.map((d) => [d.date, d]));
  const next = new Map(plan.exceptions.map((d) => [d.date, d]));
  const diff: PlanDiff = { added: [], removed: [], changed: [], unchanged: 0 };
  for (const after of plan.exceptions) {
    const before = now.get(after.date);
    if (!before) diff.added.push(after);
    else if (before.working !== after.working || (before.note ?? '') !== (after.note ?? '')) {
      diff.changed.push({ before, after });
    } else diff.unchanged++;
  }
  for (const before of current) if (!next.has(before.date)) diff.removed.push(before);
  return diff;
}

/** The dates whose working status an applied diff changes (a note alone changes none). */
export function movedDates(diff: PlanDiff): string[] {
  return [
    ...diff.added.map((d) => d.date),
    ...diff.removed.map((d) => d.date),
    ...diff.changed.filter((c) => c.before.working !== c.after.working).map((c) => c.after.date)
  ].sort();
}
