import type { Kysely } from 'kysely';
import os from 'node:os';
import type { Database } from '../db/database';

/** The id of this process's running job_runs row of a job (runJob does not hand it to the job). */
export async function findCurrentRunId(db: Kysely<Database>, jobName: string): Promise<string | null> {
  const row = await db
    .selectFrom('job_runs')
    .select('id')
    .where('job_name', '=', jobName)
    .where('status', '=', 'running')
    .where('host', '=', os.hostname())
    .where('pid', '=', process.pid)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.id ?? null;
}
