import cron, { type ScheduledTask } from 'node-cron';
import type { JobDefinition } from './job';
import { createJobContext } from './job-context';
import { runJob } from './run-job';

// Runs the schedule inside `npm start` (or alone with `npm run scheduler`). Each tick
// goes through runJob, so a second instance of the product skips instead of running twice.

export interface ScheduledJob {
  job: JobDefinition;
  /** None: the job runs only at start (`runAtStart`). */
  cron?: string;
  runAtStart?: boolean;
  /**
   * With `runAtStart`: wait until the start run of this job (listed before) has ended,
   * whatever its outcome. The start sync is the first load of a fresh product: what reads
   * the synced data waits for it rather than working on an empty copy.
   */
  startAfter?: string;
}

export interface Scheduler {
  /** Stops the timers and waits for the runs in progress. */
  stop(): Promise<void>;
}

export function startScheduler(
  entries: readonly ScheduledJob[],
  timezone: string,
  log: (message: string) => void
): Scheduler {
  const running = new Set<Promise<unknown>>();
  let stopped = false;
  const launch = (job: JobDefinition, trigger: 'schedule' | 'startup') => {
    if (stopped) return Promise.resolve();
    const run = runJob(job, createJobContext(trigger, log))
      .then((outcome) => {
        if (outcome.status === 'failed') log(`任务 ${job.name} 失败：${outcome.error}`);
      })
      .catch((error: unknown) => log(`任务 ${job.name} 无法记录：${String(error)}`))
      .finally(() => running.delete(run));
    running.add(run);
    return run;
  };
  const tasks: ScheduledTask[] = entries.flatMap((entry) =>
    entry.cron === undefined
      ? []
      : [
          cron.schedule(entry.cron, () => launch(entry.job, 'schedule'), {
            timezone,
            name: entry.job.name,
            noOverlap: true
          })
        ]
  );
  const startRuns = new Map<string, Promise<unknown>>();
  for (const entry of entries) {
    if (!entry.runAtStart) continue;
    const after = entry.startAfter === undefined ? undefined : startRuns.get(entry.startAfter);
    if (entry.startAfter !== undefined && !after)
      throw new Error(`${entry.job.name} starts after ${entry.startAfter}, which has no start run before it`);
    // `launch` never rejects: a failed predecessor is logged and the next one runs anyway.
    startRuns.set(
      entry.job.name,
      after ? after.then(() => launch(entry.job, 'startup')) : launch(entry.job, 'startup')
    );
  }
  return {
    async stop() {
      stopped = true;
      await Promise.all(tasks.map((task) => task.stop()));
      await Promise.allSettled([...running]);
    }
  };
}
