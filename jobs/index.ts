import type { JobDefinition } from '../src/lib/server/jobs/job';
import { appraisalCloseJob } from './appraisal-close';
import { appraisalDeriveJob } from './appraisal-derive';
import { bulletinDraftJob } from './bulletin-draft';
import { dailyRefreshJob } from './daily-refresh';
import { demoSeedJob } from './demo-seed';
import { demoTickJob } from './demo-tick';
import { kpiRollupJob } from './kpi-rollup';
import { rectificationRemindersJob } from './rectification-reminders';
import { sourceCheckJob } from './source-check';
import { syncJob } from './sync';

/** Every job, by name. One file per job in this folder; when each runs is in schedule.ts. */
export const allJobs: readonly JobDefinition[] = [
  sourceCheckJob,
  demoTickJob,
  syncJob,
  dailyRefreshJob,
  kpiRollupJob,
  appraisalDeriveJob,
  appraisalCloseJob,
  rectificationRemindersJob,
  bulletinDraftJob,
  demoSeedJob
];

export function findJob(name: string): JobDefinition | undefined {
  return allJobs.find((job) => job.name === name);
}
