import path from 'node:path';
import { migrateDemoSource } from '../../src/lib/server/db/migrate';
import { ConfigError, readSourceSchema } from '../../src/lib/server/config';
import { createKysely } from '../../src/lib/server/db/connect';
import {
  grantSourceReader,
  PRODUCT_DB,
  SOURCE_DB,
  provisionDatabases,
  startEmbeddedCluster,
  type EmbeddedCluster
} from '../../src/lib/server/db/embedded';

// Decides where the databases are: both URLs configured (a real deployment), or neither
// (the embedded PostgreSQL under .data/, with the demo source). Fills process.env so
// that everything downstream (web server, jobs) reads the same configuration.

export interface Runtime {
  embedded: boolean;
  /** Superuser access to the demo source: only when the source is the embedded demo. */
  demoSourceWriterUrl?: string;
  cluster?: EmbeddedCluster;
  /** Stops the embedded PostgreSQL when this process started it. */
  shutdown(): Promise<void>;
}

export const DATA_DIR = path.resolve(process.env.OVERSIGHT_DATA_DIR ?? '.data');

export async function resolveRuntime(log: (message: string) => void = () => {}): Promise<Runtime> {
  const hasProduct = Boolean(process.env.DATABASE_URL);
  const hasSource = Boolean(process.env.SOURCE_DATABASE_URL);
  if (hasProduct && hasSource) return { embedded: false, shutdown: async () => {} };
  if (hasProduct !== hasSource) {
    throw new ConfigError(
      `请同时设置 DATABASE_URL 和 SOURCE_DATABASE_URL，或都不设置以使用内置数据库。\n` +
        `Set both DATABASE_URL and SOURCE_DATABASE_URL, or neither to use the embedded database ` +
        `(only ${hasProduct ? 'DATABASE_URL' : 'SOURCE_DATABASE_URL'} is set).`
    );
  }
  if (readSourceSchema() !== 'approval') {
    throw new ConfigError('SOURCE_SCHEMA can only be changed together with SOURCE_DATABASE_URL');
  }
  log(`内置 PostgreSQL：${path.join(DATA_DIR, 'pg')}`);
  const cluster = await startEmbeddedCluster({ baseDir: DATA_DIR, log: () => {} });
  await provisionDatabases(cluster);
  await prepareDemoSource(cluster.url(SOURCE_DB));
  process.env.DATABASE_URL = cluster.url(PRODUCT_DB, 'app');
  process.env.SOURCE_DATABASE_URL = cluster.url(SOURCE_DB, 'reader');
  return {
    embedded: true,
    cluster,
    demoSourceWriterUrl: cluster.url(SOURCE_DB),
    shutdown: () => cluster.stop()
  };
}

/** The demo source's tables and the reader's grants; idempotent, run on every start. */
async function prepareDemoSource(superuserUrl: string): Promise<void> {
  const db = createKysely(superuserUrl, { max: 1 });
  try {
    await migrateDemoSource(db);
  } finally {
    await db.destroy();
  }
  await grantSourceReader(superuserUrl, 'approval');
}
