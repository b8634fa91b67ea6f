import { exceptionKind, isIsoDate, WEEKDAY_NAMES, type ExceptionDay } from './import-plan';
import { dayOfWeek } from './working-days';

// Field-by-field validation (in Chinese) of the calendar page's forms. Pure.

export type FieldErrors = Partial<Record<string, string>>;

export class CalendarValidationError extends Error {
  override name = 'CalendarValidationError';
  constructor(public readonly fields: FieldErrors) {
    super(Object.values(fields).join('；'));
  }
}

/** Years an administrator may edit (the clock's calendar covers far more). */
export const EDITABLE_YEARS = { from: 2000, to: 2099 };
const NOTE_MAX = 100;
const NOTICE_MAX = 200;

export function parseYear(value: unknown): number | null {
  const year = Number(String(value ?? '').trim());
  return Number.isInteger(year) && year >= EDITABLE_YEARS.from && year <= EDITABLE_YEARS.to ? year : null;
}

export interface DayForm {
  date: string;
  /** 'no': a day off (放假), 'yes': a working day (上班). */
  working: string;
  note: string;
}

/** The exception day a form asks for, or the errors of its fields. */
export function validateDayForm(form: DayForm): { day: ExceptionDay } | { errors: FieldErrors } {
  const errors: FieldErrors = {};
  const date = form.date.trim();
  const note = form.note.trim();
  if (!date) errors.date = '请填写日期';
  else if (!isIsoDate(date)) errors.date = '日期格式应为 YYYY-MM-DD，例如 2027-10-01';
  else if (!parseYear(date.slice(0, 4)))
    errors.date = `只能编辑 ${EDITABLE_YEARS.from}–${EDITABLE_YEARS.to} 年的日历`;
  if (form.working !== 'yes' && form.working !== 'no') errors.working = '请选择该日放假还是上班';
  if (note.length > NOTE_MAX) errors.note = `备注最多 ${NOTE_MAX} 个字`;
  if (Object.keys(errors).length) return { errors };

  const working = form.working === 'yes';
  const kind = exceptionKind(date, working);
  if (!kind) {
    const weekday = WEEKDAY_NAMES[dayOfWeek(date)];
    return {
      errors: {
        working: working
          ? `${date} 是${weekday}，本来就上班，无需设为调休上班`
          : `${date} 是${weekday}，本来就休息，无需设为放假`
      }
    };
  }
  return { day: { date, working, kind, note: note || null } };
}

export interface YearForm {
  year: string;
  confirmed: boolean;
  notice: string;
}

export function validateYearForm(
  form: YearForm
): { year: number; notice: string | null } | { errors: FieldErrors } {
  const errors: FieldErrors = {};
  const year = parseYear(form.year);
  const notice = form.notice.trim();
  if (year === null) errors.year = `年份应为 ${EDITABLE_YEARS.from}–${EDITABLE_YEARS.to} 之间的整数`;
  if (form.confirmed && !notice)
    errors.notice = '确认时请填写放假通知的名称或文号，例如“国务院办公厅关于2027年部分节假日安排的通知”';
  else if (notice.length > NOTICE_MAX) errors.notice = `通知名称最多 ${NOTICE_MAX} 个字`;
  if (year === null || Object.keys(errors).length) return { errors };
  return { year, notice: notice || null };
}
