import { sql, type Kysely } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../src/lib/server/db/database';
import { insertCase, insertEvents, insertReferenceWorld, syncOnce } from '../helpers/sync-fixtures';
import { createTestDatabases, type TestDatabases } from '../helpers/test-databases';

// The first load takes other paths than the passes after it (COPY straight into the empty
// tables, indexes and foreign keys dropped and rebuilt, clocks in chunks): they must end
// in the same product as the row-by-row paths.

let a: TestDatabases;
let b: TestDatabases;
beforeEach(async () => {
  [a, b] = await Promise.all([createTestDatabases(), createTestDatabases()]);
  for (const t of [a, b]) {
    await insertReferenceWorld(t.sourceWriter);
    for (let id = 1; id <= 12; id++) {
      const day = String(3 + (id % 8)).padStart(2, '0');
      await insertCase(t.sourceWriter, {
        id,
        receivedAt: `2025-03-${day}T10:00:00+08:00`,
        status: id % 4 === 0 ? 'concluded' : 'accepted',
        concludedAt: id % 4 === 0 ? '2025-03-14T10:00:00+08:00' : null
      });
      await insertEvents(t.sourceWriter, [
        { id: id * 10, caseId: id, kind: 'accepted', at: `2025-03-${day}T10:00:00+08:00` },
        ...(id % 3 === 0
          ? [
              {
                id: id * 10 + 1,
                caseId: id,
                kind: 'correction_requested',
                at: `2025-03-${day}T15:00:00+08:00`
              },
              { id: id * 10 + 2, caseId: id, kind: 'correction_received', at: '2025-03-17T09:00:00+08:00' }
            ]
          : [])
      ]);
    }
  }
});
afterEach(async () => Promise.all([a.destroy(), b.destroy()]));

/** Every synced table and case_clock, without the times of the pass. */
async function content(db: Kysely<Database>): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const [table, key] of [
    ['cases', 'id'],
    ['case_events', 'id'],
    ['ratings', 'id'],
    ['case_clock', 'case_id']
  ] as const) {
    const rows = await sql<{ row: string }>`
      SELECT (to_jsonb(t) - 'synced_at' - 'computed_at')::text AS row FROM ${sql.table(table)} t
      ORDER BY t.${sql.ref(key)}`.execute(db);
    out[table] = rows.rows.map((r) => r.row).join('\n');
  }
  return out;
}

async function schemaObjects(db: Kysely<Database>): Promise<string[]> {
  const rows = await sql<{ def: string }>`
    SELECT indexdef AS def FROM pg_indexes
    WHERE tablename IN ('cases', 'case_events', 'case_clock', 'ratings', 'complaints')
    UNION ALL
    SELECT conrelid::regclass || ' ' || pg_get_constraintdef(oid) FROM pg_constraint
    WHERE conrelid IN ('cases'::regclass, 'case_events'::regclass, 'case_clock'::regclass)
    ORDER BY 1`.execute(db);
  return rows.rows.map((r) => r.def);
}

describe('the first load', () => {
  it('with indexes and foreign keys rebuilt gives the same product as the row-by-row paths, and the same schema', async () => {
    const before = await schemaObjects(a.db);
    // a: the first load's fast paths; b: loaded in two passes, the second half of the
    // cases through the upsert paths (and their events through the quarantine retry).
    for (const t of [a, b]) {
      await t.sourceWriter
        .updateTable('cases')
        .set({ updated_at: '2025-03-30T10:00:00+08:00' })
        .where('id', '>', '6')
        .execute();
      await t.sourceWriter
        .updateTable('cases')
        .set({ updated_at: '2025-03-01T10:00:00+08:00' })
        .where('id', '<=', '6')
        .execute();
    }
    await syncOnce(a, { bulkThreshold: 1 });
    // Only the first six cases are visible to b's first pass.
    await b.sourceWriter.schema.withSchema('approval').alterTable('cases').renameTo('cases_all').execute();
    await sql`CREATE VIEW approval.cases AS SELECT * FROM approval.cases_all WHERE id <= 6 OR now() > '2100-01-01'`.execute(
      b.sourceWriter
    );
    await sql`GRANT SELECT ON approval.cases TO approval_reader`.execute(b.sourceWriter);
    await syncOnce(b);
    await sql`CREATE OR REPLACE VIEW approval.cases AS SELECT * FROM approval.cases_all`.execute(
      b.sourceWriter
    );
    const second = await syncOnce(b);
    expect(second.relations.find((r) => r.relation === 'cases')?.changed).toBe(6);

    expect(await content(a.db)).toEqual(await content(b.db));
    expect(await schemaObjects(a.db)).toEqual(before);
    expect((await a.db.selectFrom('case_clock').select('case_id').execute()).length).toBe(12);
  });

  it('computes every clock when the chunks are smaller than the cases', async () => {
    const { recomputeAllCaseClocks } = await import('../../src/lib/server/case-clock/refresh.service');
    await syncOnce(a);
    const first = await content(a.db);
    await a.db.deleteFrom('case_clock').execute();
    const result = await recomputeAllCaseClocks({
      databaseUrl: a.urls.product,
      evaluationDate: '2025-03-20',
      chunkSize: 5
    });
    expect(result).toMatchObject({ cases: 12, changed: 12 });
    expect(await content(a.db)).toEqual(first);
  });
});
