import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ABANDONED_RUN_ERROR } from '../../src/lib/server/jobs/run-job';
import { addCases, copiesPerId, jobRuns, restoreEvents, slowDownEvents, waitFor } from '../helpers/faults';
import { runScript } from '../helpers/run-command';
import { insertReferenceWorld } from '../helpers/sync-fixtures';
import { adminQuery, createTestDatabases, type TestDatabases } from '../helpers/test-databases';

// Issue #9: `npm run job -- sync` killed with SIGKILL while it holds the job's advisory
// lock. PostgreSQL ends its sessions, so the lock goes with them; the run's row, left
// 'running' by a process that could not write again, is marked failed by the next run.

const TSX = path.resolve('node_modules/tsx/dist/cli.mjs');
const T0 = '2025-03-03T09:00:00+08:00';
const ids = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => `${from + i}×1`);

let t: TestDatabases;
let env: Record<string, string>;

beforeAll(async () => {
  t = await createTestDatabases();
  env = { DATABASE_URL: t.urls.product, SOURCE_DATABASE_URL: t.urls.sourceReader, SOURCE_SCHEMA: 'approval' };
  await insertReferenceWorld(t.sourceWriter, T0);
  await addCases(t.sourceWriter, 1, 8, T0);
});
afterAll(async () => t?.destroy());

/** Sessions of the product database holding an advisory lock (the job runner's). */
async function advisoryLockHolders(): Promise<number[]> {
  const result = await adminQuery(
    `SELECT l.pid FROM pg_locks l JOIN pg_database d ON d.oid = l.database
      WHERE l.locktype = 'advisory' AND l.granted AND d.datname = $1`,
    [t.names.product]
  );
  return result.rows.map((r: { pid: number }) => r.pid);
}

describe('the scheduler killed with -9 mid-job', () => {
  it('releases the advisory lock, and the next run marks the abandoned row failed and completes', async () => {
    await slowDownEvents(t.urls.sourceWriter, 0.5);
    const child = spawn(process.execPath, [TSX, 'scripts/job.ts', 'sync'], {
      env: { ...process.env, DEBUG: '', ...env },
      stdio: 'ignore'
    });
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    try {
      await waitFor('the run to start and hold the lock', async () => {
        const running = (await jobRuns(t.db, 'sync')).some((r) => r.status === 'running');
        return running && (await advisoryLockHolders()).length > 0;
      });
      // The job's own node process (tsx runs the script in a child of the one spawned here).
      const [run] = await jobRuns(t.db, 'sync');
      expect(run.status).toBe('running');
      process.kill(run.pid, 'SIGKILL');
      await exited; // tsx exits once its child is gone
    } finally {
      child.kill('SIGKILL');
    }

    // The server notices the closed socket and ends the session: no lock is left.
    await waitFor('the lock to be released', async () => (await advisoryLockHolders()).length === 0);
    expect((await jobRuns(t.db, 'sync')).map((r) => r.status)).toEqual(['running']);
    expect(await copiesPerId(t.db, 'cases')).toEqual([]); // the killed pass committed nothing

    await restoreEvents(t.urls.sourceWriter);
    const next = await runScript('scripts/job.ts', ['sync'], env, 120_000);
    expect(next.code, next.stdout + next.stderr).toBe(0);
    const runs = await jobRuns(t.db, 'sync');
    expect(runs.map((r) => [r.status, r.error])).toEqual([
      ['failed', ABANDONED_RUN_ERROR],
      ['succeeded', null]
    ]);
    expect(await copiesPerId(t.db, 'cases')).toEqual(ids(1, 8));
    expect(await copiesPerId(t.db, 'case_events')).toEqual(ids(1, 8));
  });
});
