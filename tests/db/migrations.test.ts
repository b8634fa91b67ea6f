import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateProduct, rollbackProductOnce } from '../../src/lib/server/db/migrate';
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
