import os from 'node:os';
import { bureauToday } from '../../src/lib/server/case-clock/bureau-date';
import { DEFAULT_OVERLAP_MINUTES } from '../../src/lib/server/sync/sync-settings';
import { runSyncPass } from '../../src/lib/server/sync/sync.service';
import { readWatermarks } from '../../src/lib/server/sync/watermarks';
import { fmt, PRODUCT, SCHEMA, SOURCE, timed, withClient, type World } from './bench-world';
import { cpuSince, describeCpu, type CpuSeconds } from './cpu-account';
import { dropRawTables, rawCopy } from './raw-copy';
import { describeSeconds, summarize } from './stats';
import { startSyncStream } from './sync-stream';

// The incremental sync under a steady stream of source changes (part of sync-scale.ts):
// a pass every `intervalSeconds`, as the product's schedule runs it, each followed by
// the raw COPY of the rows it read (each relation from its watermark minus the overlap).

/** PostgreSQL's text timestamp ('2026-11-25 21:58:01.12+00') as ISO 8601. */
const isoTimestamp = (text: string) => text.replace(' ', 'T').replace(/([+-]\d\d)$/, '$1:00');

export async function measureStream(
  world: World,
  meter: () => CpuSeconds,
  say: (line: string) => void,
  options: { casesPerMinute: number; intervalSeconds: number; passes: number }
): Promise<void> {
  const productUrl = world.cluster.url(PRODUCT, 'app');
  const readerUrl = world.cluster.url(SOURCE, 'reader');
  const pass = () =>
    runSyncPass({
      databaseUrl: productUrl,
      sourceUrl: readerUrl,
      sourceSchema: SCHEMA,
      evaluationDate: bureauToday()
    });
  // Whatever the source holds beyond the product's watermarks first (a kept world).
  const [caughtUp, catchUpSeconds] = await timed(pass);
  say(
    `\n  incremental sync under a stream of ${fmt(options.casesPerMinute)} new cases a minute (each accepted, ` +
      `concluded, half rated), a pass every ${options.intervalSeconds} s, ${options.passes} passes` +
      `\n    (catch-up pass before the stream: ${fmt(caughtUp.rowsRead)} rows in ${catchUpSeconds.toFixed(1)} s)`
  );
  const stream = await startSyncStream(world.cluster.url(SOURCE), SCHEMA, {
    casesPerMinute: options.casesPerMinute,
    tickSeconds: 2
  });
  const passSeconds: number[] = [];
  const rawSeconds: number[] = [];
  const behind: number[] = [];
  const readRows: number[] = [];
  try {
    for (let i = 1; i <= options.passes; i++) {
      await new Promise((resolve) => setTimeout(resolve, options.intervalSeconds * 1000));
      const since = await withClient(productUrl, async (c) => {
        const marks = await readWatermarks(c, DEFAULT_OVERLAP_MINUTES);
        return new Map([...marks].map(([relation, mark]) => [relation, mark.since]));
      });
      const before = meter();
      const [result, seconds] = await timed(pass);
      const cpu = cpuSince(before, meter());
      const newest = result.relations
        .map((r) => (r.newestRead ? Date.parse(isoTimestamp(r.newestRead)) : 0))
        .reduce((a, b) => Math.max(a, b), 0);
      const lag = newest ? (Date.now() - newest) / 1000 : NaN;
      const [copied, raw] = await timed(() => rawCopy(readerUrl, productUrl, SCHEMA, since));
      await dropRawTables(productUrl);
      passSeconds.push(seconds);
      rawSeconds.push(raw);
      behind.push(lag);
      readRows.push(result.rowsRead);
      say(
        `    pass ${i}: read ${fmt(result.rowsRead)} rows, changed ${fmt(result.rowsChanged)}, clocks ${fmt(result.clocks.cases)}` +
          `  ${seconds.toFixed(2)} s  ${describeCpu(cpu, seconds)}; raw COPY of the same window ${fmt(copied)} rows ${raw.toFixed(2)} s` +
          `; ${lag.toFixed(1)} s behind the newest source row at the end  (load ${os.loadavg()[0].toFixed(1)})`
      );
    }
  } finally {
    const totals = await stream.stop();
    say(`    stream: ${fmt(totals.rows)} rows written in ${totals.ticks} ticks, ${totals.failures} failed`);
  }
  say(
    `    rows read a pass: median ${fmt(summarize(readRows).median)} (the last ${DEFAULT_OVERLAP_MINUTES} minutes are read again by every pass)`
  );
  say(`    pass:     ${describeSeconds(summarize(passSeconds))}`);
  say(`    raw COPY: ${describeSeconds(summarize(rawSeconds))}`);
  say(`    behind the source at the end of a pass: ${describeSeconds(summarize(behind), 1)}`);
}
