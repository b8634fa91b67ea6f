import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendAudit, verifyAuditChain, type Actor } from '../../src/lib/server/audit/audit.repository';
import { createTestDatabases, type TestDatabases } from '../helpers/test-databases';
import pg from 'pg';

const inspector: Actor = { userId: 7, login: 'wang.jian', roles: ['inspector'], ip: '10.0.0.8' };

describe('the audit trail', () => {
  let t: TestDatabases;
  beforeAll(async () => {
    t = await createTestDatabases();
    for (let i = 1; i <= 20; i++) {
      await appendAudit(t.db, inspector, {
        action: 'notice.issue',
        entity: 'notice',
        entityId: i,
        before: null,
        after: { deadline: '2026-12-10', 缺陷: ['未一次性告知'], n: i }
      });
    }
  });
  afterAll(() => t.destroy());

  it('chains every row to the one before and verifies clean', async () => {
    expect(await verifyAuditChain(t.db)).toEqual({ checked: 20, firstBroken: null });
  });

  it('keeps one chain when many transactions append at once', async () => {
    await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        t.db
          .transaction()
          .execute((trx) => appendAudit(trx, inspector, { action: 'x.parallel', entity: 'x', entityId: i }))
      )
    );
    expect(await verifyAuditChain(t.db)).toEqual({ checked: 32, firstBroken: null });
  });

  it("refuses the application's role UPDATE, DELETE and TRUNCATE", async () => {
    await expect(sql`UPDATE audit_log SET action = 'forged' WHERE seq = 3`.execute(t.db)).rejects.toThrow();
    await expect(sql`DELETE FROM audit_log WHERE seq = 3`.execute(t.db)).rejects.toThrow();
    await expect(sql`TRUNCATE audit_log`.execute(t.db)).rejects.toThrow();
    expect((await verifyAuditChain(t.db)).firstBroken).toBeNull();
  });

  it('reports exactly the row whose content was changed behind the application’s back', async () => {
    const client = new pg.Client({ connectionString: t.urls.superuser(t.names.product) });
    await client.connect();
    try {
      // A superuser can switch triggers off; the chain still gives the change away.
      await client.query(`SET session_replication_role = replica`);
      await client.query(
        `UPDATE audit_log SET after = jsonb_set(after, '{deadline}', '"2027-01-31"') WHERE seq = 9`
      );
    } finally {
      await client.end();
    }
    expect(await verifyAuditChain(t.db)).toEqual({
      checked: 32,
      firstBroken: { seq: '9', reason: 'content_changed' }
    });
  });

  it('reports the row after a deleted one as a broken link', async () => {
    const fresh = await createTestDatabases();
    try {
      for (let i = 0; i < 5; i++)
        await appendAudit(fresh.db, inspector, { action: 'a', entity: 'e', entityId: i });
      const client = new pg.Client({ connectionString: fresh.urls.superuser(fresh.names.product) });
      await client.connect();
      await client.query(`SET session_replication_role = replica`);
      await client.query(`DELETE FROM audit_log WHERE seq = 3`);
      await client.end();
      expect(await verifyAuditChain(fresh.db)).toEqual({
        checked: 4,
        firstBroken: { seq: '4', reason: 'link_broken' }
      });
    } finally {
      await fresh.destroy();
    }
  });
});
