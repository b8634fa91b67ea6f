// All schedules in one place (node-cron syntax, bureau time Asia/Shanghai).

export interface ScheduleEntry {
  job: string;
  /** None: only at start (with `runAtStart`). */
  cron?: string;
  /** Runs only when the source is the embedded demo. */
  demoOnly?: boolean;
  /** Also run once right after start. */
  runAtStart?: boolean;
  /** With `runAtStart`: only once the start run of this job, listed before, has ended. */
  startAfter?: string;
}

export const SCHEDULE: readonly ScheduleEntry[] = [
  { job: 'source-check', cron: '*/5 * * * *', runAtStart: true },
  { job: 'demo-tick', cron: '* * * * *', demoOnly: true },
  { job: 'sync', cron: '* * * * *', runAtStart: true },
  { job: 'daily-refresh', cron: '5 0 * * *' },
  // Every half hour (:10 and :40, clear of the daily refresh at 00:05): scores need not be
  // minute-fresh, and running after every sync would cost the sync its minute. Also once
  // at start, after the start sync: a fresh product (or one that was down) has its scores
  // at once instead of up to half an hour later, derived from the data just synced.
  { job: 'appraisal-derive', cron: '10,40 * * * *', runAtStart: true, startAfter: 'sync' },
  // Just after midnight: closes the appraisal months whose closing day (the 5th working day
  // of the next month) ended without a leader closing them.
  { job: 'appraisal-close', cron: '15 0 * * *' },
  // Before the working day starts, so the reminders are there at 8:30.
  { job: 'rectification-reminders', cron: '30 6 * * *', runAtStart: true },
  // Daily at 06:30, after the night's refresh and before office hours: it drafts only on
  // the first working day of the month (the bureau calendar decides, not cron).
  { job: 'bulletin-draft', cron: '30 6 * * *' },
  // The demo's appraisal, evaluation and bulletins, once, on the first start: it reads the
  // synced cases and scores, so it waits for the start sync and derivation. Every later
  // start finds them filled and changes nothing.
  { job: 'demo-seed', demoOnly: true, runAtStart: true, startAfter: 'appraisal-derive' }
];

export const SCHEDULE_TIMEZONE = 'Asia/Shanghai';
