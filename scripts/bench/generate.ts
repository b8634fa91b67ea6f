import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { createKysely } from '../../src/lib/server/db/connect';
import { provisionDatabases, SOURCE_DB, startEmbeddedCluster } from '../../src/lib/server/db/embedded';
import { migrateDemoSource } from '../../src/lib/server/db/migrate';
import { DEFAULT_DEMO_SEED, generateDemoSource } from '../../src/lib/server/demo/generate-demo';
import { createProgressBar } from '../../src/lib/server/demo/progress-bar';

// `npm run bench -- generate [--scale 1] [--seed N] [--months 18]`: generates the demo
// source into a throw-away embedded PostgreSQL and reports the speed. Figures go in
// docs/benchmarks.md.

export async function benchGenerate(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      scale: { type: 'string', default: '1' },
      seed: { type: 'string', default: String(DEFAULT_DEMO_SEED) },
      months: { type: 'string', default: '18' }
    }
  });
  const scale = Number(values.scale);
  const seed = Number(values.seed);
  const months = Number(values.months);

  const cpus = os.cpus();
  console.log('机器 / machine');
  console.log(`  CPU     ${cpus[0]?.model ?? 'unknown'} × ${cpus.length}`);
  console.log(`  内存    ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB`);
  console.log(`  Node    ${process.version}  (${os.platform()} ${os.release()})`);

  const baseDir = mkdtempSync(path.join(os.tmpdir(), 'oversight-bench-pg-'));
  const cluster = await startEmbeddedCluster({ baseDir, preferredPort: 56432 });
  try {
    await provisionDatabases(cluster);
    const url = cluster.url(SOURCE_DB);
    const db = createKysely(url, { max: 1 });
    await migrateDemoSource(db);
    await db.destroy();
    const version = await query(url, 'SHOW server_version');
    console.log(`  PostgreSQL ${version[0].server_version} (embedded, default settings)`);
    console.log(`\n生成 / generating: scale ${scale}, ${months} months, seed ${seed}`);

    const bar = createProgressBar();
    const counts = await generateDemoSource(url, { seed, scale, months, onProgress: bar.update });
    bar.done();

    const sizes = await query(
      url,
      `SELECT pg_size_pretty(sum(pg_total_relation_size(c.oid))) AS size
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'approval' AND c.relkind = 'r'`
    );
    const s = counts.seconds;
    const rate = (n: number) => Math.round(n / s).toLocaleString('en-US');
    console.log('\n结果 / result');
    console.log(`  cases       ${counts.cases.toLocaleString('en-US')}`);
    console.log(`  events      ${counts.events.toLocaleString('en-US')}`);
    console.log(`  ratings     ${counts.ratings.toLocaleString('en-US')}`);
    console.log(`  complaints  ${counts.complaints.toLocaleString('en-US')}`);
    console.log(`  on disk     ${sizes[0].size} (tables with indexes)`);
    console.log(`  seconds     ${s.toFixed(2)}`);
    console.log(`  cases/s     ${rate(counts.cases)}`);
    console.log(`  events/s    ${rate(counts.events)}`);
    console.log(`  rows/s      ${rate(counts.cases + counts.events + counts.ratings + counts.complaints)}`);
    console.log(`  peak RSS    ${Math.round(process.resourceUsage().maxRSS / 1024)} MiB (this Node process)`);
  } finally {
    await cluster.stop();
    rmSync(baseDir, { recursive: true, force: true });
  }
}

async function query(url: string, sql: string): Promise<Record<string, string>[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}
