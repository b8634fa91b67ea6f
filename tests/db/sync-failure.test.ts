import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  insertCase,
  insertEvents,
  insertReferenceWorld,
  productFingerprint,
  syncOnce,
  watermarks
} from '../helpers/sync-fixtures';
import { adminQuery, createTestDatabases, type TestDatabases } from '../helpers/test-databases';

let t: TestDatabases;
beforeEach(async () => {
  t = await createTestDatabases();
  await insertReferenceWorld(t.sourceWriter);
  for (let id = 1; id <= 5; id++) {
    await insertCase(t.sourceWriter, { id, updatedAt: '2025-03-01T10:00:00+08:00' });
    await insertEvents(t.sourceWriter, [
      { id, caseId: id, kind: 'accepted', at: '2025-03-01T10:00:00+08:00' }
    ]);
  }
  await syncOnce(t);
  // Changes the next pass will have to bring over.
  await t.sourceWriter
    .updateTable('cases')
    .set({
      status: 'concluded',
      decision: 'approved',
      concluded_at: '2025-03-05T10:00:00+08:00',
      updated_at: '2025-03-05T10:00:00+08:00'
    })
    .where('id', '<=', '3')
    .execute();
  await insertCase(t.sourceWriter, { id: 6, updatedAt: '2025-03-05T10:00:00+08:00' });
  await insertEvents(t.sourceWriter, [
    { id: 6, caseId: 6, kind: 'accepted', at: '2025-03-05T10:00:00+08:00' },
    { id: 7, caseId: 1, kind: 'concluded', at: '2025-03-05T10:00:00+08:00' }
  ]);
});
afterEach(async () => t.destroy());

/** Terminates the sync's connections of one application name in one database. */
async function terminate(database: string, applicationName: string): Promise<number> {
  const result = await adminQuery(
    `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND application_name = $2`,
    [database, applicationName]
  );
  return result.rowCount ?? 0;
}

describe('a pass that fails midway', () => {
  it('leaves the product exactly as it was when the source goes away mid-run, and the next pass catches up', async () => {
    const before = await productFingerprint(t.db);
    const marksBefore = await watermarks(t.db);
    let killed = 0;

    const failed = syncOnce(t, {
      onRelationDone: async ({ relation }) => {
        // The cases are already upserted in the product's transaction when the source dies.
        if (relation === 'cases') killed = await terminate(t.names.source, 'oversight-sync-source');
      }
    });

    await expect(failed).rejects.toThrow();
    expect(killed).toBe(1);
    expect(await productFingerprint(t.db)).toEqual(before);
    expect(await watermarks(t.db)).toEqual(marksBefore);

    const next = await syncOnce(t);
    expect(next.relations.find((r) => r.relation === 'cases')?.changed).toBe(4);
    expect(next.relations.find((r) => r.relation === 'case_events')?.changed).toBe(2);
    const statuses = await t.db.selectFrom('cases').select(['id', 'status']).orderBy('id').execute();
    expect(statuses.map((s) => s.status)).toEqual([
      'concluded',
      'concluded',
      'concluded',
      'accepted',
      'accepted',
      'accepted'
    ]);
  });

  it('leaves the product unchanged when the source connection is killed in the middle of a COPY', async () => {
    // A slow vendor view: half a second per event row.
    const source = t.urls.superuser(t.names.source);
    const pg = (await import('pg')).default;
    const client = new pg.Client({ connectionString: source });
    await client.connect();
    await client.query(`ALTER TABLE approval.case_events RENAME TO case_events_data`);
    await client.query(
      `CREATE VIEW approval.case_events AS SELECT e.* FROM approval.case_events_data e, LATERAL (SELECT pg_sleep(0.5)) s`
    );
    await client.query(`GRANT SELECT ON approval.case_events TO approval_reader`);
    await client.end();
    const before = await productFingerprint(t.db);

    const failed = syncOnce(t);
    let killed = 0;
    for (let i = 0; i < 100 && !killed; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      const active = await adminQuery(
        `SELECT pid FROM pg_stat_activity WHERE datname = $1 AND application_name = 'oversight-sync-source'
           AND state = 'active' AND query LIKE 'COPY%case_events%'`,
        [t.names.source]
      );
      if (active.rowCount) killed = await terminate(t.names.source, 'oversight-sync-source');
    }

    expect(killed).toBe(1);
    await expect(failed).rejects.toThrow();
    expect(await productFingerprint(t.db)).toEqual(before);
  });

  it('leaves the product unchanged when its own connection is killed after the upserts', async () => {
    const before = await productFingerprint(t.db);
    const failed = syncOnce(t, {
      onRelationDone: async ({ relation }) => {
        if (relation === 'complaints') await terminate(t.names.product, 'oversight-sync');
      }
    });
    await expect(failed).rejects.toThrow();
    expect(await productFingerprint(t.db)).toEqual(before);
    await syncOnce(t);
    expect((await t.db.selectFrom('cases').select('id').execute()).length).toBe(6);
  });

  it('changes nothing and says so when the source cannot be reached at all', async () => {
    const before = await productFingerprint(t.db);
    const unreachable = 'postgres://approval_reader:x@127.0.0.1:1/nowhere';
    await expect(syncOnce(t, { sourceUrl: unreachable })).rejects.toThrow(/ECONNREFUSED|connect/);
    expect(await productFingerprint(t.db)).toEqual(before);
  });

  it('two passes started together run one after the other, and both commit', async () => {
    const [a, b] = await Promise.all([syncOnce(t), syncOnce(t)]);
    expect(a.rowsChanged + b.rowsChanged).toBe(6); // 4 cases + 2 events, once
    expect(Math.min(a.rowsChanged, b.rowsChanged)).toBe(0);
  });
});
