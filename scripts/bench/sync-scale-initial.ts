import os from 'node:os';
import { bureauToday } from '../../src/lib/server/case-clock/bureau-date';
import { createKysely } from '../../src/lib/server/db/connect';
import { APP_ROLE } from '../../src/lib/server/db/embedded';
import { migrateProduct } from '../../src/lib/server/db/migrate';
import { runSyncPass } from '../../src/lib/server/sync/sync.service';
import { fmt, SCHEMA, SOURCE, timed, withClient, type World } from './bench-world';
import { cpuSince, describeCpu, type CpuSeconds } from './cpu-account';
import { firstLoadBound } from './first-load-bound';
import { dropRawTables, rawCopy, rawCopyShaped } from './raw-copy';
import { describeSeconds, summarize } from './stats';

// The initial sync at scale (part of sync-scale.ts): into an empty second product
// database, each run after a raw COPY of the same rows (the reference). With
// `bound`, each run also measures a raw COPY into tables shaped like the product's (same
// keys and indexes) and the least a first load must do, done in parallel
// (first-load-bound.ts): what this machine allows any schedule of the sync's work.

const FIRST_LOAD_DB = 'bench_first_load';

export const loadLine = () => `load ${os.loadavg()[0].toFixed(1)}`;

export async function measured<T>(
  meter: () => CpuSeconds,
  fn: () => Promise<T>
): Promise<[T, number, CpuSeconds]> {
  const before = meter();
  const [result, seconds] = await timed(fn);
  return [result, seconds, cpuSince(before, meter())];
}

async function freshProductDatabase(world: World): Promise<string> {
  await withClient(world.cluster.url('postgres'), async (c) => {
    await c.query(`DROP DATABASE IF EXISTS ${FIRST_LOAD_DB} WITH (FORCE)`);
    await c.query(`CREATE DATABASE ${FIRST_LOAD_DB} OWNER ${APP_ROLE}`);
  });
  const url = world.cluster.url(FIRST_LOAD_DB, 'app');
  const db = createKysely(url, { max: 1 });
  await migrateProduct(db).finally(() => db.destroy());
  await withClient(world.cluster.url('postgres'), (c) => c.query('CHECKPOINT'));
  return url;
}

const percentOf = (reference: number, seconds: number) => `${((100 * reference) / seconds).toFixed(0)} %`;

export async function measureInitial(
  world: World,
  options: { runs: number; bound: boolean },
  meter: () => CpuSeconds,
  say: (line: string) => void
): Promise<void> {
  say(
    `\n  initial sync into an empty product database, ${options.runs} runs (each after a raw COPY of the same rows)`
  );
  const readerUrl = world.cluster.url(SOURCE, 'reader');
  const raw: number[] = [];
  const sync: number[] = [];
  const ratios: number[] = [];
  const step = async (label: string, rawSeconds: number | null, fn: () => Promise<number>) => {
    const [rows, seconds, cpu] = await measured(meter, fn);
    const ratio = rawSeconds === null ? '' : `; ${percentOf(rawSeconds, seconds)} of the raw rate`;
    say(
      `    ${label.padEnd(28)} ${fmt(rows)} rows  ${seconds.toFixed(1)} s  ${describeCpu(cpu, seconds)}  (${loadLine()})${ratio}`
    );
    return seconds;
  };
  for (let run = 1; run <= options.runs; run++) {
    let url = await freshProductDatabase(world);
    const rawSeconds = await step(`run ${run} raw COPY`, null, () => rawCopy(readerUrl, url, SCHEMA));
    await dropRawTables(url);
    if (options.bound) {
      await step(`run ${run} raw COPY, indexed`, rawSeconds, () => rawCopyShaped(readerUrl, url, SCHEMA));
      await dropRawTables(url);
      url = await freshProductDatabase(world);
      await step(`run ${run} least work, parallel`, rawSeconds, () =>
        firstLoadBound(readerUrl, url, SCHEMA, bureauToday())
      );
    }
    url = await freshProductDatabase(world);
    const syncSeconds = await step(`run ${run} initial sync`, rawSeconds, async () => {
      const pass = await runSyncPass({
        databaseUrl: url,
        sourceUrl: readerUrl,
        sourceSchema: SCHEMA,
        evaluationDate: bureauToday()
      });
      return pass.rowsRead;
    });
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
