// The wall clock's text, always in bureau time (Asia/Shanghai) whatever the zone of the
// browser driving the screen. Browser-safe and pure.
import { BUREAU_TIME_ZONE, formatDateTime, MISSING } from '$lib/format';

const weekday = new Intl.DateTimeFormat('zh-CN', { timeZone: BUREAU_TIME_ZONE, weekday: 'long' });

/** `2026年11月25日 星期三` */
export function wallDate(now: Date): string {
  const text = formatDateTime(now);
  if (text === MISSING) return MISSING;
  const [y, m, d] = text.slice(0, 10).split('-');
  return `${y}年${m}月${d}日 ${weekday.format(now)}`;
}

/** `14:05:09` in bureau time; — for a missing or unreadable instant. */
export function wallTime(value: Date | string | null | undefined): string {
  const text = formatDateTime(value);
  return text === MISSING ? MISSING : text.slice(11);
}

/** `14:05:09` today, `11-24 14:05:09` on another bureau day (a sync stuck since yesterday). */
export function freshnessText(value: string | null, now: Date): string {
  const text = formatDateTime(value);
  if (text === MISSING) return MISSING;
  return text.slice(0, 10) === formatDateTime(now).slice(0, 10) ? text.slice(11) : text.slice(5);
}
