import { parseArgs } from 'node:util';
import { bureauToday } from '../../src/lib/server/case-clock/bureau-date';
import {
  OPEN_CASES,
  recomputeAllCaseClocks,
  refreshOpenCaseClocks
} from '../../src/lib/server/case-clock/refresh.service';
import { dateOfDay, dayOfDate } from '../../src/lib/server/clock/day-index';
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
import { cpuMeter, describeCpu, type CpuSeconds } from './cpu-account';
import { describeSeconds, summarize } from './stats';
import { loadLine, measured, measureInitial } from './sync-scale-initial';
import { measureStream } from './sync-scale-stream';

// `npm run bench -- sync-scale --cases 10000000 --keep DIR` (issue 9): the sync at scale,
// each figure the median and p95 of several runs next to its reference from the same run:
//   initial  the first load of an empty product database (a second one on the same
//            server), --initial-runs times, each after a raw COPY of the same rows;
//   bound    with each initial run: a raw COPY into tables with the product's keys and
//            indexes, and the least work of a first load done in parallel (the most any
//            schedule of the sync could reach on this machine);
//   stream   a steady stream of changes in the source (--stream cases a minute) and a pass
//            every --interval seconds, --passes times, each followed by a raw COPY of the
//            rows it read (watermark − overlap, as the pass reads them);
//   refresh  the daily refresh of the open cases for the next --refresh-runs days, a forced
//            recomputation of 200,000 cases, and a plain UPDATE of the same open rows.
// CPU seconds (PostgreSQL + Node) go with the wall-clock times: the machine has 2 cores.

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
      only: { type: 'string', default: 'initial,bound,stream,refresh' }
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
    if (parts.has('initial'))
      await measureInitial(world, { runs: num('initial-runs'), bound: parts.has('bound') }, meter, say);
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
  say(`    (${loadLine()})`);
}
