import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { bureauToday } from '../../src/lib/server/case-clock/bureau-date';
import {
  recomputeAllCaseClocks,
  refreshOpenCaseClocks
} from '../../src/lib/server/case-clock/refresh.service';
import { dateOfDay, dayOfDate } from '../../src/lib/server/clock/day-index';
import { createKysely } from '../../src/lib/server/db/connect';
import {
  grantSourceReader,
  provisionDatabases,
  startEmbeddedCluster
} from '../../src/lib/server/db/embedded';
import { migrateDemoSource, migrateProduct } from '../../src/lib/server/db/migrate';
import { RELATIONS_IN_ORDER } from '../../src/lib/server/sync/relations';
import { ident } from '../../src/lib/server/sync/sql-text';
import { runSyncPass, type SyncPassResult } from '../../src/lib/server/sync/sync.service';
import { fmt, timed, withClient } from './bench-world';
import { cpuMeter, cpuSince, describeCpu } from './cpu-account';
import { dropRawTables, rawCopy } from './raw-copy';
import { fillSyntheticSource } from './sync-source-filler';

// `npm run bench -- sync [--cases 1000000] [--data demo|sql] [--changes 10000] [--keep]`:
// in a throw-away embedded PostgreSQL, fills a source with N cases, then measures
//   1. the raw COPY of the same rows (source COPY TO → product COPY FROM a plain table),
//   2. the initial sync (all relations, quarantine checks, upserts, every clock), and the
//      raw COPY again (the sync is compared with the mean of the two),
//   3. an incremental sync after 10,000 cases changed (status, updated_at, a new event),
//   4. the daily refresh of the open cases, and one forced over 200,000 cases if fewer.
// Targets (docs/benchmarks.md): initial sync ≥ half the raw COPY rate; incremental
// < 5 s; daily refresh of 200,000 open cases < 10 s.

const SCHEMA = 'approval';
const PRODUCT = 'bench_oversight';
const SOURCE = 'bench_approval';
const SCALE_1_CASES = 380_000; // the demo generator at scale 1 over 18 months, roughly

const load = () => `(load ${os.loadavg()[0].toFixed(1)})`;

function machineInfo(): string[] {
  const cpus = os.cpus();
  return [
    `CPU ${cpus[0]?.model ?? 'unknown'} × ${cpus.length} cores`,
    `RAM ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB`,
    `Node ${process.version} (${os.platform()} ${os.release()})`
  ];
}

async function fillSource(
  superuserUrl: string,
  cases: number,
  data: string,
  log: (m: string) => void
): Promise<string> {
  if (data === 'demo') {
    try {
      const { generateDemoSource } = await import('../../src/lib/server/demo/generate-demo');
      const counts = await generateDemoSource(superuserUrl, { scale: cases / SCALE_1_CASES });
      return `demo generator (scale ${(cases / SCALE_1_CASES).toFixed(2)}): ${fmt(counts.cases)} cases`;
    } catch (error) {
      log(
        `demo generator unavailable (${error instanceof Error ? error.message : String(error)}); using the SQL filler`
      );
    }
  }
  const counts = await withClient(superuserUrl, (client) => fillSyntheticSource(client, cases, SCHEMA));
  return `SQL filler: ${fmt(counts.cases)} cases`;
}

async function sourceSummary(
  superuserUrl: string
): Promise<{ rows: Record<string, number>; size: string; open: number }> {
  return withClient(superuserUrl, async (client) => {
    const rows: Record<string, number> = {};
    for (const spec of RELATIONS_IN_ORDER) {
      const r = await client.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM ${SCHEMA}.${ident(spec.relation)}`
      );
      rows[spec.relation] = r.rows[0].n;
    }
    const size = await client.query<{ size: string }>(
      `SELECT pg_size_pretty(sum(pg_total_relation_size(c.oid))) AS size FROM pg_class c
       JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relkind = 'r'`,
      [SCHEMA]
    );
    const open = await client.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM ${SCHEMA}.cases WHERE status IN ('received', 'accepted', 'suspended')`
    );
    return { rows, size: size.rows[0].size, open: open.rows[0].n };
  });
}

/** n cases change in the source: open ones are concluded, each gets an event. */
async function changeCases(superuserUrl: string, n: number): Promise<number> {
  return withClient(superuserUrl, async (client) => {
    await client.query('BEGIN');
    // Spread over the whole history (a pseudo-random pick): old cases get a late event,
    // open ones are concluded.
    await client.query(
      `CREATE TEMP TABLE picked AS SELECT id FROM ${SCHEMA}.cases ORDER BY hashint8(id * 31) LIMIT $1`,
      [n]
    );
    const updated = await client.query(
      `UPDATE ${SCHEMA}.cases c SET
         status = CASE WHEN c.status IN ('accepted', 'suspended') THEN 'concluded' ELSE c.status END,
         decision = CASE WHEN c.status IN ('accepted', 'suspended') THEN 'approved' ELSE c.decision END,
         concluded_at = CASE WHEN c.status IN ('accepted', 'suspended') THEN now() ELSE c.concluded_at END,
         updated_at = now()
       FROM picked p WHERE p.id = c.id`
    );
    await client.query(
      `INSERT INTO ${SCHEMA}.case_events (id, case_id, kind, occurred_at, staff_id, procedure, days, note, updated_at)
       SELECT (SELECT max(id) FROM ${SCHEMA}.case_events) + row_number() OVER (ORDER BY p.id), p.id, 'concluded', now(),
              NULL, NULL, NULL, 'bench', now()
       FROM picked p`
    );
    await client.query('COMMIT');
    return updated.rowCount ?? 0;
  });
}

function describePass(result: SyncPassResult): string[] {
  return result.relations
    .filter((r) => r.read > 0)
    .map(
      (r) =>
        `    ${r.relation.padEnd(15)} read ${fmt(r.read).padStart(11)}  changed ${fmt(r.changed).padStart(11)}  ${r.seconds.toFixed(2)} s`
    )
    .concat(
      `    ${'clocks'.padEnd(15)} cases ${fmt(result.clocks.cases).padStart(10)}  changed ${fmt(result.clocks.changed).padStart(11)}  ${result.clocks.seconds.toFixed(2)} s`
    );
}

export async function benchSync(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      cases: { type: 'string', default: '1000000' },
      data: { type: 'string', default: 'demo' },
      changes: { type: 'string', default: '10000' },
      keep: { type: 'boolean', default: false }
    }
  });
  const cases = Number(values.cases);
  const changes = Number(values.changes);
  if (!(cases > 0) || !(changes > 0)) throw new Error('--cases and --changes must be positive');
  const log = (message: string) => console.log(message);
  const report: string[] = [];
  const say = (line: string) => {
    report.push(line);
    log(line);
  };

  say(`npm run bench -- sync ${args.join(' ')}`.trim() + `   (${new Date().toISOString().slice(0, 10)})`);
  for (const line of machineInfo()) say(`  ${line}`);

  const baseDir = mkdtempSync(path.join(os.tmpdir(), 'oversight-bench-sync-'));
  const cluster = await startEmbeddedCluster({ baseDir, preferredPort: 57432 });
  try {
    await provisionDatabases(cluster, { product: PRODUCT, source: SOURCE });
    const productUrl = cluster.url(PRODUCT, 'app');
    const sourceSuperUrl = cluster.url(SOURCE);
    const readerUrl = cluster.url(SOURCE, 'reader');
    const app = createKysely(productUrl, { max: 1 });
    await migrateProduct(app);
    await app.destroy();
    const src = createKysely(sourceSuperUrl, { max: 1 });
    await migrateDemoSource(src);
    await src.destroy();
    await grantSourceReader(sourceSuperUrl, SCHEMA);
    const version = await withClient(sourceSuperUrl, (c) =>
      c.query<{ v: string }>(`SELECT current_setting('server_version') AS v`)
    );
    say(`  PostgreSQL ${version.rows[0].v} (embedded, default settings)`);

    log(`\nfilling the source with ${fmt(cases)} cases …`);
    const [how, fillSeconds] = await timed(() => fillSource(sourceSuperUrl, cases, values.data!, log));
    const summary = await sourceSummary(sourceSuperUrl);
    const totalRows = Object.values(summary.rows).reduce((a, b) => a + b, 0);
    say(`  data: ${how} in ${fillSeconds.toFixed(0)} s; ${summary.size} on disk`);
    say(
      `  rows: ${fmt(totalRows)} (cases ${fmt(summary.rows.cases)}, events ${fmt(summary.rows.case_events)}, ` +
        `ratings ${fmt(summary.rows.ratings)}, complaints ${fmt(summary.rows.complaints)}); open cases ${fmt(summary.open)}`
    );
    await withClient(sourceSuperUrl, (c) => c.query('CHECKPOINT'));

    // The machine may be shared: the raw COPY is measured before and after the initial
    // sync, and the sync compared with their mean; the load average is printed with each.
    const meter = cpuMeter(baseDir);
    const measureRaw = async (label: string) => {
      const before = meter();
      const [rows, seconds] = await timed(() => rawCopy(readerUrl, productUrl, SCHEMA));
      say(
        `  raw COPY (${label}) ${fmt(rows)} rows  ${seconds.toFixed(1)} s  ${fmt(rows / seconds)} rows/s  ${load()}` +
          `\n    ${describeCpu(cpuSince(before, meter()), seconds)}`
      );
      await dropRawTables(productUrl);
      await withClient(sourceSuperUrl, (c) => c.query('CHECKPOINT'));
      return rows / seconds;
    };
    say('');
    const rawBefore = await measureRaw('before');

    const today = bureauToday();
    const urls = { databaseUrl: productUrl, sourceUrl: readerUrl, sourceSchema: SCHEMA };
    const beforeInitial = meter();
    const [initial, initialSeconds] = await timed(() => runSyncPass({ ...urls, evaluationDate: today }));
    const initialRate = initial.rowsRead / initialSeconds;
    say(
      `  initial sync     ${fmt(initial.rowsRead)} rows  ${initialSeconds.toFixed(1)} s  ${fmt(initialRate)} rows/s  ${load()}` +
        `\n    ${describeCpu(cpuSince(beforeInitial, meter()), initialSeconds)}`
    );
    await withClient(sourceSuperUrl, (c) => c.query('CHECKPOINT'));
    const rawAfter = await measureRaw('after ');
    const rawRate = (rawBefore + rawAfter) / 2;
    say(
      `  initial sync ÷ raw COPY: ${((100 * initialRate) / rawRate).toFixed(0)} % of the mean raw rate ` +
        `(${((100 * initialRate) / rawBefore).toFixed(0)} % / ${((100 * initialRate) / rawAfter).toFixed(0)} % of before / after; target ≥ 50 %)`
    );
    for (const line of describePass(initial)) say(line);
    await withClient(sourceSuperUrl, (c) => c.query('CHECKPOINT'));

    const changed = await changeCases(sourceSuperUrl, changes);
    const [incremental, incrementalSeconds] = await timed(() =>
      runSyncPass({ ...urls, evaluationDate: today })
    );
    say(
      `  incremental sync ${fmt(changed)} cases changed (+${fmt(changed)} events)  ${incrementalSeconds.toFixed(2)} s  ` +
        `(target < 5 s)  ${load()}`
    );
    for (const line of describePass(incremental)) say(line);

    const tomorrow = dateOfDay(dayOfDate(today) + 1);
    const [refresh, refreshSeconds] = await timed(() =>
      refreshOpenCaseClocks({ databaseUrl: productUrl, evaluationDate: tomorrow })
    );
    say(
      `  daily refresh    ${fmt(refresh.cases)} open cases  ${refreshSeconds.toFixed(2)} s  ${fmt(refresh.cases / refreshSeconds)} cases/s` +
        `  (${fmt(refresh.changed)} rows changed)  ${load()}`
    );
    if (refresh.cases < 200_000) {
      const later = dateOfDay(dayOfDate(today) + 2);
      const [forced, forcedSeconds] = await timed(() =>
        recomputeAllCaseClocks({ databaseUrl: productUrl, evaluationDate: later, limit: 200_000 })
      );
      say(
        `  forced refresh   ${fmt(forced.cases)} cases  ${forcedSeconds.toFixed(2)} s  ${fmt(forced.cases / forcedSeconds)} cases/s` +
          `  (${fmt(forced.changed)} rows changed; target 200,000 < 10 s)  ${load()}`
      );
    }
    log('\n--- for docs/benchmarks.md ---\n' + report.join('\n'));
  } finally {
    if (values.keep) {
      log(`\nkept: ${baseDir} (port ${cluster.port})`);
    } else {
      await cluster.stop();
      rmSync(baseDir, { recursive: true, force: true });
    }
  }
}
