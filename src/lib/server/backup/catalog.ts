import type pg from 'pg';

// What a backup holds, read from the catalog of the product database: every table of the
// public schema but the migrations' bookkeeping, in foreign-key order (a referenced table
// before the tables that reference it), with its stored columns and primary key.

export const BACKUP_FORMAT = 'oversight-backup';
export const BACKUP_VERSION = 1;
const MIGRATION_TABLES = ['kysely_migration', 'kysely_migration_lock'];

export interface TableSpec {
  name: string;
  /** Stored columns in order (generated columns are computed again on restore). */
  columns: string[];
  /** Rows are dumped in this order, so a row that refers to an earlier row of its table loads after it. */
  primaryKey: string[];
}

export interface BackupHeader {
  format: typeof BACKUP_FORMAT;
  version: number;
  createdAt: string;
  /** Migrations applied to the database backed up, in order: restore migrates to the last of them first. */
  migrations: string[];
  tables: TableSpec[];
}

export const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

export async function readTables(client: pg.ClientBase): Promise<TableSpec[]> {
  const tables = await client.query<{ name: string; columns: string[]; primary_key: string[] | null }>(
    `SELECT c.relname AS name,
            array_agg(a.attname::text ORDER BY a.attnum) AS columns,
            (SELECT array_agg(k.attname::text ORDER BY array_position(i.indkey::int2[], k.attnum))
               FROM pg_index i JOIN pg_attribute k ON k.attrelid = i.indrelid AND k.attnum = ANY(i.indkey)
              WHERE i.indrelid = c.oid AND i.indisprimary) AS primary_key
       FROM pg_class c
       JOIN pg_namespace n ON n.oid = c.relnamespace
       JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
      WHERE n.nspname = 'public' AND c.relkind = 'r' AND c.relname <> ALL($1::text[])
      GROUP BY c.oid, c.relname
      ORDER BY c.relname`,
    [MIGRATION_TABLES]
  );
  const references = await client.query<{ child: string; parent: string }>(
    `SELECT c.conrelid::regclass::text AS child, c.confrelid::regclass::text AS parent
       FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
      WHERE c.contype = 'f' AND n.nspname = 'public' AND c.conrelid <> c.confrelid`
  );
  const parents = new Map<string, Set<string>>();
  for (const { child, parent } of references.rows) {
    const set = parents.get(child) ?? new Set();
    set.add(parent.replace(/^"|"$/g, ''));
    parents.set(child.replace(/^"|"$/g, ''), set);
  }
  // Depth-first topological order; the names are sorted first so the order is stable.
  const ordered: TableSpec[] = [];
  const done = new Set<string>();
  const byName = new Map(tables.rows.map((t) => [t.name, t]));
  const visit = (name: string) => {
    if (done.has(name) || !byName.has(name)) return;
    done.add(name);
    for (const parent of [...(parents.get(name) ?? [])].sort()) visit(parent);
    const t = byName.get(name)!;
    ordered.push({ name, columns: t.columns, primaryKey: t.primary_key ?? [] });
  };
  for (const name of byName.keys()) visit(name);
  return ordered;
}

export async function readMigrations(client: pg.ClientBase): Promise<string[]> {
  const result = await client.query<{ name: string }>(`SELECT name FROM kysely_migration ORDER BY name`);
  return result.rows.map((r) => r.name);
}
