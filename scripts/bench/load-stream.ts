import pg from 'pg';
import { advanceDemoMinute } from '../../src/lib/server/demo/demo-tick';
import { createKysely } from '../../src/lib/server/db/connect';
import type { SourceDatabase } from '../../src/lib/server/source/source-tables';
import { fmt } from './bench-world';

// The steady stream of changes in the source during the load test: the demo's own minute
// (src/lib/server/demo/demo-tick.ts: arrivals, acceptances, suspensions, decisions,
// deliveries, ratings, each with its case events) forced into office hours, every
// `intervalMs`, with a new seed each time. At the default 10 s it writes a few hundred
// rows a minute, what a busy district bureau's approval system writes.

export interface StreamTotals {
  ticks: number;
  rows: number;
  failures: number;
  seconds: number;
}

export function startSourceStream(sourceSuperuserUrl: string, schema: string, intervalMs: number) {
  const writer = createKysely<SourceDatabase>(sourceSuperuserUrl, { max: 1 }).withSchema(schema);
  const totals: StreamTotals = { ticks: 0, rows: 0, failures: 0, seconds: 0 };
  const started = performance.now();
  let stopped = false;
  let running: Promise<void> = Promise.resolve();
  const tick = async () => {
    try {
      const result = await advanceDemoMinute(writer, { busy: true, seed: 9000 + totals.ticks });
      totals.rows += result.rowsTouched;
    } catch (error) {
      totals.failures++;
      console.error(`  source tick failed: ${error instanceof Error ? error.message : String(error)}`);
    }
    totals.ticks++;
  };
  const timer = setInterval(() => {
    if (!stopped) running = running.then(tick);
  }, intervalMs);
  let done: Promise<StreamTotals> | undefined;
  return {
    stop(): Promise<StreamTotals> {
      done ??= (async () => {
        stopped = true;
        clearInterval(timer);
        await running;
        await writer.destroy();
        totals.seconds = (performance.now() - started) / 1000;
        return totals;
      })();
      return done;
    }
  };
}

/** The job runs that started in [from, to], one line each, with a summary per job. */
export async function jobRunsBetween(
  productUrl: string,
  from: Date,
  to: Date
): Promise<{ lines: string[]; syncs: [number, number][] }> {
  const client = new pg.Client({ connectionString: productUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{
      job_name: string;
      status: string;
      started_at: Date;
      seconds: number | null;
      rows_touched: string;
      message: string | null;
      error: string | null;
    }>(
      `SELECT job_name, status, started_at, extract(epoch FROM finished_at - started_at)::float8 AS seconds,
              rows_touched, message, error
       FROM job_runs WHERE started_at BETWEEN $1 AND $2 ORDER BY started_at`,
      [from, to]
    );
    const lines = rows.map(
      (r) =>
        `${r.started_at.toISOString().slice(11, 19)}Z ${r.job_name} ${r.status} ` +
        (r.status === 'skipped' ? '' : r.seconds === null ? 'unfinished, ' : `${r.seconds.toFixed(1)} s, `) +
        `${fmt(Number(r.rows_touched))} rows` +
        (r.error ? ` — ${r.error.slice(0, 160)}` : r.message ? ` — ${r.message.slice(0, 160)}` : '')
    );
    const syncs = rows.filter((r) => r.job_name === 'sync' && r.status !== 'skipped');
    const durations = syncs.map((r) => r.seconds ?? NaN);
    lines.push(
      `sync: ${syncs.length} runs, ${syncs.filter((r) => r.status !== 'succeeded').length} failed, ` +
        `${rows.filter((r) => r.job_name === 'sync' && r.status === 'skipped').length} skipped (the one before still running), ` +
        `durations ${durations.map((d) => d.toFixed(1)).join(', ') || '—'} s`
    );
    const spans = syncs.map((r): [number, number] => [
      r.started_at.getTime(),
      r.started_at.getTime() + (r.seconds ?? 0) * 1000
    ]);
    return { lines, syncs: spans };
  } finally {
    await client.end();
  }
}
