import { once } from 'node:events';
import { createReadStream, existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { appMigrations } from '../../../../migrations/app/index';
import { createKysely } from '../db/connect';
import { migrateProductTo, migrateProduct } from '../db/migrate';
import { closeClient, connectClient } from '../sync/product-connection';
import { BACKUP_FORMAT, quoteIdent, type BackupHeader, type TableSpec } from './catalog';

// Restores a backup of backup.ts into a FRESH database (docs/operations.md), as the role
// that is to own the tables (the application's): the schema comes from the migrations —
// up to the backup's last one, then the rows, then any newer migrations — and the rows
// are loaded as they were, the audit chain's hashes included. In one transaction; user
// triggers (the audit chain, the insert-only guards, the KPI dirty marks) are disabled
// while loading, so nothing is recomputed or refused; foreign keys stay checked.

export class RestoreError extends Error {
  override name = 'RestoreError';
}

export interface RestoreResult {
  rows: Record<string, number>;
  migratedAfter: string[];
}

async function refuseUnlessFresh(client: pg.ClientBase): Promise<void> {
  const tables = await client.query<{ n: string }>(
    `SELECT count(*) AS n FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm')`
  );
  if (Number(tables.rows[0].n) > 0) {
    throw new RestoreError('目标数据库不是空库（public 模式中已有表）；请恢复到新建的空数据库。');
  }
}

const GUARDED = ['UPDATE', 'DELETE', 'TRUNCATE'] as const;

/**
 * Insert-only tables have UPDATE, DELETE or TRUNCATE revoked even from their owner, and a
 * foreign-key check needs one of them on the table it locks. Grants the owner what it lacks
 * for this transaction and returns the statements that take it back before the commit.
 */
async function lendPrivileges(client: pg.ClientBase, tables: readonly TableSpec[]): Promise<string[]> {
  const giveBack: string[] = [];
  for (const table of tables) {
    for (const privilege of GUARDED) {
      const held = await client.query<{ ok: boolean }>(`SELECT has_table_privilege($1, $2) AS ok`, [
        quoteIdent(table.name),
        privilege
      ]);
      if (held.rows[0].ok) continue;
      await client.query(`GRANT ${privilege} ON ${quoteIdent(table.name)} TO CURRENT_USER`);
      giveBack.push(`REVOKE ${privilege} ON ${quoteIdent(table.name)} FROM CURRENT_USER`);
    }
  }
  return giveBack;
}

async function resetSequences(client: pg.ClientBase, table: TableSpec): Promise<void> {
  for (const column of table.columns) {
    const seq = await client.query<{ seq: string | null }>(`SELECT pg_get_serial_sequence($1, $2) AS seq`, [
      quoteIdent(table.name),
      column
    ]);
    const sequence = seq.rows[0].seq;
    if (!sequence) continue;
    await client.query(
      `SELECT setval($1, coalesce((SELECT max(${quoteIdent(column)}) FROM ${quoteIdent(table.name)}), 1),
                     (SELECT count(*) > 0 FROM ${quoteIdent(table.name)}))`,
      [sequence]
    );
  }
}

export async function restoreDatabase(file: string, url: string): Promise<RestoreResult> {
  if (!existsSync(file)) throw new RestoreError(`找不到备份文件 ${file}`);
  const lines = createInterface({ input: createReadStream(file).pipe(createGunzip()), crlfDelay: Infinity });
  const iterator = lines[Symbol.asyncIterator]();
  const next = async () => {
    const { value, done } = await iterator.next();
    if (done) throw new RestoreError('备份文件不完整（缺少结尾标记），未恢复任何数据。');
    return value as string;
  };
  let header: BackupHeader;
  try {
    header = JSON.parse(await next()) as BackupHeader;
  } catch (error) {
    if (error instanceof RestoreError) throw error;
    throw new RestoreError('这不是本系统的备份文件（无法读取文件头）。');
  }
  if (header.format !== BACKUP_FORMAT) throw new RestoreError('这不是本系统的备份文件。');
  const unknown = header.migrations.filter((name) => !(name in appMigrations));
  if (unknown.length) {
    throw new RestoreError(
      `备份来自更新的版本（本版本没有迁移 ${unknown.join('、')}），请先升级本系统再恢复。`
    );
  }

  const client = await connectClient(url, 'oversight-restore');
  const rows: Record<string, number> = {};
  try {
    await refuseUnlessFresh(client);
    const db = createKysely(url, { max: 1 });
    try {
      await migrateProductTo(db, header.migrations.at(-1)!);
    } finally {
      await db.destroy();
    }
    await client.query('BEGIN');
    for (const table of header.tables)
      await client.query(`ALTER TABLE ${quoteIdent(table.name)} DISABLE TRIGGER USER`);
    const giveBack = await lendPrivileges(client, header.tables);
    // Rows the migrations seeded (calendar, templates, levels…) make way for the backup's own.
    await client.query(`TRUNCATE ${header.tables.map((t) => quoteIdent(t.name)).join(', ')}`);
    for (const table of header.tables) {
      const line = await next();
      if (line !== `TABLE ${table.name}`)
        throw new RestoreError(`备份文件损坏：应为表 ${table.name}，读到 "${line.slice(0, 40)}"`);
      const copy = client.query(
        copyFrom(`COPY ${quoteIdent(table.name)} (${table.columns.map(quoteIdent).join(', ')}) FROM STDIN`)
      );
      let count = 0;
      for (let row = await next(); row !== '\\.'; row = await next()) {
        count++;
        if (!copy.write(row + '\n')) await once(copy, 'drain');
      }
      copy.end();
      await once(copy, 'finish');
      rows[table.name] = count;
      await resetSequences(client, table);
    }
    const end = await next();
    if (!end.startsWith('END ')) throw new RestoreError('备份文件损坏：缺少结尾标记。');
    const expected = (JSON.parse(end.slice(4)) as { rows: Record<string, number> }).rows;
    const mismatch = header.tables.filter((t) => expected[t.name] !== rows[t.name]).map((t) => t.name);
    if (mismatch.length)
      throw new RestoreError(`备份文件损坏：表 ${mismatch.join('、')} 的行数与备份时不符。`);
    for (const table of header.tables)
      await client.query(`ALTER TABLE ${quoteIdent(table.name)} ENABLE TRIGGER USER`);
    for (const statement of giveBack) await client.query(statement);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    lines.close();
    await closeClient(client);
  }
  const db = createKysely(url, { max: 1 });
  try {
    const migratedAfter = await migrateProduct(db);
    return { rows, migratedAfter };
  } finally {
    await db.destroy();
  }
}
