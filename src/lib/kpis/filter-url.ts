// The URL of a filtered dashboard page, as FilterBar writes it: `period`, `from` and `to`
// (only for a custom period) and one parameter per cut dimension (cuts.ts). Browser-safe.
import { cutFromParams, cutToParams } from './cuts';
import { PERIOD_PRESETS, type PeriodPreset } from './periods';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function isCalendarDate(value: string): boolean {
  if (!DATE.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/** Three years on, rolling 02-29 over to 03-01 exactly as the server's check does. */
function threeYearsAfter(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y + 3, m - 1, d)).toISOString().slice(0, 10);
}

/**
 * Why a custom range cannot be used, in Chinese, or null when it can. The same limits as
 * the server's period check (docs/rules/kpis.md): real dates, from ≤ to, under 3 years.
 */
export function checkRange(from: string, to: string): string | null {
  if (!from || !to) return '请填写开始日期和结束日期';
  if (!isCalendarDate(from) || !isCalendarDate(to)) return '日期格式应为“年-月-日”，例如 2026-11-25';
  if (from > to) return '开始日期不能晚于结束日期';
  if (to >= threeYearsAfter(from)) return '统计期间不能超过3年，请缩短期间';
  return null;
}

/** The query string of the form's fields: empty choices and a non-custom from/to left out. */
export function filterParams(fields: Record<string, string>): URLSearchParams {
  const params = new URLSearchParams();
  const preset = fields.period;
  if (PERIOD_PRESETS.includes(preset as PeriodPreset)) {
    params.set('period', preset);
    if (preset === 'custom') {
      if (fields.from) params.set('from', fields.from);
      if (fields.to) params.set('to', fields.to);
    }
  }
  return cutToParams(cutFromParams(new URLSearchParams(fields)), params);
}
