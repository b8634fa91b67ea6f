import { dateOfDay, dayOfInstant } from '../clock/day-index';

/** The bureau's local date (Asia/Shanghai) of an instant, 'YYYY-MM-DD': the evaluation date T. */
export function bureauToday(now: Date = new Date()): string {
  return dateOfDay(dayOfInstant(now));
}
