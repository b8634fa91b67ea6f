// The one place that turns dates, numbers and durations into text for people. Used on
// the server and in the browser alike, so every page shows the same formats:
//   date-time  2026-11-25 14:05:09   (always bureau time, Asia/Shanghai)
//   date       2026-11-25
//   number     1,234,567            (zh-CN grouping)
// Missing values render as an em dash, never as "null" or "Invalid Date".

export const BUREAU_TIME_ZONE = 'Asia/Shanghai';
export const MISSING = '—';

type DateInput = Date | string | number | null | undefined;

// hourCycle h23: some engines print midnight as "24" with hour12: false.
const dateTimeParts = new Intl.DateTimeFormat('zh-CN', {
  timeZone: BUREAU_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23'
});

const integerFormat = new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 0 });

function toDate(value: DateInput): Date | null {
  if (value === null || value === undefined || value === '') return null;
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** The bureau-local calendar fields of an instant, as zero-padded strings. */
function bureauFields(date: Date): Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'second', string> {
  const fields = { year: '', month: '', day: '', hour: '', minute: '', second: '' };
  for (const part of dateTimeParts.formatToParts(date)) {
    if (part.type in fields) fields[part.type as keyof typeof fields] = part.value;
  }
  return fields;
}

/** `2026-11-25 14:05:09` in Asia/Shanghai. */
export function formatDateTime(value: DateInput): string {
  const date = toDate(value);
  if (!date) return MISSING;
  const f = bureauFields(date);
  return `${f.year}-${f.month}-${f.day} ${f.hour}:${f.minute}:${f.second}`;
}

/** `2026-11-25`: the bureau-local date of an instant; a `YYYY-MM-DD` string passes through. */
export function formatDate(value: DateInput): string {
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  const date = toDate(value);
  if (!date) return MISSING;
  const f = bureauFields(date);
  return `${f.year}-${f.month}-${f.day}`;
}

/** An integer with zh-CN thousands separators; counts from PostgreSQL arrive as strings. */
export function formatNumber(value: number | string | bigint | null | undefined): string {
  if (value === null || value === undefined || value === '') return MISSING;
  if (typeof value === 'bigint') return integerFormat.format(value);
  const number = typeof value === 'string' ? Number(value) : value;
  return Number.isFinite(number) ? integerFormat.format(number) : MISSING;
}

/** A run's duration: `350 毫秒`, `12.4 秒`, `3 分 05 秒`, `2 小时 07 分`. */
export function formatDuration(milliseconds: number | null | undefined): string {
  if (
    milliseconds === null ||
    milliseconds === undefined ||
    !Number.isFinite(milliseconds) ||
    milliseconds < 0
  ) {
    return MISSING;
  }
  if (milliseconds < 1000) return `${Math.round(milliseconds)} 毫秒`;
  if (milliseconds < 60_000) return `${(Math.floor(milliseconds / 100) / 10).toFixed(1)} 秒`;
  const totalSeconds = Math.floor(milliseconds / 1000);
  const pad = (n: number) => String(n).padStart(2, '0');
  if (totalSeconds < 3600) return `${Math.floor(totalSeconds / 60)} 分 ${pad(totalSeconds % 60)} 秒`;
  return `${Math.floor(totalSeconds / 3600)} 小时 ${pad(Math.floor((totalSeconds % 3600) / 60))} 分`;
}

/** How long ago an instant was, coarsely: `刚刚`, `5 分钟前`, `3 小时前`, `2 天前`. */
export function formatAge(value: DateInput, now: Date = new Date()): string {
  const date = toDate(value);
  if (!date) return MISSING;
  const seconds = Math.floor((now.getTime() - date.getTime()) / 1000);
  if (seconds < 0) return '晚于当前时间'; // clocks of two servers disagree: say so, don't hide it
  if (seconds < 60) return '刚刚';
  if (seconds < 3600) return `${Math.floor(seconds / 60)} 分钟前`;
  if (seconds < 86_400) return `${Math.floor(seconds / 3600)} 小时前`;
  return `${formatNumber(Math.floor(seconds / 86_400))} 天前`;
}

// Building an Intl.NumberFormat costs far more than using one: the load test found a new
// one per percentage to be 6–7 % of the web server's CPU on the overview (docs/benchmarks.md).
const fixedFormats = new Map<number, Intl.NumberFormat>();

function fixed(value: number, digits: number): string {
  let format = fixedFormats.get(digits);
  if (!format) {
    format = new Intl.NumberFormat('zh-CN', { minimumFractionDigits: digits, maximumFractionDigits: digits });
    fixedFormats.set(digits, format);
  }
  return format.format(value);
}

const usable = (value: number | null | undefined): value is number =>
  value !== null && value !== undefined && Number.isFinite(value);

/** A ratio as a percentage: 0.964 → `96.4%`. Rates travel as ratios (0–1) everywhere. */
export function formatPercent(ratio: number | null | undefined, digits = 1): string {
  // `+ 0` turns a rounded -0 into 0, so a tiny negative never prints as "-0.0%".
  return usable(ratio) ? `${fixed(Number((ratio * 100).toFixed(digits)) + 0, digits)}%` : MISSING;
}

/** A ratio that may be negative, always with its sign: 0.3 → `+30.0%`, -0.05 → `-5.0%`. */
export function formatSignedPercent(ratio: number | null | undefined, digits = 1): string {
  if (!usable(ratio)) return MISSING;
  const text = formatPercent(ratio, digits);
  return Number((ratio * 100).toFixed(digits)) > 0 ? `+${text}` : text;
}

/** An average duration in working days: `3.2 个工作日`. */
export function formatDays(days: number | null | undefined, digits = 1): string {
  return usable(days) ? `${fixed(days, digits)} 个工作日` : MISSING;
}

/** A difference of two rates (ratios) in percentage points: 0.012 → `1.2 个百分点` (no sign). */
export function formatPoints(difference: number | null | undefined, digits = 1): string {
  return usable(difference) ? `${fixed(Math.abs(difference) * 100, digits)} 个百分点` : MISSING;
}

/** How a headline figure reads: a count, a rate (ratio 0–1), working days, a signed ratio. */
export type FigureFormat = 'count' | 'rate' | 'days' | 'signed_rate';

/** A figure's value in its format: `12,345`, `96.4%`, `3.2 个工作日`, `+30.0%`; null as —. */
export function formatFigure(value: number | null | undefined, format: FigureFormat): string {
  switch (format) {
    case 'count':
      return formatNumber(value);
    case 'rate':
      return formatPercent(value);
    case 'days':
      return formatDays(value);
    case 'signed_rate':
      return formatSignedPercent(value);
  }
}

/** A count or a sum that may carry a fraction (Σ working days): `1,234` or `1,234.5`. */
export function formatQuantity(value: number | null | undefined): string {
  if (!usable(value)) return MISSING;
  return Number.isInteger(value)
    ? formatNumber(value)
    : new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 2 }).format(value);
}

/** A 0–100 score with one decimal: `87.5`. */
export function formatScore(value: number | null | undefined): string {
  return usable(value) ? fixed(value, 1) : MISSING;
}

/**
 * A composite index with one decimal, cut rather than rounded, so the figure never
 * crosses a band edge its band does not (89.96 shows `89.9`, banded 满意).
 */
export function formatIndex(value: number | null | undefined): string {
  return usable(value) ? fixed(Math.floor(value * 10 + 1e-9) / 10, 1) : MISSING;
}

/** A change in score points with its sign: `+2.5`, `-1.0`, `0.0`. */
export function formatScoreChange(value: number | null | undefined): string {
  if (!usable(value)) return MISSING;
  const rounded = Number(value.toFixed(1)) + 0;
  return rounded > 0 ? `+${fixed(rounded, 1)}` : fixed(rounded, 1);
}
