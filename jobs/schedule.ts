// All schedules in one place (node-cron syntax, bureau time Asia/Shanghai).

export interface ScheduleEntry {
  job: string;
  cron: string;
  /** Runs only when the source is the embedded demo. */
  demoOnly?: boolean;
  /** Also run once right after start. */
  runAtStart?: boolean;
}

export const SCHEDULE: readonly ScheduleEntry[] = [
  { job: 'source-check', cron: '*/5 * * * *', runAtStart: true },
  { job: 'demo-tick', cron: '* * * * *', demoOnly: true }
];

export const SCHEDULE_TIMEZONE = 'Asia/Shanghai';
