import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startProductServer } from '../../tests/helpers/product-server';
import { isBuildStale, runBuild } from '../lib/build';
import { dataSummary, fmt, machineLine, openWorld, PRODUCT, SCHEMA, SOURCE, timed } from './bench-world';
import { startCpuSampler } from './cpu-sampler';
import { pageStats, runVirtualUsers, type PageName, type Sample } from './load-clients';
import { jobRunsBetween, startSourceStream } from './load-stream';
import { prepareUsers } from './load-users';

// `npm run bench -- load [--cases 1000000] [--users 200] [--seconds 60] [--think 0] [--keep DIR]`
// (issue 9): 200 signed-in users browsing the built product while its scheduler syncs
// every minute from a source that receives a steady stream of changes.
//   world    bench-world.ts with its source kept (--keep DIR: built once, reused);
//   stream   the demo tick forced into office hours every --tick seconds on the source
//            (arrivals, acceptances, suspensions, decisions, deliveries, ratings);
//   server   `npm start` with both URLs set and the scheduler ON (sync every minute);
//   users    half leaders, half section heads (own section), each with its own session,
//            looping over overview → warnings → case list → case page → KPI API (token);
//   report   per page and overall median / p95 / p99, throughput, errors, the job runs of
//            the window from job_runs, and CPU by process group.
// Target (issue 9): p99 under 500 ms and no errors.

const PAGES: PageName[] = ['overview', 'warnings', 'case list', 'case page', 'KPI API'];
const say = (line: string) => console.log(line);

export async function benchLoad(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      cases: { type: 'string', default: '1000000' },
      users: { type: 'string', default: '200' },
      seconds: { type: 'string', default: '60' },
      warmup: { type: 'string', default: '10' },
      think: { type: 'string', default: '0' },
      tick: { type: 'string', default: '4' },
      pages: { type: 'string' },
      profile: { type: 'string' },
      samples: { type: 'string' },
      keep: { type: 'string' },
      'build-only': { type: 'boolean', default: false }
    }
  });
  const [cases, users, seconds, warmup, think, tick] = [
    values.cases,
    values.users,
    values.seconds,
    values.warmup,
    values.think,
    values.tick
  ].map(Number);
  if (!(cases > 0 && users > 0 && seconds > 0 && warmup >= 0 && think >= 0 && tick > 0)) {
    throw new Error('--cases, --users, --seconds and --tick must be positive; --warmup and --think ≥ 0');
  }
  say(`npm run bench -- load ${args.join(' ')}`.trim() + `   (${new Date().toISOString().slice(0, 16)}Z)`);
  say(`  ${machineLine()}`);
  const world = await openWorld({ cases, keep: values.keep, withSource: true, port: 58532 });
  try {
    const { cluster } = world;
    say('  data (product):');
    for (const line of await dataSummary(cluster.url(PRODUCT))) say(`    ${line}`);
    if (values['build-only']) return;

    if (isBuildStale()) {
      const [, s] = await timed(runBuild);
      say(`  vite build ${s.toFixed(0)} s`);
    }
    const plan = await prepareUsers(cluster.url(PRODUCT), users);
    const leaders = plan.users.filter((u) => u.role === 'leader').length;
    say(
      `  users: ${leaders} leaders, ${users - leaders} section heads over ${plan.sections.length} sections; ` +
        `think time ${think ? `${think} ms mean (uniform 0.5–1.5×)` : 'none'}`
    );

    const stream = startSourceStream(cluster.url(SOURCE), SCHEMA, tick * 1000);
    const server = await startProductServer(
      {
        DATABASE_URL: cluster.url(PRODUCT, 'app'),
        SOURCE_DATABASE_URL: cluster.url(SOURCE, 'reader'),
        SOURCE_SCHEMA: SCHEMA,
        NO_SCHEDULER: '',
        // --profile DIR: the server writes a V8 CPU profile there when it stops (cpu-profile-preload.ts).
        ...(values.profile
          ? {
              NODE_OPTIONS: `--import=tsx --import=${path.resolve('scripts/bench/cpu-profile-preload.ts')}`,
              BENCH_CPU_PROFILE_DIR: path.resolve(values.profile)
            }
          : {})
      },
      600_000
    );
    try {
      const cpu = startCpuSampler({
        server: server.pid,
        postgres: postmasterPid(world.baseDir),
        bench: process.pid
      });
      const now = performance.now();
      const recordFrom = now + warmup * 1000;
      const until = recordFrom + seconds * 1000;
      const windowStart = new Date(Date.now() + warmup * 1000);
      const pages = values.pages ? (values.pages.split(',') as PageName[]) : PAGES;
      const samples = await runVirtualUsers({
        baseUrl: server.baseUrl,
        plan,
        thinkMs: think,
        until,
        recordFrom,
        pages
      });
      const windowEnd = new Date();
      const usage = cpu.stop();
      const written = await stream.stop();
      // --samples FILE: every request (page, ms, status, bytes, wall time) for a closer look.
      if (values.samples) writeFileSync(values.samples, JSON.stringify(samples));
      const runs = await jobRunsBetween(cluster.url(PRODUCT), windowStart, windowEnd);
      report(samples, (performance.now() - recordFrom) / 1000, say);
      const during = (s: Sample) => runs.syncs.some(([a, b]) => s.wall >= a && s.wall <= b);
      const [inSync, outside] = [samples.filter(during), samples.filter((s) => !during(s))];
      for (const [label, set] of [
        ['while a sync ran', inSync],
        ['otherwise', outside]
      ] as const) {
        const st = pageStats(label, set);
        say(
          `  ${label}: ${fmt(st.n)} requests, median ${st.median.toFixed(0)} / p95 ${st.p95.toFixed(0)} / p99 ${st.p99.toFixed(0)} ms`
        );
      }
      say(
        `  source stream: ${written.ticks} ticks, ${fmt(written.rows)} rows written ` +
          `(${fmt((written.rows / written.seconds) * 60)} a minute), ${written.failures} failed ticks`
      );
      say('  job runs that started in the window (job_runs):');
      for (const line of runs.lines) say(`    ${line}`);
      const cores = Object.entries(usage.cores)
        .map(([group, c]) => `${group} ${c.toFixed(2)}`)
        .join(', ');
      say(
        `  CPU over ${usage.seconds.toFixed(0)} s (cores busy on average): ${cores}; ` +
          `machine ${(usage.machineBusy * 100).toFixed(0)} % busy`
      );
      say(`  ${machineLine()}`);
    } finally {
      await server.stop();
      await stream.stop();
    }
  } finally {
    await world.close();
  }
}

function report(samples: Sample[], seconds: number, say: (line: string) => void): void {
  say('');
  say(`  | page | requests | errors | median (ms) | p95 (ms) | p99 (ms) | max (ms) | body (kB) |`);
  say(`  | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |`);
  const rows = [
    ...PAGES.map((p) =>
      pageStats(
        p,
        samples.filter((s) => s.page === p)
      )
    ).filter((r) => r.n > 0),
    pageStats('all', samples)
  ];
  for (const r of rows) {
    say(
      `  | ${r.page} | ${fmt(r.n)} | ${r.errors} | ${r.median.toFixed(0)} | ${r.p95.toFixed(0)} | ${r.p99.toFixed(0)} | ${r.max.toFixed(0)} | ${r.kb.toFixed(0)} |`
    );
  }
  const statuses = new Map<number, number>();
  for (const s of samples) statuses.set(s.status, (statuses.get(s.status) ?? 0) + 1);
  say(
    `  throughput ${(samples.length / seconds).toFixed(1)} requests/s over ${seconds.toFixed(0)} s; statuses ` +
      [...statuses].map(([status, n]) => `${status || 'network error'}: ${fmt(n)}`).join(', ')
  );
}

/** The embedded server's postmaster (first line of its pid file), to sample its CPU. */
function postmasterPid(baseDir: string): number {
  return Number(readFileSync(path.join(baseDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]);
}
