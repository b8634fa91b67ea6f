import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendAudit, SYSTEM_ACTOR, verifyAuditChain } from '../../src/lib/server/audit/audit.repository';
import { createKysely } from '../../src/lib/server/db/connect';
import type { Database } from '../../src/lib/server/db/database';
import { APP_ROLE } from '../../src/lib/server/db/embedded';
import { assembleKpis } from '../../src/lib/server/kpis/kpi-definitions';
import { resolveKpiFilter } from '../../src/lib/server/kpis/kpi-filter';
import { loadCounts } from '../../src/lib/server/kpis/kpi.service';
import { loadKpiWorld, P1 } from '../helpers/kpi-world';
import { runScript } from '../helpers/run-command';
import { productFingerprint } from '../helpers/sync-fixtures';
import { adminQuery, createTestDatabases, type TestDatabases } from '../helpers/test-databases';
import { addRoleUsers, addUser } from '../helpers/users';

// Issue #9 / docs/operations.md: `npm run backup` of a database with data (the KPI world
// of kpi-world.ts and audited writes), `npm run restore` into a fresh database, and the
// restored copy has the same rows, an intact audit chain and the same KPI figures.

let t: TestDatabases;
let dir: string;
let restored: Kysely<Database>;
const fresh = `t_restored_${Date.now()}`;

beforeAll(async () => {
  t = await createTestDatabases();
  await loadKpiWorld(t);
  await addRoleUsers(t.db); // audited: one entry per user created
  dir = mkdtempSync(path.join(os.tmpdir(), 'oversight-backup-'));
});
afterAll(async () => {
  await restored?.destroy();
  await adminQuery(`DROP DATABASE IF EXISTS "${fresh}" WITH (FORCE)`);
  await t?.destroy();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function tableCounts(db: Kysely<Database>): Promise<Record<string, number>> {
  const tables = await sql<{ name: string }>`
    SELECT relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'public' AND c.relkind = 'r' AND relname NOT LIKE 'kysely_%' ORDER BY relname`.execute(
    db
  );
  const out: Record<string, number> = {};
  for (const { name } of tables.rows) {
    const r = await sql<{ n: string }>`SELECT count(*) AS n FROM ${sql.table(name)}`.execute(db);
    out[name] = Number(r.rows[0].n);
  }
  return out;
}

/** What the owner may do to each table beyond reading and inserting (insert-only tables may not). */
async function guardedPrivileges(db: Kysely<Database>) {
  const result = await sql<{ name: string; update: boolean; delete: boolean; truncate: boolean }>`
    SELECT relname AS name, has_table_privilege(c.oid, 'UPDATE') AS update,
           has_table_privilege(c.oid, 'DELETE') AS delete, has_table_privilege(c.oid, 'TRUNCATE') AS truncate
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'public' AND c.relkind = 'r' ORDER BY relname`.execute(db);
  return result.rows;
}

const figures = async (db: Kysely<Database>) =>
  assembleKpis(await loadCounts(db, P1, await resolveKpiFilter(db, {}, 'all')));

describe('backup and restore', () => {
  it('restores into a fresh database with the same rows, an intact audit chain and the same KPI figures', async () => {
    const file = path.join(dir, 'oversight.backup.gz');
    const backup = await runScript('scripts/backup.ts', [file], { DATABASE_URL: t.urls.product });
    expect(backup.code, backup.stdout + backup.stderr).toBe(0);

    await adminQuery(`CREATE DATABASE "${fresh}" OWNER ${APP_ROLE}`);
    const freshUrl = t.urls.product.replace(/\/[^/]+$/, `/${fresh}`);
    const restore = await runScript('scripts/restore.ts', [file, '--url', freshUrl], {});
    expect(restore.code, restore.stdout + restore.stderr).toBe(0);
    expect(restore.stdout).toMatch(/审计日志链完整：\d+ 条/);
    restored = createKysely<Database>(freshUrl, { max: 2 });

    expect(await tableCounts(restored)).toEqual(await tableCounts(t.db));
    expect(await productFingerprint(restored)).toEqual(await productFingerprint(t.db));
    // The privileges lent for the load are taken back: the audit trail is append-only again.
    expect(await guardedPrivileges(restored)).toEqual(await guardedPrivileges(t.db));
    expect((await guardedPrivileges(restored)).find((p) => p.name === 'audit_log')).toMatchObject({
      update: false,
      delete: false,
      truncate: false
    });
    const [chainBefore, chainAfter] = [await verifyAuditChain(t.db), await verifyAuditChain(restored)];
    expect(chainAfter).toEqual({ checked: chainBefore.checked, firstBroken: null });
    expect(chainAfter.checked).toBeGreaterThanOrEqual(7);
    expect(await figures(restored)).toEqual(await figures(t.db));
    expect((await figures(restored)).received.value).toBeGreaterThan(0);
  });

  it('keeps writing on the restored copy: the chain goes on, the identity sequences continue', async () => {
    const before = await verifyAuditChain(restored);
    await appendAudit(restored, SYSTEM_ACTOR, { action: 'test.after_restore', entity: 'test' });
    expect(await verifyAuditChain(restored)).toEqual({ checked: before.checked + 1, firstBroken: null });
    const newest = await restored
      .selectFrom('users')
      .select(({ fn }) => fn.max('id').as('id'))
      .executeTakeFirstOrThrow();
    const id = await addUser(restored, { login: 'after-restore', roles: ['leader'] });
    expect(id).toBeGreaterThan(Number(newest.id));
  });

  it('refuses a database that is not empty, and changes nothing there', async () => {
    const file = path.join(dir, 'oversight.backup.gz');
    const counts = await tableCounts(t.db);
    const again = await runScript('scripts/restore.ts', [file, '--url', t.urls.product], {});
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('目标数据库不是空库');
    expect(await tableCounts(t.db)).toEqual(counts);
  });
});
