import type { JobDefinition } from '../src/lib/server/jobs/job';
import { demoTickJob } from './demo-tick';
import { sourceCheckJob } from './source-check';

/** Every job, by name. One file per job in this folder; when each runs is in schedule.ts. */
export const allJobs: readonly JobDefinition[] = [sourceCheckJob, demoTickJob];

export function findJob(name: string): JobDefinition | undefined {
  return allJobs.find((job) => job.name === name);
}
