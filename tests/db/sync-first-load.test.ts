import { sql, type Kysely } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recomputeAllCaseClocks } from '../../src/lib/server/case-clock/refresh.service';
import type { Database } from '../../src/lib/server/db/database';
import type { SourceDatabase } from '../../src/lib/server/source/source-tables';
import { insertCase, insertEvents, insertReferenceWorld, syncOnce } from '../helpers/sync-fixtures';
import { createTestDatabases, type TestDatabases } from '../helpers/test-databases';

// The first load of the product takes its own paths (docs/rules/sync.md, "First load"):
// the clocks are computed from the source snapshot while the indexes are rebuilt, and
// ratings and complaints get their region on the source. Both must give exactly what the
// other paths give: the clocks of the recomputation from the product, the regions and
// quarantine of the staging path.

let a: TestDatabases;
let b: TestDatabases;
beforeEach(async () => {
  [a, b] = await Promise.all([createTestDatabases(), createTestDatabases()]);
});
afterEach(async () => Promise.all([a.destroy(), b.destroy()]));

const at = (day: number, hour = 10) => `2025-03-${String(day).padStart(2, '0')}T${hour}:00:00+08:00`;

/** Cases of every status and both matters, events of every clock kind, and faults. */
async function insertVariedCases(w: Kysely<SourceDatabase>): Promise<void> {
  const statuses = ['accepted', 'suspended', 'concluded', 'rejected', 'withdrawn', 'received'] as const;
  for (let id = 1; id <= 24; id++) {
    const status = statuses[id % statuses.length];
    await insertCase(w, {
      id,
      matterId: id % 5 === 0 ? 2 : 1,
      status,
      receivedAt: at(3 + (id % 9)),
      acceptedAt: status === 'received' || status === 'rejected' ? null : at(3 + (id % 9), 15),
      concludedAt: status === 'concluded' ? at(18) : null
    });
    const day = 4 + (id % 9);
    await insertEvents(w, [
      { id: id * 100, caseId: id, kind: 'received', at: at(3 + (id % 9)) },
      { id: id * 100 + 1, caseId: id, kind: 'accepted', at: at(3 + (id % 9), 15) },
      ...(id % 2 === 0
        ? [
            { id: id * 100 + 2, caseId: id, kind: 'correction_requested', at: at(day, 11) },
            { id: id * 100 + 3, caseId: id, kind: 'correction_received', at: at(day + 2, 9) }
          ]
        : [
            { id: id * 100 + 2, caseId: id, kind: 'suspended', procedure: 'expert_review', at: at(day, 11) },
            ...(id % 3 === 0 ? [{ id: id * 100 + 3, caseId: id, kind: 'resumed', at: at(day + 3, 9) }] : [])
          ]),
      { id: id * 100 + 4, caseId: id, kind: 'extended', days: 1 + (id % 4), at: at(day + 4) },
      ...(status === 'concluded' ? [{ id: id * 100 + 5, caseId: id, kind: 'concluded', at: at(18) }] : [])
    ]);
  }
  // Faults: a case with a bad region (its events go with it), a case reusing a number,
  // an extension by an unknown staff member (quarantined: the clock must not count it),
  // an event of a case the source does not have.
  await w.updateTable('cases').set({ region_code: '51O107' }).where('id', '=', '7').execute();
  await w.schema.withSchema('approval').alterTable('cases').dropConstraint('cases_case_no_key').execute();
  await w.updateTable('cases').set({ case_no: '510107-TEST-000008' }).where('id', '=', '9').execute();
  await w.updateTable('case_events').set({ staff_id: 99 }).where('id', '=', '1304').execute();
  await insertEvents(w, [{ id: 99_001, caseId: 999, kind: 'accepted', at: at(5) }]);
}

async function insertFeedback(w: Kysely<SourceDatabase>): Promise<void> {
  const rating = (id: number, caseId: number | null, staffId: number | null, windowId: number | null) => ({
    id,
    case_id: caseId,
    staff_id: staffId,
    window_id: windowId,
    level: 1 + (id % 5),
    channel: 'app' as const,
    rated_at: at(19),
    updated_at: at(19)
  });
  await w
    .insertInto('ratings')
    .values([
      rating(1, 1, 1, 1), // the case's region
      rating(2, null, null, 2), // the window's service point (510108)
      rating(3, null, 1, null), // the staff member's window's service point
      rating(4, null, null, null), // the bureau's own
      rating(5, 7, null, 2), // a quarantined case
      rating(6, 998, null, null) // an unknown case
    ])
    .execute();
  await w
    .insertInto('complaints')
    .values([
      {
        id: 1,
        case_id: 2,
        staff_id: null,
        window_id: null,
        source: 'hotline',
        category: '态度',
        received_at: at(19),
        updated_at: at(19)
      },
      {
        id: 2,
        case_id: null,
        staff_id: null,
        window_id: 2,
        source: 'visit',
        category: '时限',
        received_at: at(19),
        updated_at: at(19)
      }
    ])
    .execute();
}

async function rows(db: Kysely<Database>, table: string, key: string): Promise<string[]> {
  const result = await sql<{ row: string }>`
    SELECT (to_jsonb(t) - 'synced_at' - 'computed_at')::text AS row FROM ${sql.table(table)} t
    ORDER BY t.${sql.ref(key)}`.execute(db);
  return result.rows.map((r) => r.row);
}

describe('the first load', () => {
  it('computes from the source snapshot the same case_clock rows as the recomputation from the product', async () => {
    await insertReferenceWorld(a.sourceWriter);
    // References first, so that the product can hold warning settings for matter 1.
    await syncOnce(a);
    await a.db
      .insertInto('matter_settings')
      .values({ matter_id: 1, yellow_ratio: 0.6, yellow_days: 2 })
      .execute();
    await insertVariedCases(a.sourceWriter);

    const messages: string[] = [];
    const first = await syncOnce(a, { bulkThreshold: 1, log: (m) => messages.push(m) });
    expect(messages.some((m) => m.includes('按源数据快照计算'))).toBe(true);
    // Straight into the tables, in the binary format, with no retry through staging.
    expect(messages.filter((m) => m.startsWith('首次加载改用暂存表'))).toEqual([]);
    expect(first.relations.find((r) => r.relation === 'cases')).toMatchObject({ read: 24, changed: 22 });
    expect(first.clocks).toMatchObject({ cases: 22, changed: 22 });
    const fromSnapshot = await rows(a.db, 'case_clock', 'case_id');
    // The extension by an unknown staff member was left out: case 13 has none, case 1 has its own.
    expect(fromSnapshot.find((r) => r.includes('"case_id": 13,'))).toContain('"extension_days": 0');
    expect(fromSnapshot.find((r) => r.includes('"case_id": 1,'))).toContain('"extension_days": 2');

    await a.db.deleteFrom('case_clock').execute();
    await recomputeAllCaseClocks({ databaseUrl: a.urls.product, evaluationDate: '2025-03-20', chunkSize: 7 });
    expect(await rows(a.db, 'case_clock', 'case_id')).toEqual(fromSnapshot);
  });

  it('gives ratings and complaints the same regions and faults as the staging path', async () => {
    for (const t of [a, b]) {
      await insertReferenceWorld(t.sourceWriter);
      await insertVariedCases(t.sourceWriter);
      await insertFeedback(t.sourceWriter);
    }
    await syncOnce(a);
    // b: ratings and complaints hidden from the first pass, so that they come through
    // staging in the second (not a first load any more).
    for (const table of ['ratings', 'complaints'] as const) {
      await b.sourceWriter.schema.withSchema('approval').alterTable(table).renameTo(`${table}_all`).execute();
      await sql`CREATE VIEW ${sql.raw(`approval.${table}`)} AS SELECT * FROM ${sql.raw(`approval.${table}_all`)} WHERE now() > '2100-01-01'`.execute(
        b.sourceWriter
      );
      await sql`GRANT SELECT ON ${sql.raw(`approval.${table}`)} TO approval_reader`.execute(b.sourceWriter);
    }
    await syncOnce(b);
    for (const table of ['ratings', 'complaints'] as const) {
      await sql`CREATE OR REPLACE VIEW ${sql.raw(`approval.${table}`)} AS SELECT * FROM ${sql.raw(`approval.${table}_all`)}`.execute(
        b.sourceWriter
      );
    }
    await syncOnce(b);

    for (const table of ['ratings', 'complaints']) {
      expect(await rows(a.db, table, 'id')).toEqual(await rows(b.db, table, 'id'));
    }
    const regions = await a.db.selectFrom('ratings').select(['id', 'region_code']).orderBy('id').execute();
    expect(regions).toEqual([
      { id: '1', region_code: '510107' },
      { id: '2', region_code: '510108' },
      { id: '3', region_code: '510107' },
      { id: '4', region_code: '510107' }
    ]);
    const faults = (t: TestDatabases) =>
      t.db
        .selectFrom('sync_quarantine')
        .select(['relation', 'source_id', 'reason', 'message'])
        .orderBy('relation')
        .orderBy('source_id')
        .orderBy('reason')
        .execute();
    expect(await faults(a)).toEqual(await faults(b));
    expect((await faults(a)).filter((f) => f.relation === 'ratings').map((f) => f.reason)).toEqual([
      'unknown_case',
      'unknown_case'
    ]);
  });
});
