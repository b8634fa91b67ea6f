import cron, { type ScheduledTask } from 'node-cron';
import type { JobDefinition } from './job';
import { createJobContext } from './job-context';
import { runJob } from './run-job';

// Runs the schedule inside `npm start` (or alone with `npm run scheduler`). Each tick
// goes through runJob, so a second instance of the product skips instead of running twice.

export interface ScheduledJob {
  job: JobDefinition;
  cron: string;
  runAtStart?: boolean;
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
  const launch = (job: JobDefinition, trigger: 'schedule' | 'startup') => {
    const run = runJob(job, createJobContext(trigger, log))
      .then((outcome) => {
        if (outcome.status === 'failed') log(`任务 ${job.name} 失败：${outcome.error}`);
      })
      .catch((error: unknown) => log(`任务 ${job.name} 无法记录：${String(error)}`))
      .finally(() => running.delete(run));
    running.add(run);
    return run;
  };
  const tasks: ScheduledTask[] = entries.map((entry) =>
    cron.schedule(entry.cron, () => launch(entry.job, 'schedule'), {
      timezone,
      name: entry.job.name,
      noOverlap: true
    })
  );
  for (const entry of entries) if (entry.runAtStart) void launch(entry.job, 'startup');
  return {
    async stop() {
      await Promise.all(tasks.map((task) => task.stop()));
      await Promise.allSettled([...running]);
    }
  };
}
