import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKysely } from '../../src/lib/server/db/connect';
import type { Database } from '../../src/lib/server/db/database';
import { findFreePort } from '../../src/lib/server/db/free-port';
import type { SourceDatabase } from '../../src/lib/server/source/source-tables';
import { checkHealth } from '../../src/lib/server/status/health.service';
import {
  countSourceRows,
  findNewestSourceChange,
  listLatestRunPerJob,
  listRecentJobRuns
} from '../../src/lib/server/status/status.repository';
import { loadSystemStatus } from '../../src/lib/server/status/status.service';
import { insertSampleSource, type SampleSource } from '../helpers/source-fixtures';
import { createTestDatabases, type TestDatabases } from '../helpers/test-databases';

const STACK_LINE = /\n\s+at /;

describe('status repository', () => {
  let t: TestDatabases;
  let sample: SampleSource;
  let newestWhileEmpty: Date | null;
  /** A source nobody listens on: connection refused at once. */
  let deadSource: ReturnType<typeof createKysely<SourceDatabase>>;

  beforeAll(async () => {
    t = await createTestDatabases();
    const deadPort = await findFreePort(48000 + Math.floor(Math.random() * 1000));
    deadSource = createKysely<SourceDatabase>(`postgres://nobody:x@127.0.0.1:${deadPort}/nothing`, {
      max: 1
    });
    const run = (
      job_name: string,
      status: 'succeeded' | 'failed' | 'running',
      started: string,
      error?: string
    ) => ({
      job_name,
      trigger: 'schedule' as const,
      status,
      started_at: new Date(started),
      finished_at: status === 'running' ? null : new Date(new Date(started).getTime() + 1500),
      rows_touched: status === 'succeeded' ? 42 : 0,
      error: error ?? null,
      host: 'test',
      pid: 1
    });
    await t.db
      .insertInto('job_runs')
      .values([
        run(
          'source-check',
          'failed',
          '2026-11-25T01:00:00Z',
          '缺少关系 / missing relation: approval.ratings'
        ),
        run('source-check', 'succeeded', '2026-11-25T01:05:00Z'),
        run('sync', 'succeeded', '2026-11-25T00:50:00Z'),
        run('sync', 'failed', '2026-11-25T01:02:00Z', 'connection terminated'),
        run('demo-tick', 'running', '2026-11-25T01:06:00Z')
      ])
      .execute();
    newestWhileEmpty = await findNewestSourceChange(t.source);
    sample = await insertSampleSource(t.sourceWriter, new Date('2026-11-25T02:00:00Z'));
  });
  afterAll(async () => {
    await deadSource.destroy();
    await t.destroy();
  });

  it('finds no newest change in an empty source', () => {
    expect(newestWhileEmpty).toBeNull();
  });

  it('lists the latest run of each job, by name', async () => {
    const latest = await listLatestRunPerJob(t.db);
    expect(latest.map((r) => [r.jobName, r.status, r.error])).toEqual([
      ['demo-tick', 'running', null],
      ['source-check', 'succeeded', null],
      ['sync', 'failed', 'connection terminated']
    ]);
    expect(latest[1].rowsTouched).toBe(42); // int8 arrives as a number, not a string
  });

  it('lists recent runs newest first, up to the limit', async () => {
    const recent = await listRecentJobRuns(t.db, 3);
    expect(recent.map((r) => [r.jobName, r.startedAt.toISOString()])).toEqual([
      ['demo-tick', '2026-11-25T01:06:00.000Z'],
      ['source-check', '2026-11-25T01:05:00.000Z'],
      ['sync', '2026-11-25T01:02:00.000Z']
    ]);
  });

  it('counts the rows of every relation exactly when they are small', async () => {
    const counts = await countSourceRows(t.source, 'approval');
    expect(Object.fromEntries(counts.map((c) => [c.relation, c.rows]))).toEqual(sample.rows);
    expect(counts.every((c) => c.method === 'exact')).toBe(true);
  });

  it("uses the planner's estimate for tables it knows to be large", async () => {
    await sql`ANALYZE approval.cases`.execute(t.sourceWriter);
    const counts = await countSourceRows(t.source, 'approval', { exactBelow: 5 });
    expect(counts.find((c) => c.relation === 'cases')).toEqual({
      relation: 'cases',
      rows: 5,
      method: 'estimate'
    });
    expect(counts.find((c) => c.relation === 'sections')?.method).toBe('exact');
  });

  it("finds the source's newest change", async () => {
    expect(await findNewestSourceChange(t.source)).toEqual(sample.newestCaseChange);
  });

  it('reports health: latest run per job and how far the synced copy lags the source', async () => {
    expect((await checkHealth(t.db, t.source)).source_lag_seconds).toBeNull(); // never synced
    await t.db
      .insertInto('sync_watermarks')
      .values({ relation: 'cases', watermark: new Date(sample.newestCaseChange.getTime() - 90_000) })
      .execute();
    const health = await checkHealth(t.db, t.source);
    expect(health.database).toBe('ok');
    expect(health.source_lag_seconds).toBe(90);
    expect(health.error).toBeUndefined();
    expect(health.jobs).toContainEqual({
      name: 'sync',
      last_started_at: '2026-11-25T01:02:00.000Z',
      last_status: 'failed',
      last_error: 'connection terminated'
    });
    expect(health.jobs).toHaveLength(3);
  });

  it('reports health with an unknown lag when the source is unreachable', async () => {
    const health = await checkHealth(t.db, deadSource);
    expect(health).toMatchObject({ database: 'ok', source_lag_seconds: null });
  });

  it('reports a product database it cannot reach as an error', async () => {
    const dead = createKysely<Database>('postgres://nobody:x@127.0.0.1:1/nothing', { max: 1 });
    try {
      const health = await checkHealth(dead, t.source);
      expect(health.database).toBe('error');
      expect(health.jobs).toEqual([]);
      expect(health.error?.code).toBe('database_unavailable');
      expect(health.error?.message).toMatch(/ECONNREFUSED/);
    } finally {
      await dead.destroy();
    }
  });

  it('renders a status whose source part says why the source is unreachable', async () => {
    const status = await loadSystemStatus(t.db, deadSource, 'approval');
    expect(status.product).toMatchObject({ ok: true, value: { database: t.names.product } });
    expect(status.jobRuns.ok).toBe(true);
    expect(status.source.ok).toBe(false);
    if (!status.source.ok) {
      expect(status.source.error).toMatch(/ECONNREFUSED/);
      expect(status.source.error).not.toMatch(STACK_LINE);
    }
  });

  it('detects a relation the source lacks', async () => {
    await t.sourceWriter.schema.withSchema('approval').dropTable('ratings').execute();
    const status = await loadSystemStatus(t.db, t.source, 'approval');
    if (!status.source.ok) throw new Error(status.source.error);
    const { problems, counts, schemaExists } = status.source.value;
    expect(schemaExists).toBe(true);
    expect(status.source.value.database).toBe(t.names.source);
    expect(problems).toEqual([{ relation: 'ratings', missingColumns: [] }]);
    expect(counts.find((c) => c.relation === 'ratings')).toEqual({
      relation: 'ratings',
      rows: null,
      method: 'missing'
    });
    expect(counts.find((c) => c.relation === 'cases')?.rows).toBe(5);
    expect(status.source.value.newestChange).toEqual(sample.newestCaseChange);
  });
});
