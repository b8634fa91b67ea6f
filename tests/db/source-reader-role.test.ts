import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabases, type TestDatabases } from '../helpers/test-databases';

describe('the source reader role', () => {
  let t: TestDatabases;
  beforeAll(async () => {
    t = await createTestDatabases();
    await t.sourceWriter
      .insertInto('departments')
      .values({ id: 1, code: 'D01', name: '市场监督管理局' })
      .execute();
  });
  afterAll(() => t.destroy());

  it('can read every relation of the contract', async () => {
    const rows = await t.source.selectFrom('departments').selectAll().execute();
    expect(rows.map((r) => r.name)).toEqual(['市场监督管理局']);
  });

  it('is refused INSERT', async () => {
    await expect(
      t.source.insertInto('departments').values({ id: 2, code: 'D02', name: '住房和城乡建设局' }).execute()
    ).rejects.toThrow(/permission denied/);
  });

  it('is refused UPDATE', async () => {
    await expect(t.source.updateTable('departments').set({ name: 'x' }).execute()).rejects.toThrow(
      /permission denied/
    );
  });

  it('is refused DELETE', async () => {
    await expect(t.source.deleteFrom('departments').execute()).rejects.toThrow(/permission denied/);
  });

  it('cannot create objects of its own', async () => {
    await expect(sql`CREATE TABLE approval.sneaky (id int)`.execute(t.source)).rejects.toThrow(
      /permission denied/
    );
    await expect(sql`CREATE TABLE public.sneaky (id int)`.execute(t.source)).rejects.toThrow(
      /permission denied/
    );
  });
});
