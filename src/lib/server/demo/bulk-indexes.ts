import type pg from 'pg';
import { ident } from './copy-writer';

// Bulk loading the PostgreSQL way ("Populating a Database"): drop a table's indexes and
// key constraints inside the loading transaction, COPY, then build them again in one
// sort each. Their definitions are read from the catalogue and re-created verbatim, so
// the schema after the load is exactly the migrated one; a failed load rolls back both.

interface IndexDefinition {
  table: string;
  index: string;
  constraint: string | null;
  constraintDef: string | null;
  indexDef: string;
}

/** Drops the indexes of `tables` and returns the statements that re-create them. */
export async function dropIndexes(
  client: pg.PoolClient | pg.Client,
  schema: string,
  tables: string[]
): Promise<string[]> {
  const { rows } = await client.query<IndexDefinition>(
    `SELECT c.relname AS "table", i.relname AS "index", con.conname AS "constraint",
            pg_get_constraintdef(con.oid) AS "constraintDef", pg_get_indexdef(ix.indexrelid) AS "indexDef"
       FROM pg_index ix
       JOIN pg_class i ON i.oid = ix.indexrelid
       JOIN pg_class c ON c.oid = ix.indrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace
       LEFT JOIN pg_constraint con ON con.conindid = ix.indexrelid AND con.conrelid = c.oid
      WHERE n.nspname = $1 AND c.relname = ANY($2)
      ORDER BY c.relname, (con.conname IS NULL), i.relname`,
    [schema, tables]
  );
  const recreate: string[] = [];
  for (const row of rows) {
    const table = `${ident(schema)}.${ident(row.table)}`;
    if (row.constraint) {
      await client.query(`ALTER TABLE ${table} DROP CONSTRAINT ${ident(row.constraint)}`);
      recreate.push(`ALTER TABLE ${table} ADD CONSTRAINT ${ident(row.constraint)} ${row.constraintDef}`);
    } else {
      await client.query(`DROP INDEX ${ident(schema)}.${ident(row.index)}`);
      recreate.push(row.indexDef);
    }
  }
  return recreate;
}
