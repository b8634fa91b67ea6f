import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoSeedJob } from '../../jobs/demo-seed';
import { SCHEDULE } from '../../jobs/schedule';
import type { BulletinContent } from '../../src/lib/bulletins';
import { monthClosingDate } from '../../src/lib/server/appraisal/appraisal-dates';
import { bureauToday } from '../../src/lib/server/case-clock/bureau-date';
import { loadCalendarFrom } from '../../src/lib/server/case-clock/calendar.repository';
import type { Database } from '../../src/lib/server/db/database';
import { seedProductDemo } from '../../src/lib/server/demo/product-demo/index';
import { loadEvaluationResultsByMonth } from '../../src/lib/server/evaluation/results.service';
import { runJob } from '../../src/lib/server/jobs/run-job';
import { loadDemoWorld } from '../helpers/demo-world';
import { createTestDatabases, type TestDatabases } from '../helpers/test-databases';

// The product-side demo data (src/lib/server/demo/product-demo/) on a small built-in demo:
// nothing when the source is not the embedded demo; on the demo, each area filled through
// the product's services as the demo accounts (the appraisal's events, appeals and closed
// months; the evaluation's rounds and records; the bulletins, published and draft); a
// second run changes nothing; the same demo and day give the same data.

// The real time: the appraisal's rule set is in force from when the migrations ran.
const NOW = new Date();
const TODAY = bureauToday(NOW);

let t: TestDatabases;
beforeAll(async () => {
  t = await createTestDatabases();
  await loadDemoWorld(t, NOW);
});
afterAll(() => t?.destroy());

const context = (t: TestDatabases, demo: boolean) => ({
  db: t.db,
  source: t.source,
  demoSourceWriter: demo ? t.sourceWriter : undefined,
  trigger: 'startup' as const,
  log: () => {}
});

const count = async (db: Kysely<Database>, query: string) =>
  Number((await sql<{ n: string }>`SELECT count(*) AS n FROM ${sql.raw(query)}`.execute(db)).rows[0].n);

/** Every table the seeding writes, as row counts and an md5 of the rows (the audit trail too). */
async function fingerprint(db: Kysely<Database>): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const table of [
    'score_events',
    'score_appeals',
    'appraisal_months',
    'evaluation_firms',
    'evaluation_rounds',
    'evaluation_facility_checks',
    'evaluation_visits',
    'evaluation_surveys',
    'bulletins',
    'audit_log'
  ]) {
    const { rows } = await sql<{ digest: string; n: number }>`
      SELECT md5(coalesce(string_agg(t::text, E'\n' ORDER BY t::text), '')) AS digest, count(*)::int AS n
        FROM ${sql.table(table)} t`.execute(db);
    out[table] = `${rows[0].n}:${rows[0].digest}`;
  }
  return out;
}

/** What the seeding decided, without ids and instants (those differ between two runs). */
async function content(db: Kysely<Database>) {
  const q = async (text: string) => (await sql.raw(text).execute(db)).rows;
  return {
    events: await q(`SELECT staff_id, rule_code, occurred_on, note, status FROM score_events
                      WHERE origin <> 'automatic' ORDER BY occurred_on, staff_id, rule_code`),
    facility: await q(`SELECT r.month, record_no, service_point_id, checked_on, earned, notes
                         FROM evaluation_facility_checks c JOIN evaluation_rounds r ON r.id = c.round_id ORDER BY 1, 2`),
    visits: await q(`SELECT r.month, record_no, window_id, visited_on, visited_time, matter, item_scores,
                            waiting_minutes, problems
                       FROM evaluation_visits v JOIN evaluation_rounds r ON r.id = v.round_id ORDER BY 1, 2`),
    surveys: await q(`SELECT md5(string_agg(concat_ws('|', r.month, record_no, service_point_id, answered_on,
                                 channel, case_no, overall, aspects), E'\n' ORDER BY r.month, record_no)) AS digest
                        FROM evaluation_surveys s JOIN evaluation_rounds r ON r.id = s.round_id`),
    bulletins: await q(
      `SELECT month, status, number_year, number_seq, commentary, content FROM bulletins ORDER BY month`
    )
  };
}

describe('the product-side demo data', () => {
  it('is written only on the embedded demo: the job refuses any other source and writes nothing', async () => {
    const entry = SCHEDULE.find((e) => e.job === 'demo-seed');
    expect(entry).toMatchObject({ demoOnly: true, runAtStart: true });
    const before = await fingerprint(t.db);
    const run = await runJob(demoSeedJob, context(t, false));
    expect(run.status).toBe('failed');
    expect(run.error).toContain('只在内置演示数据源上运行');
    expect(await fingerprint(t.db)).toEqual(before);
    expect(await count(t.db, 'evaluation_rounds')).toBe(0);
    expect(await count(t.db, 'bulletins')).toBe(0);
  });

  it('fills the appraisal: manual events with their evidence described, appeals in three states, closed months', async () => {
    const run = await runJob(demoSeedJob, context(t, true));
    expect(run.status, run.error).toBe('succeeded');

    const events = await t.db
      .selectFrom('score_events as e')
      .innerJoin('users as u', 'u.id', 'e.entered_by')
      .select(['e.id', 'e.note', 'e.status', 'e.entered_at', 'u.login'])
      .where('e.origin', '=', 'manual')
      .execute();
    expect(events.length).toBeGreaterThanOrEqual(8);
    expect(events.every((e) => (e.note ?? '').length > 10)).toBe(true);
    expect(new Set(events.map((e) => e.login))).toEqual(new Set(['section', 'leader']));
    expect(events.map((e) => e.status).sort()).toEqual(
      expect.arrayContaining(['appealed', 'revoked', 'upheld'])
    );
    // Entered on the days they happened: in the past, none after now.
    expect(events.every((e) => e.entered_at.getTime() <= Date.now())).toBe(true);

    const appeals = await t.db
      .selectFrom('score_appeals as a')
      .innerJoin('users as u', 'u.id', 'a.appealed_by')
      .leftJoin('users as r', 'r.id', 'a.reviewer_user_id')
      .select(['u.login as appellant', 'r.login as reviewer', 'a.decision'])
      .orderBy('a.id')
      .execute();
    expect(appeals.map((a) => a.appellant)).toEqual(['staff', 'staff', 'staff']);
    expect(appeals.map((a) => a.decision).sort()).toEqual(['revoked', 'upheld', null].sort());
    expect(appeals.filter((a) => a.decision).every((a) => a.reviewer === 'leader')).toBe(true);

    const calendar = await loadCalendarFrom(t.db);
    const complete = [3, 2, 1].map((n) => {
      const d = new Date(`${TODAY.slice(0, 7)}-15T00:00:00Z`);
      d.setUTCMonth(d.getUTCMonth() - n);
      return d.toISOString().slice(0, 7);
    });
    const closed = await t.db
      .selectFrom('appraisal_months')
      .select(sql<string>`to_char(month, 'YYYY-MM')`.as('month'))
      .where('closed_at', 'is not', null)
      .where('published', '=', true)
      .orderBy('month')
      .execute();
    expect(closed.map((m) => m.month)).toEqual(complete.filter((m) => monthClosingDate(m, calendar) < TODAY));
  });

  it('fills the evaluation: submitted rounds of the complete months, this month’s in entry, a bottom three', async () => {
    const rounds = await t.db
      .selectFrom('evaluation_rounds')
      .select(['id', 'status', 'firm_code', sql<string>`to_char(month, 'YYYY-MM')`.as('month')])
      .orderBy('month')
      .execute();
    expect(rounds.map((r) => r.status)).toEqual(['submitted', 'submitted', 'submitted', 'draft']);
    expect(rounds.at(-1)!.month).toBe(TODAY.slice(0, 7));
    expect(rounds.every((r) => r.firm_code === 'F01')).toBe(true);
    for (const table of ['evaluation_facility_checks', 'evaluation_visits', 'evaluation_surveys'])
      expect(await count(t.db, `${table} WHERE round_id = ${rounds[2].id}`), table).toBeGreaterThan(10);

    const results = (await loadEvaluationResultsByMonth(t.db, `${rounds[2].month}-01`))!;
    const indexes = results.units.filter((u) => u.level === 'service_point').map((u) => u.index!);
    expect(Math.min(...indexes)).toBeLessThan(80); // some do badly …
    expect(Math.max(...indexes)).toBeGreaterThan(88); // … most do well
    expect(results.problems.length).toBeGreaterThan(0);
    expect(results.bottomThreeTwoMonths.length).toBeGreaterThan(0);
  });

  it('fills the bulletins: the older months published by the leader in order, the latest a draft', async () => {
    const bulletins = await t.db
      .selectFrom('bulletins as b')
      .leftJoin('users as u', 'u.id', 'b.published_by')
      .select(['b.status', 'b.number_seq', 'b.commentary', 'b.content', 'u.login'])
      .orderBy('b.month')
      .execute();
    expect(bulletins.map((b) => b.status)).toEqual(['published', 'published', 'draft']);
    expect(bulletins.map((b) => b.number_seq)).toEqual([1, 2, null]);
    expect(bulletins.slice(0, 2).every((b) => b.login === 'leader' && b.commentary.length > 20)).toBe(true);
    const section = (b: (typeof bulletins)[number], key: string) =>
      (b.content as BulletinContent).sections.find((s) => s.key === key)!;
    for (const b of bulletins) {
      expect(section(b, 'evaluation').status).toBe('ok');
      expect(section(b, 'covert_visits').status).toBe('ok');
    }
    expect(section(bulletins[0], 'awards').status).toBe('ok'); // its appraisal month is closed
  });

  it('audits every write under the account that made it', async () => {
    const actors = await t.db
      .selectFrom('audit_log')
      .select(['action', 'actor_login'])
      .distinct()
      .where('action', 'in', [
        'appraisal.event.enter',
        'appraisal.appeal.file',
        'appraisal.appeal.decide',
        'appraisal.month_close',
        'evaluation.round.create',
        'evaluation.import',
        'evaluation.record.create',
        'evaluation.round.submit',
        'bulletin.draft',
        'bulletin.publish'
      ])
      .orderBy('action')
      .orderBy('actor_login')
      .execute();
    expect(actors.map((a) => `${a.action} ${a.actor_login}`)).toEqual([
      'appraisal.appeal.decide leader',
      'appraisal.appeal.file staff',
      'appraisal.event.enter leader',
      'appraisal.event.enter section',
      'appraisal.month_close system',
      'bulletin.draft system',
      'bulletin.publish leader',
      'evaluation.import evaluator',
      'evaluation.record.create evaluator',
      'evaluation.round.create leader',
      'evaluation.round.submit evaluator'
    ]);
  });

  it('changes nothing when it runs again (every later start)', async () => {
    const before = await fingerprint(t.db);
    const report = await seedProductDemo(t.db);
    expect(report).toMatchObject({ appraisal: null, evaluation: null, bulletins: null });
    expect(await fingerprint(t.db)).toEqual(before);
  });

  it('gives the same data for the same demo on the same day', async () => {
    const other = await createTestDatabases();
    try {
      await loadDemoWorld(other, NOW);
      await seedProductDemo(other.db, { now: NOW });
      expect(await content(other.db)).toEqual(await content(t.db));
    } finally {
      await other.destroy();
    }
  });
});
