import type pg from 'pg';

// A first load into an empty table is much faster without its secondary indexes and
// foreign keys: built once from the loaded rows (a sort) instead of row by row, and one
// join validates a foreign key instead of a lookup and a row lock per row. The definitions
// are read from the catalogue, so indexes a later migration adds are rebuilt as defined.
// Everything happens inside the caller's transaction (DROP INDEX takes an exclusive lock
// on the table until it commits: readers of that table wait for the first load).

export interface Deferred {
  /** Recreates what was dropped. */
  restore(): Promise<void>;
}

/**
 * `withPrimaryKey`: also the primary key, unless a foreign key refers to it (a repeated
 * id then fails the restore with 23505 instead of the load).
 */
export async function deferIndexesAndForeignKeys(
  client: pg.ClientBase,
  table: string,
  withPrimaryKey = false
): Promise<Deferred> {
  const primaryKey = withPrimaryKey
    ? await client.query<{ name: string; definition: string }>(
        `SELECT format('%I', conname) AS name, pg_get_constraintdef(oid) AS definition
         FROM pg_constraint p WHERE conrelid = $1::regclass AND contype = 'p'
           AND NOT EXISTS (SELECT 1 FROM pg_constraint f WHERE f.contype = 'f' AND f.conindid = p.conindid)`,
        [table]
      )
    : { rows: [] };
  const indexes = await client.query<{ name: string; definition: string }>(
    `SELECT format('%I.%I', n.nspname, c.relname) AS name, pg_get_indexdef(i.indexrelid) AS definition
     FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE i.indrelid = $1::regclass
       AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)`,
    [table]
  );
  const foreignKeys = await client.query<{ name: string; definition: string }>(
    `SELECT format('%I', conname) AS name, pg_get_constraintdef(oid) AS definition
     FROM pg_constraint WHERE conrelid = $1::regclass AND contype = 'f'`,
    [table]
  );
  for (const fk of foreignKeys.rows) await client.query(`ALTER TABLE ${table} DROP CONSTRAINT ${fk.name}`);
  for (const index of indexes.rows) await client.query(`DROP INDEX ${index.name}`);
  for (const key of primaryKey.rows) await client.query(`ALTER TABLE ${table} DROP CONSTRAINT ${key.name}`);
  return {
    async restore() {
      await client.query(`SET LOCAL maintenance_work_mem = '512MB'`);
      for (const key of primaryKey.rows) {
        await client.query(`ALTER TABLE ${table} ADD CONSTRAINT ${key.name} ${key.definition}`);
      }
      for (const index of indexes.rows) await client.query(index.definition);
      for (const fk of foreignKeys.rows) {
        await client.query(`ALTER TABLE ${table} ADD CONSTRAINT ${fk.name} ${fk.definition}`);
      }
    }
  };
}
