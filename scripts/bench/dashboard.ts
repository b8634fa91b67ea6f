import { percentile } from './stats';
import os from 'node:os';
import { isDeepStrictEqual } from 'node:util';
import { parseArgs } from 'node:util';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import type { KpiCut } from '../../src/lib/kpis/cuts';
import {
  previousPeriod,
  trendGrain,
  yearEarlier,
  type Period,
  type TrendGrain
} from '../../src/lib/kpis/periods';
import { RANKING_METRICS, rankMembers, type MemberFigure } from '../../src/lib/kpis/ranking-metrics';
import { listCases, type CaseListFilter } from '../../src/lib/server/cases/cases.repository';
import { createKysely } from '../../src/lib/server/db/connect';
import type { Database } from '../../src/lib/server/db/database';
import { loadCutMembers } from '../../src/lib/server/kpis/cut-members.repository';
import { assembleKpis } from '../../src/lib/server/kpis/kpi-definitions';
import { memberEntries, resolveKpiFilter, type KpiFilter } from '../../src/lib/server/kpis/kpi-filter';
import { loadFreshness } from '../../src/lib/server/kpis/kpi-freshness.repository';
import type { RankingCounts } from '../../src/lib/server/kpis/kpi-ranking.repository';
import { loadKpiCounts } from '../../src/lib/server/kpis/kpis.repository';
import {
  loadOverview,
  type Overview,
  type OverviewRequest
} from '../../src/lib/server/kpis/overview.service';
import { dataSummary, openWorld, PRODUCT, withClient } from './bench-world';
import {
  countFlags,
  countLightsBySection,
  listLitCases
} from '../../src/lib/server/warnings/warnings.repository';

// `npm run bench -- dashboard [--cases 1000000] [--iterations 30] [--plain-iterations N] [--keep DIR]`
// (issue 5): the server time of the dashboard's pages on a product database of N cases,
// next to the same figures computed by plain queries over the raw tables, in one run.
//   set-up   the demo generator at the right scale into a demo source, the product's
//            initial sync, VACUUM ANALYZE (the state autovacuum leaves after a first load),
//            and the full rollup rebuild; each step timed. --keep DIR builds there once and
//            reuses the cluster on later runs (the server is stopped at the end either way).
//   measure  warm-up calls, then timed calls of each page; median and p95 in ms. Every
//            plain result is checked EQUAL to the page's (the run fails otherwise).
// Targets (docs/benchmarks.md): p95 < 150 ms at 10,000,000 cases, ≥ 20× the plain queries.

const ZONE = 'Asia/Shanghai';
const POOL_SIZE = 10; // as the web server's pool (src/lib/server/db/index.ts)

const log = (message: string) => console.log(message);

// ---------------------------------------------------------------- plain equivalents

/** [lo, hi) instants of a period of local dates, as SQL. */
const lo = (p: Period) => sql`(${p.from}::date::timestamp AT TIME ZONE ${ZONE})`;
const hi = (p: Period) => sql`((${p.to}::date + 1)::timestamp AT TIME ZONE ${ZONE})`;
const within = (column: string, p: Period) =>
  sql`(${sql.ref(column)} >= ${lo(p)} AND ${sql.ref(column)} < ${hi(p)})`;

/** The bench's cuts: a section and/or one matter (aliases m: the case's matter; w: a follower's window). */
function caseFilter(filter: KpiFilter) {
  const members = memberEntries(filter);
  if (members.some(([d]) => d !== 'matter'))
    throw new Error('the plain queries of the bench cut by section and matter only');
  const parts = [sql`true`];
  if (filter.sections !== null) parts.push(sql`m.section_id = ANY(${filter.sections}::int[])`);
  if (filter.members.matter !== undefined) parts.push(sql`m.id = ${Number(filter.members.matter)}`);
  return sql.join(parts, sql` AND `);
}

function followerFilter(filter: KpiFilter, t: string) {
  const parts = [sql`true`];
  const section = sql.raw(`CASE WHEN ${t}.case_id IS NOT NULL THEN m.section_id ELSE w.section_id END`);
  if (filter.sections !== null) parts.push(sql`${section} = ANY(${filter.sections}::int[])`);
  if (filter.members.matter !== undefined) parts.push(sql`m.id = ${Number(filter.members.matter)}`);
  return sql.join(parts, sql` AND `);
}

interface PlainTrendRow {
  bucket: string;
  received: number;
  concluded: number;
  promisedOnTime: number;
  statutoryOnTime: number;
  withProcessing: number;
  processingDays: number;
  statutoryDays: number;
}

/** The trend by a plain GROUP BY over cases and case_clock. */
async function plainTrend(db: Kysely<Database>, period: Period, filter: KpiFilter, grain: TrendGrain) {
  const bucket = (column: string) =>
    sql`to_char(date_trunc(${grain}, ${sql.ref(column)} AT TIME ZONE ${ZONE}), 'YYYY-MM-DD')`;
  const where = caseFilter(filter);
  const result = await sql<Record<string, string>>`
    SELECT bucket, sum(received) AS received, sum(concluded) AS concluded, sum(pot) AS pot, sum(sot) AS sot,
      sum(wp) AS wp, sum(pd) AS pd, sum(sd) AS sd
    FROM (
      SELECT ${bucket('c.received_at')} AS bucket, 1 AS received, 0 AS concluded, 0 AS pot, 0 AS sot, 0 AS wp,
        0 AS pd, 0 AS sd
      FROM cases c JOIN matters m ON m.id = c.matter_id
      WHERE ${within('c.received_at', period)} AND ${where}
      UNION ALL
      SELECT ${bucket('c.concluded_at')}, 0, 1, coalesce(k.promised_on_time, false)::int,
        coalesce(k.statutory_on_time, false)::int, (k.processing_days IS NOT NULL)::int,
        coalesce(k.processing_days, 0), CASE WHEN k.processing_days IS NOT NULL THEN k.statutory_days ELSE 0 END
      FROM cases c JOIN matters m ON m.id = c.matter_id LEFT JOIN case_clock k ON k.case_id = c.id
      WHERE c.status = 'concluded' AND ${within('c.concluded_at', period)} AND ${where}
    ) f
    GROUP BY bucket ORDER BY bucket`.execute(db);
  return result.rows.map((r): PlainTrendRow => ({
    bucket: r.bucket,
    received: Number(r.received),
    concluded: Number(r.concluded),
    promisedOnTime: Number(r.pot),
    statutoryOnTime: Number(r.sot),
    withProcessing: Number(r.wp),
    processingDays: Number(r.pd),
    statutoryDays: Number(r.sd)
  }));
}

/** One row per member (section or matter) by a plain GROUP BY over the raw tables. */
async function plainRanking(
  db: Kysely<Database>,
  period: Period,
  filter: KpiFilter,
  dimension: 'section' | 'matter'
): Promise<RankingCounts[]> {
  const caseKey = sql.raw(dimension === 'section' ? 'm.section_id' : 'm.id');
  const ratingKey = sql.raw(
    dimension === 'section'
      ? 'CASE WHEN r.case_id IS NOT NULL THEN m.section_id ELSE w.section_id END'
      : 'm.id'
  );
  const where = caseFilter(filter);
  const result = await sql<Record<string, string>>`
    SELECT key::text AS key, sum(received) AS received, sum(concluded) AS concluded, sum(pot) AS pot,
      sum(sot) AS sot, sum(wp) AS wp, sum(pd) AS pd, sum(same_day) AS same_day, sum(ratings) AS ratings,
      sum(good) AS good, sum(open) AS open, sum(red) AS red
    FROM (
      SELECT ${caseKey} AS key, 1 AS received, 0 AS concluded, 0 AS pot, 0 AS sot, 0 AS wp, 0 AS pd,
        0 AS same_day, 0 AS ratings, 0 AS good, 0 AS open, 0 AS red
      FROM cases c JOIN matters m ON m.id = c.matter_id
      WHERE ${within('c.received_at', period)} AND ${where}
      UNION ALL
      SELECT ${caseKey}, 0, 1, coalesce(k.promised_on_time, false)::int, coalesce(k.statutory_on_time, false)::int,
        (k.processing_days IS NOT NULL)::int, coalesce(k.processing_days, 0), (k.processing_days = 0)::int,
        0, 0, 0, 0
      FROM cases c JOIN matters m ON m.id = c.matter_id LEFT JOIN case_clock k ON k.case_id = c.id
      WHERE c.status = 'concluded' AND ${within('c.concluded_at', period)} AND ${where}
      UNION ALL
      SELECT ${ratingKey}, 0, 0, 0, 0, 0, 0, 0, 1, (r.level >= 4)::int, 0, 0
      FROM ratings r LEFT JOIN cases c ON c.id = r.case_id LEFT JOIN matters m ON m.id = c.matter_id
        LEFT JOIN windows w ON w.id = r.window_id
      WHERE ${within('r.rated_at', period)} AND ${followerFilter(filter, 'r')}
      UNION ALL
      SELECT ${caseKey}, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, (k.colour = 'red')::int
      FROM case_clock k JOIN cases c ON c.id = k.case_id JOIN matters m ON m.id = c.matter_id
      WHERE k.open AND ${where}
    ) f
    WHERE key IS NOT NULL
    GROUP BY key`.execute(db);
  return result.rows.map((r) => ({
    key: r.key,
    received: Number(r.received),
    concluded: Number(r.concluded),
    promisedOnTime: Number(r.pot),
    statutoryOnTime: Number(r.sot),
    withProcessing: Number(r.wp),
    processingDays: Number(r.pd),
    sameDay: Number(r.same_day),
    ratings: Number(r.ratings),
    goodRatings: Number(r.good),
    openNow: Number(r.open),
    redNow: Number(r.red)
  }));
}

const share = (numerator: number, denominator: number) =>
  denominator === 0 ? null : numerator / denominator;

/** The overview's figures, trend and ranking by plain aggregates (same shapes as loadOverview). */
async function plainOverview(db: Kysely<Database>, request: OverviewRequest) {
  const { period, cut, scope } = request;
  const filter = await resolveKpiFilter(db, cut, scope);
  const grain = trendGrain(period);
  const members = memberEntries(filter);
  const dimension = request.rankBy;
  if (dimension !== 'section' && dimension !== 'matter') throw new Error('rank by section or matter');
  const ranks = members.length === 0 || (members.length === 1 && members[0][0] === dimension);
  const [now, before, yearBefore, trend, ranking] = await Promise.all([
    loadKpiCounts(db, period, filter),
    loadKpiCounts(db, previousPeriod(period), filter),
    loadKpiCounts(db, yearEarlier(period), filter),
    plainTrend(db, period, filter, grain),
    ranks ? plainRanking(db, period, filter, dimension) : null,
    loadCutMembers(db, scope),
    loadFreshness(db)
  ]);
  const spec = RANKING_METRICS[request.metric];
  return {
    figures: assembleKpis(now),
    previousFigures: assembleKpis(before),
    yearEarlierFigures: assembleKpis(yearBefore),
    trend: trend.map((t) => ({
      bucket: t.bucket,
      received: t.received,
      concluded: t.concluded,
      onTimePromised: share(t.promisedOnTime, t.concluded),
      onTimeStatutory: share(t.statutoryOnTime, t.concluded),
      avgProcessingDays: share(t.processingDays, t.withProcessing),
      avgStatutoryDays: share(t.statutoryDays, t.withProcessing)
    })),
    ranking:
      ranking &&
      rankMembers(
        ranking.map((row) => ({ key: row.key, figure: spec.value(row) })),
        request.metric
      )
  };
}

type PlainOverview = Awaited<ReturnType<typeof plainOverview>>;

/** A ranking row with nothing to rank (a member with only, say, accepted cases in the period). */
const emptyFigure = (f: MemberFigure) => !f.value && !f.numerator && !f.denominator;
const rankingKeys = (rows: { key: string; figure: MemberFigure }[] | null | undefined) =>
  rows
    ? rows
        .filter((r) => !emptyFigure(r.figure))
        .map((r) => ({ key: r.key, figure: r.figure }))
        .sort((a, b) => a.key.localeCompare(b.key))
    : null;
const trendPoints = (points: NonNullable<Overview['trend']>['points'] | undefined) =>
  (points ?? []).filter((p) => p.received !== 0 || p.concluded !== 0);

function checkOverview(label: string, rolled: Overview, plain: PlainOverview): void {
  const pairs: [string, unknown, unknown][] = [
    ['figures', rolled.figures, plain.figures],
    ['previous period', rolled.previousFigures, plain.previousFigures],
    ['year earlier', rolled.yearEarlierFigures, plain.yearEarlierFigures],
    ['trend', trendPoints(rolled.trend?.points), plain.trend],
    ['ranking', rankingKeys(rolled.ranking?.rows), rankingKeys(plain.ranking)]
  ];
  for (const [what, a, b] of pairs) {
    if (!isDeepStrictEqual(a, b)) {
      throw new Error(
        `${label}: the rollups' ${what} differ from the plain aggregates:\n  rollups ${JSON.stringify(a)}\n  plain   ${JSON.stringify(b)}`
      );
    }
  }
}

// ---------------------------------------------------------------- warnings and case list

/** The load of src/routes/warnings/+page.server.ts: its repository calls. */
async function loadWarnings(db: Kysely<Database>) {
  const [sections, red, yellow, statutory, flags] = await Promise.all([
    countLightsBySection(db, 'all'),
    listLitCases(db, 'all', 'red'),
    listLitCases(db, 'all', 'yellow'),
    listLitCases(db, 'all', 'statutory'),
    countFlags(db, 'all')
  ]);
  return { sections, red, yellow, statutory, flags };
}

/** The same by plain queries: the counts straight from the clocks joined to their cases. */
async function plainWarnings(db: Kysely<Database>) {
  const [sections, red, yellow, statutory, flags] = await Promise.all([
    sql<Record<string, string>>`
      SELECT s.code AS section_code, s.name AS section_name, count(*) AS open,
        count(*) FILTER (WHERE k.colour = 'yellow') AS yellow, count(*) FILTER (WHERE k.colour = 'red') AS red,
        count(*) FILTER (WHERE k.paused) AS paused, count(*) FILTER (WHERE k.statutory_overdue) AS statutory_overdue
      FROM case_clock k JOIN cases c ON c.id = k.case_id JOIN matters m ON m.id = c.matter_id
        JOIN sections s ON s.id = m.section_id
      WHERE k.open GROUP BY s.code, s.name ORDER BY s.code`.execute(db),
    listLitCases(db, 'all', 'red'),
    listLitCases(db, 'all', 'yellow'),
    listLitCases(db, 'all', 'statutory'),
    sql<Record<string, string>>`
      SELECT unnest(k.flags) AS flag, count(*) AS n
      FROM case_clock k JOIN cases c ON c.id = k.case_id JOIN matters m ON m.id = c.matter_id
        JOIN sections s ON s.id = m.section_id
      WHERE k.flags <> '{}' GROUP BY 1 ORDER BY 1`.execute(db)
  ]);
  return { sections: sections.rows, red, yellow, statutory, flags: flags.rows };
}

const PAGE = 50;

function caseListPage(db: Kysely<Database>, extra: Partial<CaseListFilter>) {
  // limit + 1: the page asks for one more row to know whether there is a next page.
  return listCases(db, { limit: PAGE + 1, offset: 0, ...extra }, 'all');
}

// ---------------------------------------------------------------- timing

interface Timing {
  median: number;
  p95: number;
  n: number;
}

async function measure(fn: () => Promise<unknown>, iterations: number, warmup: number): Promise<Timing> {
  for (let i = 0; i < warmup; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const started = performance.now();
    await fn();
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  return { median: percentile(samples, 0.5), p95: percentile(samples, 0.95), n: samples.length };
}

/** Like the web pool, with the planner denied every index: the page's queries over the bare tables. */
function noIndexDb(url: string): Kysely<Database> {
  const pool = new pg.Pool({
    connectionString: url,
    max: POOL_SIZE,
    options: '-c enable_indexscan=off -c enable_indexonlyscan=off -c enable_bitmapscan=off'
  });
  pool.on('error', () => {});
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}

// ---------------------------------------------------------------- main

function lastFullMonth(lastDay: string): Period {
  const [y, m, d] = lastDay.split('-').map(Number);
  const monthEnd = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const [yy, mm] = d === monthEnd ? [y, m] : m === 1 ? [y - 1, 12] : [y, m - 1];
  const end = new Date(Date.UTC(yy, mm, 0)).getUTCDate();
  const month = `${yy}-${String(mm).padStart(2, '0')}`;
  return { from: `${month}-01`, to: `${month}-${String(end).padStart(2, '0')}` };
}

export async function benchDashboard(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      cases: { type: 'string', default: '1000000' },
      iterations: { type: 'string', default: '30' },
      'plain-iterations': { type: 'string' },
      warmup: { type: 'string', default: '3' },
      keep: { type: 'string' },
      'build-only': { type: 'boolean', default: false }
    }
  });
  const cases = Number(values.cases);
  const iterations = Number(values.iterations);
  const plainIterations = Number(values['plain-iterations'] ?? values.iterations);
  const warmup = Number(values.warmup);
  if (!(cases > 0) || !(iterations > 0) || !(plainIterations > 0) || !(warmup >= 0)) {
    throw new Error('--cases, --iterations and --plain-iterations must be positive');
  }
  const report: string[] = [];
  const say = (line: string) => {
    report.push(line);
    log(line);
  };
  const cpus = os.cpus();
  say(
    `npm run bench -- dashboard ${args.join(' ')}`.trim() + `   (${new Date().toISOString().slice(0, 16)}Z)`
  );
  say(
    `  CPU ${cpus[0]?.model ?? 'unknown'} × ${cpus.length}, RAM ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, Node ${process.version}`
  );
  say(
    `  load at start: ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`
  );

  const world = await openWorld({ cases, keep: values.keep, withSource: false, port: 58432 });
  const { cluster, setup, reused: reuse } = world;
  try {
    const version = await withClient(cluster.url(PRODUCT), (c) =>
      c.query<{ v: string }>(`SELECT current_setting('server_version') AS v`)
    );
    say(
      `  PostgreSQL ${version.rows[0].v} (embedded, default settings); web pool of ${POOL_SIZE} connections`
    );
    say(`  set-up (${reuse ? `built ${setup.builtAt}` : 'this run'}):`);
    for (const s of setup.steps)
      say(`    ${s.name.padEnd(14)} ${s.seconds.toFixed(1).padStart(7)} s${s.detail ? `  ${s.detail}` : ''}`);
    say('  data:');
    for (const line of await dataSummary(cluster.url(PRODUCT))) say(`    ${line}`);

    if (values['build-only']) return;
    const productUrl = cluster.url(PRODUCT, 'app');
    const db = createKysely<Database>(productUrl, { max: POOL_SIZE });
    const bare = noIndexDb(productUrl);
    try {
      await runMeasurements(db, bare, { iterations, plainIterations, warmup }, say);
    } finally {
      await db.destroy();
      await bare.destroy();
    }
    say(
      `  load at end: ${os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}`
    );
    log('\n--- for docs/benchmarks.md ---\n' + report.join('\n'));
  } finally {
    await world.close();
  }
}

interface Counts {
  iterations: number;
  plainIterations: number;
  warmup: number;
}

async function runMeasurements(
  db: Kysely<Database>,
  bare: Kysely<Database>,
  counts: Counts,
  say: (line: string) => void
): Promise<void> {
  const { iterations, plainIterations, warmup } = counts;
  // The periods: the last full month of the data, and the twelve months ending with it.
  const last = await sql<{ day: string }>`
    SELECT to_char(max(received_at) AT TIME ZONE ${ZONE}, 'YYYY-MM-DD') AS day FROM cases`.execute(db);
  const month = lastFullMonth(last.rows[0].day);
  const year: Period = { from: monthStart(month.from, -11), to: month.to };
  // The busiest section and matter of the month.
  const section = await sql<{ code: string; id: number }>`
    SELECT s.code, s.id FROM cases c JOIN matters m ON m.id = c.matter_id JOIN sections s ON s.id = m.section_id
    WHERE c.received_at >= ${lo(month)} AND c.received_at < ${hi(month)}
    GROUP BY s.code, s.id ORDER BY count(*) DESC LIMIT 1`.execute(db);
  const matter = await sql<{ code: string }>`
    SELECT m.code FROM cases c JOIN matters m ON m.id = c.matter_id
    WHERE c.received_at >= ${lo(month)} AND c.received_at < ${hi(month)}
    GROUP BY m.code ORDER BY count(*) DESC LIMIT 1`.execute(db);
  const sectionCode = section.rows[0].code;
  const matterCode = matter.rows[0].code;
  say(
    `  periods: month ${month.from}…${month.to}, year ${year.from}…${year.to}; section ${sectionCode}, matter ${matterCode}`
  );

  const rows: { page: string; fast: Timing; plain: Timing; note?: string }[] = [];
  const record = (page: string, fast: Timing, plain: Timing, note?: string) => {
    rows.push({ page, fast, plain, note });
    const speedUp = plain.median / fast.median;
    log(
      `  ${page.padEnd(40)} fast ${fast.median.toFixed(1).padStart(8)} / ${fast.p95.toFixed(1).padStart(8)} ms   ` +
        `plain ${plain.median.toFixed(1).padStart(9)} / ${plain.p95.toFixed(1).padStart(9)} ms   ×${speedUp.toFixed(0)}`
    );
  };

  // ---- overview
  const overviews: [string, OverviewRequest][] = [
    ['overview, month, uncut', request(month, {}, 'section')],
    ['overview, year, uncut', request(year, {}, 'section')],
    [`overview, month, section ${sectionCode}`, request(month, { section: sectionCode }, 'section')],
    [`overview, month, matter ${matterCode}`, request(month, { matter: matterCode }, 'matter')]
  ];
  log('');
  for (const [label, req] of overviews) {
    const rolled = await loadOverview(db, req);
    const plain = await plainOverview(db, req);
    checkOverview(label, rolled, plain);
    const fast = await measure(() => loadOverview(db, req), iterations, warmup);
    const slow = await measure(() => plainOverview(db, req), plainIterations, 0);
    record(label, fast, slow);
  }

  // ---- warnings
  const warnings = await loadWarnings(db);
  const bareWarnings = await plainWarnings(bare);
  if (!isDeepStrictEqual(warnings, bareWarnings)) {
    throw new Error(
      `warnings: the plain queries give other results:\n  page  ${JSON.stringify(warnings.sections)} ${JSON.stringify(warnings.flags)}\n  plain ${JSON.stringify(bareWarnings.sections)} ${JSON.stringify(bareWarnings.flags)}`
    );
  }
  record(
    'warnings',
    await measure(() => loadWarnings(db), iterations, warmup),
    await measure(() => plainWarnings(bare), plainIterations, 0)
  );

  // ---- case list
  const drill: Partial<CaseListFilter> = { basis: 'concluded', period: month, section: sectionCode };
  const lists: [string, Partial<CaseListFilter>][] = [
    ['case list, newest first', {}],
    [`case list, section ${sectionCode}`, { section: sectionCode }],
    [`case list, concluded in month, ${sectionCode}`, drill]
  ];
  for (const [label, filter] of lists) {
    const a = await caseListPage(db, filter);
    const b = await caseListPage(bare, filter);
    if (!isDeepStrictEqual(a, b)) throw new Error(`${label}: the plain query gives other rows`);
    if (a.length === 0 || (filter.section && a.some((r) => r.section_code !== filter.section))) {
      throw new Error(`${label}: no rows, or rows of another section`);
    }
    if (filter === drill && a.some((r) => r.status !== 'concluded' || !r.concluded_at)) {
      throw new Error(`${label}: listCases gave cases not concluded`);
    }
    record(
      label,
      await measure(() => caseListPage(db, filter), iterations, warmup),
      await measure(() => caseListPage(bare, filter), plainIterations, 0)
    );
  }

  say('');
  say(`  | page | median / p95 (ms) | plain median / p95 (ms) | speed-up (median) |`);
  say(`  | --- | ---: | ---: | ---: |`);
  for (const r of rows) {
    say(
      `  | ${r.page} | ${r.fast.median.toFixed(1)} / ${r.fast.p95.toFixed(1)} | ${r.plain.median.toFixed(0)} / ${r.plain.p95.toFixed(0)} | ×${(r.plain.median / r.fast.median).toFixed(0)} |`
    );
  }
  say(
    `  (${iterations} timed calls each after ${warmup} warm-up calls; plain: ${plainIterations} timed calls after one` +
      ` untimed call, the equality check; p95 = nearest rank, so with fewer than 20 calls the slowest)`
  );
}

/** The first of the month `months` months away from `date`'s. */
function monthStart(date: string, months: number): string {
  const [y, m] = date.split('-').map(Number);
  const index = y * 12 + (m - 1) + months;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}-01`;
}

function request(period: Period, cut: KpiCut, rankBy: 'section' | 'matter'): OverviewRequest {
  return { period, cut, scope: 'all', rankBy, metric: 'on_time_rate_promised' };
}
