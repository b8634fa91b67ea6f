import os from 'node:os';
import { parseArgs } from 'node:util';
import { bureauToday } from '../../src/lib/server/case-clock/bureau-date';
import {
  OPEN_CASES,
  recomputeAllCaseClocks,
  refreshOpenCaseClocks
} from '../../src/lib/server/case-clock/refresh.service';
import { dateOfDay, dayOfDate } from '../../src/lib/server/clock/day-index';
import { createKysely } from '../../src/lib/server/db/connect';
import { APP_ROLE } from '../../src/lib/server/db/embedded';
import { migrateProduct } from '../../src/lib/server/db/migrate';
import { runSyncPass } from '../../src/lib/server/sync/sync.service';
import {
  fmt,
  machineLine,
  openWorld,
  PRODUCT,
  SCHEMA,
  SOURCE,
  timed,
  withClient,
  type World
} from './bench-world';
import { cpuMeter, cpuSince, describeCpu, type CpuSeconds } from './cpu-account';
import { dropRawTables, rawCopy } from './raw-copy';
import { describeSeconds, summarize } from './stats';
import { measureStream } from './sync-scale-stream';

// `npm run bench -- sync-scale --cases 10000000 --keep DIR` (issue 9): the sync at scale,
// each figure the median and p95 of several runs next to its reference from the same run:
//   initial  the first load of an empty product database (a second one on the same
//            server), --initial-runs times, each after a raw COPY of the same rows;
//   stream   a steady stream of changes in the source (--stream cases a minute) and a pass
//            every --interval seconds, --passes times, each followed by a raw COPY of the
//            rows it read (watermark − overlap, as the pass reads them);
//   refresh  the daily refresh of the open cases for the next --refresh-runs days, a forced
//            recomputation of 200,000 cases, and a plain UPDATE of the same open rows.
// CPU seconds (PostgreSQL + Node) go with the wall-clock times: the machine has 2 cores.

const FIRST_LOAD_DB = 'bench_first_load';

export async function benchSyncScale(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      cases: { type: 'string', default: '1000000' },
      keep: { type: 'string' },
      'initial-runs': { type: 'string', default: '3' },
      stream: { type: 'string', default: '1000' },
      interval: { type: 'string', default: '60' },
      passes: { type: 'string', default: '8' },
      'refresh-runs': { type: 'string', default: '5' },
      only: { type: 'string', default: 'initial,stream,refresh' }
    }
  });
  const num = (name: keyof typeof values) => {
    const n = Number(values[name]);
    if (!(n > 0)) throw new Error(`--${name} must be a positive number`);
    return n;
  };
  const parts = new Set(values.only!.split(','));
  const world = await openWorld({ cases: num('cases'), keep: values.keep, withSource: true, port: 57436 });
  const report: string[] = [];
  const say = (line: string) => {
    report.push(line);
    console.log(line);
  };
  try {
    say(`npm run bench -- sync-scale ${args.join(' ')}   (${new Date().toISOString().slice(0, 10)})`);
    say(`  ${machineLine()}`);
    const rows = await sourceRows(world);
    say(`  source: ${rows}`);
    const meter = cpuMeter(world.baseDir);
    if (parts.has('initial')) await measureInitial(world, num('initial-runs'), meter, say);
    if (parts.has('stream')) {
      await measureStream(world, meter, say, {
        casesPerMinute: num('stream'),
        intervalSeconds: num('interval'),
        passes: num('passes')
      });
    }
    if (parts.has('refresh')) await measureRefresh(world, num('refresh-runs'), meter, say);
    console.log('\n--- for docs/benchmarks.md ---\n' + report.join('\n'));
  } finally {
    await world.close();
  }
}

async function sourceRows(world: World): Promise<string> {
  return withClient(world.cluster.url(SOURCE), async (c) => {
    const counts: string[] = [];
    let total = 0;
    for (const table of ['cases', 'case_events', 'ratings', 'complaints']) {
      const r = await c.query<{ n: string }>(`SELECT count(*) AS n FROM ${SCHEMA}.${table}`);
      total += Number(r.rows[0].n);
      counts.push(`${table} ${fmt(Number(r.rows[0].n))}`);
    }
    const size = await c.query<{ s: string }>(
      `SELECT pg_size_pretty(pg_database_size(current_database())) AS s`
    );
    return `${counts.join(', ')} (${fmt(total)} rows with the reference data: ${size.rows[0].s})`;
  });
}

async function freshProductDatabase(world: World): Promise<string> {
  await withClient(world.cluster.url('postgres'), async (c) => {
    await c.query(`DROP DATABASE IF EXISTS ${FIRST_LOAD_DB} WITH (FORCE)`);
    await c.query(`CREATE DATABASE ${FIRST_LOAD_DB} OWNER ${APP_ROLE}`);
  });
  const url = world.cluster.url(FIRST_LOAD_DB, 'app');
  const db = createKysely(url, { max: 1 });
  await migrateProduct(db).finally(() => db.destroy());
  return url;
}

const checkpoint = (world: World) => withClient(world.cluster.url('postgres'), (c) => c.query('CHECKPOINT'));
const load = () => `load ${os.loadavg()[0].toFixed(1)}`;

async function measured<T>(meter: () => CpuSeconds, fn: () => Promise<T>): Promise<[T, number, CpuSeconds]> {
  const before = meter();
  const [result, seconds] = await timed(fn);
  return [result, seconds, cpuSince(before, meter())];
}

async function measureInitial(
  world: World,
  runs: number,
  meter: () => CpuSeconds,
  say: (line: string) => void
): Promise<void> {
  say(
    `\n  initial sync into an empty product database, ${runs} runs (each after a raw COPY of the same rows)`
  );
  const raw: number[] = [];
  const sync: number[] = [];
  const ratios: number[] = [];
  const readerUrl = world.cluster.url(SOURCE, 'reader');
  for (let run = 1; run <= runs; run++) {
    const url = await freshProductDatabase(world);
    await checkpoint(world);
    const [copied, rawSeconds, rawCpu] = await measured(meter, () => rawCopy(readerUrl, url, SCHEMA));
    say(
      `    run ${run} raw COPY      ${fmt(copied)} rows  ${rawSeconds.toFixed(1)} s  ${describeCpu(rawCpu, rawSeconds)}  (${load()})`
    );
    await dropRawTables(url);
    await checkpoint(world);
    const [pass, syncSeconds, syncCpu] = await measured(meter, () =>
      runSyncPass({
        databaseUrl: url,
        sourceUrl: readerUrl,
        sourceSchema: SCHEMA,
        evaluationDate: bureauToday()
      })
    );
    say(
      `    run ${run} initial sync  ${fmt(pass.rowsRead)} rows  ${syncSeconds.toFixed(1)} s  ${describeCpu(syncCpu, syncSeconds)}` +
        `  (${load()}); ${((100 * rawSeconds) / syncSeconds).toFixed(0)} % of the raw rate`
    );
    raw.push(rawSeconds);
    sync.push(syncSeconds);
    ratios.push((100 * rawSeconds) / syncSeconds);
  }
  await withClient(world.cluster.url('postgres'), (c) =>
    c.query(`DROP DATABASE ${FIRST_LOAD_DB} WITH (FORCE)`)
  );
  say(`    raw COPY:     ${describeSeconds(summarize(raw), 1)}`);
  say(`    initial sync: ${describeSeconds(summarize(sync), 1)}`);
  const r = summarize(ratios);
  say(
    `    initial sync rate ÷ raw COPY rate: median ${r.median.toFixed(0)} %, lowest ${Math.min(...ratios).toFixed(0)} % (target ≥ 50 %)`
  );
}

async function measureRefresh(
  world: World,
  runs: number,
  meter: () => CpuSeconds,
  say: (line: string) => void
): Promise<void> {
  const databaseUrl = world.cluster.url(PRODUCT, 'app');
  const today = dayOfDate(bureauToday());
  say(`\n  daily refresh of the open cases, ${runs} runs (the next ${runs} days), and its references`);
  const plain: number[] = [];
  for (let run = 1; run <= runs; run++) {
    const [updated, seconds] = await timed(() =>
      withClient(world.cluster.url(PRODUCT), (c) =>
        // The same cases as the refresh (OPEN_CASES), their clock rows rewritten as they are.
        c.query(
          `UPDATE case_clock k SET evaluated_on = $1, computed_at = now()
           FROM cases WHERE cases.id = k.case_id AND (${OPEN_CASES})`,
          [dateOfDay(today + run)]
        )
      )
    );
    plain.push(seconds);
    if (run === runs)
      say(
        `    plain UPDATE of the clock rows of the ${fmt(updated.rowCount ?? 0)} open cases: ${describeSeconds(summarize(plain))}`
      );
  }
  const refresh: number[] = [];
  let last = { cases: 0, changed: 0 };
  let cpu: CpuSeconds | null = null;
  for (let run = 1; run <= runs; run++) {
    const [result, seconds, used] = await measured(meter, () =>
      refreshOpenCaseClocks({ databaseUrl, evaluationDate: dateOfDay(today + run) })
    );
    refresh.push(seconds);
    last = result;
    cpu = used;
  }
  say(
    `    daily refresh of ${fmt(last.cases)} open cases: ${describeSeconds(summarize(refresh))}; last run ${describeCpu(cpu!, refresh[refresh.length - 1])}`
  );
  const forced: number[] = [];
  let forcedCases = 0;
  for (let run = 1; run <= runs; run++) {
    const [result, seconds] = await timed(() =>
      recomputeAllCaseClocks({ databaseUrl, evaluationDate: dateOfDay(today + runs + run), limit: 200_000 })
    );
    forced.push(seconds);
    forcedCases = result.cases;
  }
  say(
    `    forced recomputation of ${fmt(forcedCases)} cases: ${describeSeconds(summarize(forced))} (target < 10 s)`
  );
  // Leave the world as the product would have it: its clocks computed for today.
  await recomputeAllCaseClocks({ databaseUrl, evaluationDate: dateOfDay(today), limit: 200_000 });
  await refreshOpenCaseClocks({ databaseUrl, evaluationDate: dateOfDay(today) });
  say(`    (${load()})`);
}
