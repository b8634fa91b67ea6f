import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { deriveMonth, type MonthDerivation } from '../../src/lib/server/appraisal/derive.service';
import { createKysely } from '../../src/lib/server/db/connect';
import type { Database } from '../../src/lib/server/db/database';
import { PRODUCT_DB, provisionDatabases, startEmbeddedCluster } from '../../src/lib/server/db/embedded';
import { migrateProduct } from '../../src/lib/server/db/migrate';
import { BENCH_MONTH, buildAppraisalWorld } from './appraisal-world';

// `npm run bench -- appraisal [--cases 25000] [--runs 5]`: the derivation of one month's
// automatic score events (docs/benchmarks.md "Appraisal derivation") on a generated world of
// 120 window staff and N cases (appraisal-world.ts), in a throw-away embedded PostgreSQL.
//   first      score_events emptied, then the month derived (every event inserted);
//   again      the month derived once more, nothing changed (every row compared, none written);
//   corrected  1 % of the ratings flipped between level 1 and 4 first, then derived.
// Each the median of --runs runs. Target: under 5 s for the first derivation.

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now();
  const result = await fn();
  return [result, (performance.now() - started) / 1000];
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const fmt = (n: number) => n.toLocaleString('en-US');
const load = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

export async function benchAppraisal(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: { cases: { type: 'string', default: '25000' }, runs: { type: 'string', default: '5' } }
  });
  const cases = Number(values.cases);
  const runs = Number(values.runs);
  if (!(cases > 0) || !(runs > 0)) throw new Error('--cases and --runs must be positive');

  const cpus = os.cpus();
  console.log(
    `npm run bench -- appraisal ${args.join(' ')}`.trim() + `   (${new Date().toISOString().slice(0, 16)}Z)`
  );
  console.log(
    `  CPU ${cpus[0]?.model ?? 'unknown'} × ${cpus.length}, RAM ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB`
  );
  console.log(`  Node ${process.version} (${os.platform()} ${os.release()}); load at start ${load()}`);

  const baseDir = mkdtempSync(path.join(os.tmpdir(), 'oversight-bench-appraisal-'));
  const cluster = await startEmbeddedCluster({ baseDir, preferredPort: 59432 });
  const url = cluster.url(PRODUCT_DB, 'app');
  try {
    await provisionDatabases(cluster);
    const migrator = createKysely(url, { max: 1 });
    await migrateProduct(migrator);
    await migrator.destroy();

    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const version = await client.query<{ v: string }>(`SELECT current_setting('server_version') AS v`);
      console.log(`  PostgreSQL ${version.rows[0].v} (embedded, default settings)`);
      const [, buildSeconds] = await timed(() => buildAppraisalWorld(client, cases));
      await client.query('VACUUM (ANALYZE)');
      const counts = await client.query<Record<string, string>>(`
        SELECT (SELECT count(*) FROM staff WHERE position IN ('window', 'chief_rep')) AS staff,
          (SELECT count(*) FROM cases) AS cases, (SELECT count(*) FROM ratings) AS ratings,
          (SELECT count(*) FROM complaints) AS complaints, (SELECT count(*) FROM audit_reviews) AS reviews`);
      const c = counts.rows[0];
      console.log(
        `  world (${buildSeconds.toFixed(1)} s): ${c.staff} window staff, ${fmt(Number(c.cases))} cases, ` +
          `${fmt(Number(c.ratings))} ratings, ${c.complaints} complaints, ${c.reviews} reviews; month ${BENCH_MONTH.slice(0, 7)}`
      );

      const db = createKysely<Database>(url, { max: 2 });
      try {
        const measure = async (name: string, before: () => Promise<unknown>) => {
          const seconds: number[] = [];
          let last: MonthDerivation | undefined;
          for (let i = 0; i < runs; i++) {
            await before();
            const [result, s] = await timed(() => deriveMonth(db, BENCH_MONTH));
            seconds.push(s);
            last = result;
          }
          const r = last!;
          console.log(
            `  ${name.padEnd(10)} median ${median(seconds).toFixed(2)} s  (runs ${seconds.map((s) => s.toFixed(2)).join(', ')})` +
              `  inserted ${fmt(r.inserted)}, updated ${fmt(r.updated)}, retracted ${fmt(r.retracted)}`
          );
          return r;
        };
        const first = await measure('first', () => client.query('TRUNCATE score_events CASCADE'));
        const derived = Object.entries(first.derived)
          .map(([code, n]) => `${code} ${fmt(n)}`)
          .join(', ');
        console.log(`    events: ${derived}; chief shares ${fmt(first.shares)}`);
        await measure('again', async () => {});
        await measure('corrected', () =>
          client.query(`
            UPDATE ratings SET level = CASE WHEN level = 1 THEN 4 ELSE 1 END
            WHERE id IN (SELECT id FROM ratings WHERE level IN (1, 4) ORDER BY random() LIMIT ${Math.ceil(Number(c.ratings) / 100)})`)
        );
      } finally {
        await db.destroy();
      }
      console.log(`  load at end ${load()}`);
    } finally {
      await client.end();
    }
  } finally {
    await cluster.stop();
    rmSync(baseDir, { recursive: true, force: true });
  }
}
