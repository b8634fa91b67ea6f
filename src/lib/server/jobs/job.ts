import type { Kysely } from 'kysely';
import type { Database, JobTrigger } from '../db/database';
import type { SourceDatabase } from '../source/source-tables';

// What a job is. One file per job lives in jobs/; jobs/schedule.ts says when each runs.

export interface JobContext {
  /** The product's database. */
  db: Kysely<Database>;
  /** The approval database through the SELECT-only role, scoped to SOURCE_SCHEMA. */
  source: Kysely<SourceDatabase>;
  /** Write access to the source: only present when the source is the embedded demo. */
  demoSourceWriter?: Kysely<SourceDatabase>;
  trigger: JobTrigger;
  /** This run's job_runs row, set by runJob (a job may record it with what it writes). */
  runId?: string;
  /** Arguments after the job's name on `npm run job -- <name> …` (manual runs only). */
  args?: readonly string[];
  log(message: string): void;
}

export interface JobResult {
  rowsTouched: number;
  message?: string;
}

export interface JobDefinition {
  name: string;
  /** Chinese description shown on the status page and by `npm run job -- --list`. */
  title: string;
  run(context: JobContext): Promise<JobResult>;
}
