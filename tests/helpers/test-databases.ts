import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import pg from 'pg';
import { inject } from 'vitest';
import { createKysely } from '../../src/lib/server/db/connect';
import type { Database } from '../../src/lib/server/db/database';
import { APP_ROLE, grantSourceReader } from '../../src/lib/server/db/embedded';
import type { SourceDatabase } from '../../src/lib/server/source/source-tables';

// A fresh pair of databases (product + source) copied from the migrated templates.

export interface TestDatabases {
  names: { product: string; source: string };
  urls: { product: string; sourceReader: string; sourceWriter: string; superuser: (db: string) => string };
  /** The product database through the application's role. */
  db: Kysely<Database>;
  /** The source through the SELECT-only reader role, schema `approval`. */
  source: Kysely<SourceDatabase>;
  /** The source as superuser, to write test data (the demo generator's access). */
  sourceWriter: Kysely<SourceDatabase>;
  destroy(): Promise<void>;
}

function urlFor(user: string, password: string, database: string): string {
  const { port } = inject('cluster');
  return `postgres://${user}:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
}

export async function adminQuery(sql: string, params: unknown[] = []): Promise<pg.QueryResult> {
  const cluster = inject('cluster');
  const client = new pg.Client({
    connectionString: urlFor('postgres', cluster.superuserPassword, 'postgres')
  });
  await client.connect();
  try {
    return await client.query(sql, params);
  } finally {
    await client.end();
  }
}

export async function createTestDatabases(): Promise<TestDatabases> {
  const cluster = inject('cluster');
  const suffix = randomBytes(5).toString('hex');
  const names = { product: `t_app_${suffix}`, source: `t_src_${suffix}` };
  await adminQuery(`CREATE DATABASE "${names.product}" TEMPLATE "${cluster.appTemplate}" OWNER ${APP_ROLE}`);
  await adminQuery(`CREATE DATABASE "${names.source}" TEMPLATE "${cluster.sourceTemplate}"`);
  const superuser = (database: string) => urlFor('postgres', cluster.superuserPassword, database);
  await grantSourceReader(superuser(names.source), 'approval');

  const urls = {
    product: urlFor(APP_ROLE, cluster.appPassword, names.product),
    sourceReader: urlFor('approval_reader', cluster.readerPassword, names.source),
    sourceWriter: superuser(names.source),
    superuser
  };
  const db = createKysely<Database>(urls.product, { max: 4 });
  const source = createKysely<SourceDatabase>(urls.sourceReader, { max: 4 }).withSchema('approval');
  const sourceWriter = createKysely<SourceDatabase>(urls.sourceWriter, { max: 4 }).withSchema('approval');
  return {
    names,
    urls,
    db,
    source,
    sourceWriter,
    async destroy() {
      await Promise.all([db.destroy(), source.destroy(), sourceWriter.destroy()]);
      for (const name of [names.product, names.source]) {
        await adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      }
    }
  };
}
