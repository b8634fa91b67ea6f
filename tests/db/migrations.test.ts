import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateProduct, migrateProductTo, rollbackProductOnce } from '../../src/lib/server/db/migrate';
import { appMigrations } from '../../migrations/app/index';
import { createTestDatabases, type TestDatabases } from '../helpers/test-databases';

describe('product migrations', () => {
  let t: TestDatabases;
  beforeAll(async () => (t = await createTestDatabases()));
  afterAll(() => t.destroy());

  it('are all applied in the template and re-running applies nothing', async () => {
    expect(await migrateProduct(t.db)).toEqual([]);
  });

  it('roll back one by one to an empty schema and apply again', async () => {
    for (let i = 0; i < Object.keys(appMigrations).length; i++) await rollbackProductOnce(t.db);
    const tables = await sql<{ n: string }>`
      SELECT count(*) AS n FROM information_schema.tables
      WHERE table_schema = 'public' AND table_name NOT LIKE 'kysely_migration%'`.execute(t.db);
    expect(Number(tables.rows[0].n)).toBe(0);
    expect(await migrateProduct(t.db)).toEqual(Object.keys(appMigrations).sort());
  });
});

describe('the unique names of the accountability levels (20261128010000)', () => {
  let t: TestDatabases;
  beforeAll(async () => (t = await createTestDatabases()));
  afterAll(() => t.destroy());

  it('are made unique first where SQL had given two levels one name: the higher level gets its number', async () => {
    await migrateProductTo(t.db, '20261127010000_kpi_case_moved_by_hash');
    await sql`UPDATE accountability_levels SET label = '警告提醒' WHERE level = 3`.execute(t.db);
    expect(await migrateProduct(t.db)).toContain('20261128010000_accountability_level_names_unique');
    const levels = await t.db
      .selectFrom('accountability_levels')
      .select(['level', 'label'])
      .orderBy('level')
      .execute();
    expect(levels.slice(0, 4)).toEqual([
      { level: 1, label: '警告提醒' },
      { level: 2, label: '警示谈话' },
      { level: 3, label: '警告提醒（第3级）' },
      { level: 4, label: '取消评先评优资格' }
    ]);
  });
});
