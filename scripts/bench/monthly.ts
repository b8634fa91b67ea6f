import { parseArgs } from 'node:util';
import { sql, type Kysely } from 'kysely';
import { deriveMonth } from '../../src/lib/server/appraisal/derive.service';
import { SYSTEM_ACTOR } from '../../src/lib/server/audit/audit.repository';
import { composeBulletin } from '../../src/lib/server/bulletins/compose';
import { draftBulletin } from '../../src/lib/server/bulletins/bulletins.service';
import { monthPeriod, previousMonth } from '../../src/lib/server/bulletins/month';
import { bureauToday } from '../../src/lib/server/case-clock/bureau-date';
import { createKysely } from '../../src/lib/server/db/connect';
import type { Database } from '../../src/lib/server/db/database';
import { resolveKpiFilter } from '../../src/lib/server/kpis/kpi-filter';
import { loadKpiCounts } from '../../src/lib/server/kpis/kpis.repository';
import { dataSummary, fmt, machineLine, openWorld, PRODUCT, timed, withClient } from './bench-world';

// `npm run bench -- monthly [--cases 1000000] [--keep DIR] [--runs 3] [--month YYYY-MM]`
// (issue 9): the monthly jobs on a world of N cases (bench-world.ts, shared with the
// dashboard and load benchmarks), each next to a plain-SQL reference of the same run:
//   derive     deriveMonth (the appraisal-derive job) of the month: score_events of the
//              month emptied first, so every event is inserted; then once more unchanged;
//   reference  one statement counting what the derivation reads for the month (cases
//              concluded with their clocks, clocks due, ratings, complaints, reviews);
//   bulletin   draftBulletin (the bulletin-draft job): the first creates the draft, later
//              runs refresh it (bulletins cannot be deleted); composeBulletin alone too;
//   reference  the month's and the previous month's bureau figures by plain aggregates
//              over the raw tables (loadKpiCounts, the dashboard benchmark's "plain").
// Each the median of --runs runs.

const ZONE = 'Asia/Shanghai';
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];

/** The last month that ended before `today` ('YYYY-MM'). */
function lastFullMonth(today: string): string {
  return previousMonth(today.slice(0, 7));
}

async function runs<T>(n: number, before: () => Promise<unknown>, fn: () => Promise<T>) {
  const seconds: number[] = [];
  let last: T | undefined;
  for (let i = 0; i < n; i++) {
    await before();
    const [result, s] = await timed(fn);
    seconds.push(s);
    last = result;
  }
  return { seconds, median: median(seconds), last: last as T };
}

const line = (name: string, r: { seconds: number[]; median: number }, detail = '') =>
  console.log(
    `  ${name.padEnd(22)} median ${r.median.toFixed(2).padStart(7)} s  (${r.seconds.map((s) => s.toFixed(2)).join(', ')})${detail ? `  ${detail}` : ''}`
  );

/** What the derivation reads for the month, counted by plain SQL. */
function derivationInputs(db: Kysely<Database>, month: string) {
  const { from, to } = monthPeriod(month);
  const lo = sql`(${from}::date::timestamp AT TIME ZONE ${ZONE})`;
  const hi = sql`((${to}::date + 1)::timestamp AT TIME ZONE ${ZONE})`;
  return sql<Record<string, string>>`
    SELECT
      (SELECT count(*) FROM cases c JOIN case_clock k ON k.case_id = c.id
        WHERE c.concluded_at >= ${lo} AND c.concluded_at < ${hi}) AS concluded,
      (SELECT count(*) FROM case_clock k
        WHERE k.promised_due_on BETWEEN ${from}::date AND ${to}::date
           OR k.statutory_due_on BETWEEN ${from}::date AND ${to}::date) AS due,
      (SELECT count(*) FROM ratings r WHERE r.rated_at >= ${lo} AND r.rated_at < ${hi}) AS ratings,
      (SELECT count(*) FROM complaints) AS complaints`.execute(db);
}

export async function benchMonthly(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      cases: { type: 'string', default: '1000000' },
      keep: { type: 'string' },
      runs: { type: 'string', default: '3' },
      month: { type: 'string' }
    }
  });
  const cases = Number(values.cases);
  const n = Number(values.runs);
  if (!(cases > 0) || !(n > 0)) throw new Error('--cases and --runs must be positive');
  console.log(
    `npm run bench -- monthly ${args.join(' ')}`.trim() + `   (${new Date().toISOString().slice(0, 16)}Z)`
  );
  console.log(`  ${machineLine()}`);
  const world = await openWorld({ cases, keep: values.keep, withSource: false, port: 58632 });
  try {
    const url = world.cluster.url(PRODUCT, 'app');
    for (const l of await dataSummary(world.cluster.url(PRODUCT))) console.log(`    ${l}`);
    const month = values.month ?? lastFullMonth(bureauToday());
    const first = `${month}-01`;
    console.log(`  month ${month}`);
    const db = createKysely<Database>(url, { max: 2 });
    try {
      const superuser = world.cluster.url(PRODUCT);
      const emptyMonth = () =>
        withClient(superuser, (c) => c.query(`DELETE FROM score_events WHERE month = $1`, [first]));
      const derive = await runs(n, emptyMonth, () => deriveMonth(db, first));
      const d = derive.last;
      const events = Object.entries(d.derived)
        .map(([code, k]) => `${code} ${fmt(k)}`)
        .join(', ');
      line('deriveMonth (empty)', derive, `inserted ${fmt(d.inserted)}; ${events}; shares ${fmt(d.shares)}`);
      const again = await runs(
        n,
        async () => {},
        () => deriveMonth(db, first)
      );
      line(
        'deriveMonth (again)',
        again,
        `inserted ${fmt(again.last.inserted)}, updated ${fmt(again.last.updated)}`
      );
      const inputs = await runs(
        n,
        async () => {},
        () => derivationInputs(db, month)
      );
      const i = inputs.last.rows[0];
      line(
        'reference: inputs',
        inputs,
        `concluded ${fmt(+i.concluded)}, due ${fmt(+i.due)}, ratings ${fmt(+i.ratings)}`
      );

      const today = bureauToday();
      const draft = await runs(
        n,
        async () => {},
        () => draftBulletin(db, SYSTEM_ACTOR, month, today)
      );
      line('draftBulletin', draft, `last outcome ${draft.last.outcome} (#${draft.last.id})`);
      const compose = await runs(
        n,
        async () => {},
        () => composeBulletin(db, month, today)
      );
      line('composeBulletin alone', compose);
      const filter = await resolveKpiFilter(db, {}, 'all');
      const plain = await runs(
        n,
        async () => {},
        async () => [
          await loadKpiCounts(db, monthPeriod(month), filter),
          await loadKpiCounts(db, monthPeriod(previousMonth(month)), filter)
        ]
      );
      line(
        'reference: plain KPIs',
        plain,
        'bureau figures of the month and the month before from the raw tables'
      );
    } finally {
      await db.destroy();
    }
    console.log(`  ${machineLine()}`);
  } finally {
    await world.close();
  }
}
