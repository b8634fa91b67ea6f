import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { bureauToday } from '../../src/lib/server/case-clock/bureau-date';
import { createKysely } from '../../src/lib/server/db/connect';
import type { Database } from '../../src/lib/server/db/database';
import {
  grantSourceReader,
  provisionDatabases,
  startEmbeddedCluster,
  type EmbeddedCluster
} from '../../src/lib/server/db/embedded';
import { migrateDemoSource, migrateProduct } from '../../src/lib/server/db/migrate';
import { refreshKpiRollups } from '../../src/lib/server/kpis/rollup-refresh.service';
import { runSyncPass } from '../../src/lib/server/sync/sync.service';

// A product database of N synced cases in an embedded cluster, shared by the benchmarks
// at scale (dashboard, load, monthly): the demo generator at the scale that gives N
// cases, the initial sync, VACUUM (ANALYZE), the full rollup rebuild. With `keep` the
// cluster stays in that directory and later runs reuse it. The source is dropped after
// the sync unless `withSource` (the load test syncs a stream of changes from it).

export const SCHEMA = 'approval';
export const PRODUCT = 'bench_oversight';
export const SOURCE = 'bench_approval';
const SCALE_1_CASES = 380_000; // the demo generator at scale 1 over 18 months, roughly
const SETUP_FILE = 'dashboard-setup.json';

export const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const log = (message: string) => console.log(message);

export interface Setup {
  cases: number;
  scale: number;
  builtAt: string;
  /** The source database was kept (absent in worlds built before it could be). */
  withSource?: boolean;
  steps: { name: string; seconds: number; detail?: string }[];
}

export interface World {
  cluster: EmbeddedCluster;
  setup: Setup;
  reused: boolean;
  baseDir: string;
  /** Stops the server; removes the directory unless it was kept. */
  close(): Promise<void>;
}

export async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now();
  const result = await fn();
  return [result, (performance.now() - started) / 1000];
}

export async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  client.on('error', () => {});
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** CPU, cores, memory, Node and the load average: printed by every benchmark at scale. */
export function machineLine(): string {
  const cpus = os.cpus();
  const load = os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
  return (
    `CPU ${cpus[0]?.model ?? 'unknown'} × ${cpus.length}, RAM ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, ` +
    `Node ${process.version}, load ${load}`
  );
}

export async function openWorld(options: {
  cases: number;
  keep?: string;
  withSource: boolean;
  port: number;
}): Promise<World> {
  const { cases, keep, withSource } = options;
  const baseDir = keep ? path.resolve(keep) : mkdtempSync(path.join(os.tmpdir(), 'oversight-bench-world-'));
  if (keep) mkdirSync(baseDir, { recursive: true });
  const setupFile = path.join(baseDir, SETUP_FILE);
  const reused = existsSync(setupFile);
  if (!reused && keep && existsSync(path.join(baseDir, 'pg'))) {
    throw new Error(
      `${baseDir} holds a cluster without ${SETUP_FILE} (a build that did not finish): delete it first`
    );
  }
  const cluster = await startEmbeddedCluster({ baseDir, preferredPort: options.port });
  const close = async () => {
    await cluster.stop();
    if (keep) log(`\nkept: ${baseDir} (server stopped; rerun with --keep ${baseDir})`);
    else rmSync(baseDir, { recursive: true, force: true });
  };
  try {
    let setup: Setup;
    if (reused) {
      setup = JSON.parse(readFileSync(setupFile, 'utf8')) as Setup;
      if (setup.cases !== cases)
        throw new Error(`${baseDir} was built for ${setup.cases} cases, not ${cases}`);
      if (withSource && !setup.withSource)
        throw new Error(`${baseDir} was built without its source database`);
      log(`\nreusing the cluster built ${setup.builtAt} in ${baseDir}`);
      // A world kept from an older checkout: bring its schema up to date.
      const app = createKysely(cluster.url(PRODUCT, 'app'), { max: 1 });
      await migrateProduct(app).finally(() => app.destroy());
    } else {
      setup = await build(cluster, cases, withSource);
      if (keep) writeFileSync(setupFile, JSON.stringify(setup, null, 2));
    }
    return { cluster, setup, reused, baseDir, close };
  } catch (error) {
    await close();
    throw error;
  }
}

async function build(cluster: EmbeddedCluster, cases: number, withSource: boolean): Promise<Setup> {
  const scale = cases / SCALE_1_CASES;
  const steps: Setup['steps'] = [];
  const step = (name: string, seconds: number, detail?: string) => {
    steps.push({ name, seconds, detail });
    log(`  ${name.padEnd(14)} ${seconds.toFixed(1).padStart(7)} s${detail ? `  ${detail}` : ''}`);
  };
  await provisionDatabases(cluster, { product: PRODUCT, source: SOURCE });
  const productUrl = cluster.url(PRODUCT, 'app');
  const sourceSuperUrl = cluster.url(SOURCE);
  const app = createKysely(productUrl, { max: 1 });
  await migrateProduct(app);
  await app.destroy();
  const src = createKysely(sourceSuperUrl, { max: 1 });
  await migrateDemoSource(src);
  await src.destroy();
  await grantSourceReader(sourceSuperUrl, SCHEMA);

  log(`\nset-up: demo generator at scale ${scale.toFixed(2)} (${fmt(cases)} cases wanted)`);
  const { generateDemoSource } = await import('../../src/lib/server/demo/generate-demo');
  const [counts, genSeconds] = await timed(() => generateDemoSource(sourceSuperUrl, { scale }));
  step(
    'generation',
    genSeconds,
    `${fmt(counts.cases)} cases, ${fmt(counts.events)} events, ${fmt(counts.ratings)} ratings, ${fmt(counts.complaints)} complaints`
  );
  await withClient(sourceSuperUrl, (c) => c.query('CHECKPOINT'));

  const [pass, syncSeconds] = await timed(() =>
    runSyncPass({
      databaseUrl: productUrl,
      sourceUrl: cluster.url(SOURCE, 'reader'),
      sourceSchema: SCHEMA,
      evaluationDate: bureauToday()
    })
  );
  step(
    'initial sync',
    syncSeconds,
    `${fmt(pass.rowsRead)} rows read, ${fmt(pass.rowsQuarantined)} quarantined; clocks ${fmt(pass.clocks.cases)} in ${pass.clocks.seconds.toFixed(1)} s`
  );

  // Without a stream to sync, the source is not needed any more: free its disk and cache.
  if (!withSource) {
    await withClient(cluster.url('postgres'), (c) => c.query(`DROP DATABASE ${SOURCE} WITH (FORCE)`));
  }

  const [, vacuumSeconds] = await timed(() =>
    withClient(cluster.url(PRODUCT), (c) => c.query('VACUUM (ANALYZE)'))
  );
  step('vacuum', vacuumSeconds, 'VACUUM (ANALYZE) of the product (visibility map, statistics)');

  const db = createKysely<Database>(productUrl, { max: 1 });
  try {
    const [rollups, rollupSeconds] = await timed(() => refreshKpiRollups(db, { everything: true }));
    step(
      'rollup rebuild',
      rollupSeconds,
      `refreshKpiRollups({ everything: true }): ${fmt(rollups.days)} days`
    );
  } finally {
    await db.destroy();
  }
  await withClient(cluster.url(PRODUCT), (c) => c.query('VACUUM (ANALYZE) kpi_daily, kpi_now'));
  return { cases, scale, builtAt: new Date().toISOString(), withSource, steps };
}

export async function dataSummary(url: string): Promise<string[]> {
  return withClient(url, async (c) => {
    const tables = ['cases', 'case_events', 'case_clock', 'ratings', 'complaints', 'kpi_daily', 'kpi_now'];
    const lines: string[] = [];
    for (const t of tables) {
      const r = await c.query<{ n: string; size: string; heap: string }>(
        `SELECT (SELECT count(*) FROM ${t}) AS n, pg_size_pretty(pg_total_relation_size('${t}')) AS size,
                pg_size_pretty(pg_relation_size('${t}')) AS heap`
      );
      lines.push(
        `${t.padEnd(11)} ${fmt(Number(r.rows[0].n)).padStart(12)} rows  ${r.rows[0].size} (heap ${r.rows[0].heap})`
      );
    }
    const open = await c.query<{ n: string }>(`SELECT count(*) AS n FROM case_clock WHERE open`);
    lines.push(`open cases  ${fmt(Number(open.rows[0].n)).padStart(12)}`);
    const db = await c.query<{ size: string }>(
      `SELECT pg_size_pretty(pg_database_size(current_database())) AS size`
    );
    lines.push(`database    ${db.rows[0].size}`);
    return lines;
  });
}
