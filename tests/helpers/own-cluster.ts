import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Kysely } from 'kysely';
import { createKysely } from '../../src/lib/server/db/connect';
import type { Database } from '../../src/lib/server/db/database';
import {
  grantSourceReader,
  provisionDatabases,
  startEmbeddedCluster,
  type EmbeddedCluster
} from '../../src/lib/server/db/embedded';
import { migrateDemoSource, migrateProduct } from '../../src/lib/server/db/migrate';
import type { SourceDatabase } from '../../src/lib/server/source/source-tables';

// A PostgreSQL of a test's own, for faults that would hurt the shared test cluster: it
// can be stopped and started again on the same port and data directory.

export interface OwnCluster {
  cluster: EmbeddedCluster;
  urls: { product: string; sourceReader: string; sourceWriter: string };
  db: Kysely<Database>;
  sourceWriter: Kysely<SourceDatabase>;
  /** A real shutdown (SIGINT: fast, every session terminated) and a start on the same port. */
  restart(between?: () => Promise<void>): Promise<void>;
  destroy(): Promise<void>;
}

export async function startOwnCluster(): Promise<OwnCluster> {
  const baseDir = mkdtempSync(path.join(os.tmpdir(), 'oversight-fault-pg-'));
  const preferredPort = 59000 + Math.floor(Math.random() * 900);
  let cluster = await startEmbeddedCluster({ baseDir, preferredPort });
  await provisionDatabases(cluster);
  const urls = {
    product: cluster.url('oversight', 'app'),
    sourceReader: cluster.url('approval', 'reader'),
    sourceWriter: cluster.url('approval')
  };
  const app = createKysely(urls.product, { max: 1 });
  await migrateProduct(app);
  await app.destroy();
  const writer = createKysely(urls.sourceWriter, { max: 1 });
  await migrateDemoSource(writer);
  await writer.destroy();
  await grantSourceReader(urls.sourceWriter, 'approval');

  const db = createKysely<Database>(urls.product, { max: 4 });
  const sourceWriter = createKysely<SourceDatabase>(urls.sourceWriter, { max: 2 }).withSchema('approval');
  return {
    get cluster() {
      return cluster;
    },
    urls,
    db,
    sourceWriter,
    async restart(between) {
      const port = cluster.port;
      await cluster.stop();
      await between?.();
      cluster = await startEmbeddedCluster({ baseDir, preferredPort: port });
      if (cluster.port !== port) throw new Error(`restarted on port ${cluster.port}, not ${port}`);
    },
    async destroy() {
      await Promise.all([db.destroy(), sourceWriter.destroy()]);
      await cluster.stop();
      rmSync(baseDir, { recursive: true, force: true });
    }
  };
}
