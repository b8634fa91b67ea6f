// Labels of the trend buckets. A bucket is named by its first day (YYYY-MM-DD); weeks
// start on Monday (periods.ts). The axis gets the short form, the data table the long one.
import { addDays, type TrendGrain } from '$lib/kpis/periods';

/** Axis label: day `11-25`, week `11-23周` (the week starting Monday 11-23), month `2026-11`. */
export function bucketLabel(bucket: string, grain: TrendGrain): string {
  if (grain === 'month') return bucket.slice(0, 7);
  if (grain === 'week') return `${bucket.slice(5)}周`;
  return bucket.slice(5);
}

/** Table label: day `2026-11-25`, week `2026-11-23 至 11-29`, month `2026-11`. */
export function bucketTableLabel(bucket: string, grain: TrendGrain): string {
  if (grain === 'month') return bucket.slice(0, 7);
  if (grain === 'week') return `${bucket} 至 ${addDays(bucket, 6).slice(5)}`;
  return bucket;
}
