import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/database';
import type { MonthResults, ScoredPerson, WindowInfo } from './month-results';

// Queries behind the monthly results: who is scored (synced staff as they are now), the
// windows, and the closing records of appraisal_months (the frozen snapshots). Months are
// stored as their first day 'YYYY-MM-01'.

type Db = Kysely<Database>;

/** Active window-facing staff (position window or chief_rep), with section and window. */
export async function listScoredPeople(db: Db): Promise<ScoredPerson[]> {
  const rows = await db
    .selectFrom('staff as s')
    .leftJoin('sections as sec', 'sec.id', 's.section_id')
    .leftJoin('windows as w', 'w.id', 's.window_id')
    .select([
      's.id',
      's.staff_no',
      's.name',
      's.position',
      'sec.code as section_code',
      'sec.name as section_name',
      's.window_id',
      'w.code as window_code',
      'w.name as window_name'
    ])
    .where('s.active', '=', true)
    .where('s.position', 'in', ['window', 'chief_rep'])
    .orderBy('s.id')
    .execute();
  return rows.map((r) => ({
    staffId: r.id,
    staffNo: r.staff_no,
    name: r.name,
    position: r.position as ScoredPerson['position'],
    sectionCode: r.section_code,
    sectionName: r.section_name,
    windowId: r.window_id,
    windowCode: r.window_code,
    windowName: r.window_name
  }));
}

export async function listWindows(db: Db): Promise<WindowInfo[]> {
  const rows = await db
    .selectFrom('windows as w')
    .leftJoin('sections as sec', 'sec.id', 'w.section_id')
    .select(['w.id', 'w.code', 'w.name', 'sec.code as section_code'])
    .orderBy('w.id')
    .execute();
  return rows.map((r) => ({ windowId: r.id, code: r.code, name: r.name, sectionCode: r.section_code }));
}

/** A staff member (any position, active or not) with their section code, for row scope. */
export async function findStaff(db: Db, by: { id: number } | { staffNo: string }) {
  let query = db
    .selectFrom('staff as s')
    .leftJoin('sections as sec', 'sec.id', 's.section_id')
    .select(['s.id', 's.staff_no', 's.name', 's.position', 's.active', 'sec.code as section_code']);
  query = 'id' in by ? query.where('s.id', '=', by.id) : query.where('s.staff_no', '=', by.staffNo);
  return query.executeTakeFirst();
}

export interface MonthRecord {
  month: string;
  closedAt: Date | null;
  closedByLogin: string | null;
  ruleSetId: number | null;
  published: boolean;
}

/** The closing record of a month (without the snapshot), if any. */
export async function findMonthRecord(db: Db, month01: string): Promise<MonthRecord | undefined> {
  const row = await db
    .selectFrom('appraisal_months as m')
    .leftJoin('users as u', 'u.id', 'm.closed_by')
    .select(['m.month', 'm.closed_at', 'u.display_name', 'm.rule_set_id', 'm.published'])
    .where('m.month', '=', month01)
    .executeTakeFirst();
  return (
    row && {
      month: row.month,
      closedAt: row.closed_at,
      closedByLogin: row.display_name,
      ruleSetId: row.rule_set_id,
      published: row.published
    }
  );
}

export async function loadSnapshot(db: Db, month01: string): Promise<MonthResults | null> {
  const row = await db
    .selectFrom('appraisal_months')
    .select('results')
    .where('month', '=', month01)
    .where('closed_at', 'is not', null)
    .executeTakeFirst();
  return (row?.results as MonthResults | undefined) ?? null;
}

/** Freezes a month; refuses (returns false) when it is already closed. */
export async function saveClosing(
  db: Db,
  c: { month01: string; closedAt: Date; closedBy: number | null; ruleSetId: number; results: MonthResults }
): Promise<boolean> {
  const result = await db
    .insertInto('appraisal_months')
    .values({
      month: c.month01,
      closed_at: c.closedAt,
      closed_by: c.closedBy,
      rule_set_id: c.ruleSetId,
      results: JSON.stringify(c.results),
      published: true
    })
    .onConflict((oc) =>
      oc
        .column('month')
        .doUpdateSet({
          closed_at: (eb) => eb.ref('excluded.closed_at'),
          closed_by: (eb) => eb.ref('excluded.closed_by'),
          rule_set_id: (eb) => eb.ref('excluded.rule_set_id'),
          results: (eb) => eb.ref('excluded.results'),
          published: (eb) => eb.ref('excluded.published')
        })
        .where('appraisal_months.closed_at', 'is', null)
    )
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}

/** Closed months in [from, to] with the bureau mean and, given a staff id, their total. */
export async function listClosedTrend(
  db: Db,
  from01: string,
  to01: string,
  staffId: number | null
): Promise<{ month: string; bureauMean: number | null; person: number | null }[]> {
  const rows = await sql<{ month: string; mean: string | null; person: string | null }>`
    SELECT to_char(month, 'YYYY-MM') AS month, results->>'bureauMean' AS mean,
      jsonb_path_query_first(results, '$.staff[*] ? (@.staffId == $id).total',
        jsonb_build_object('id', ${staffId ?? -1}::int))::text AS person
    FROM appraisal_months
    WHERE closed_at IS NOT NULL AND month BETWEEN ${from01}::date AND ${to01}::date
    ORDER BY month`.execute(db);
  return rows.rows.map((r) => ({
    month: r.month,
    bureauMean: r.mean === null ? null : Number(r.mean),
    person: r.person === null ? null : Number(r.person)
  }));
}

/** Months in [from, to] that have score events, 'YYYY-MM'. */
export async function listMonthsWithEvents(db: Db, from01: string, to01: string): Promise<string[]> {
  const rows = await sql<{ month: string }>`
    SELECT DISTINCT to_char(month, 'YYYY-MM') AS month FROM score_events
    WHERE month BETWEEN ${from01}::date AND ${to01}::date ORDER BY 1`.execute(db);
  return rows.rows.map((r) => r.month);
}

/** Months before `before01` that have events and are not closed, oldest first, 'YYYY-MM'. */
export async function listUnclosedMonths(db: Db, before01: string): Promise<string[]> {
  const rows = await sql<{ month: string }>`
    SELECT DISTINCT to_char(e.month, 'YYYY-MM') AS month FROM score_events e
    WHERE e.month < ${before01}::date
      AND NOT EXISTS (SELECT 1 FROM appraisal_months m WHERE m.month = e.month AND m.closed_at IS NOT NULL)
    ORDER BY 1`.execute(db);
  return rows.rows.map((r) => r.month);
}

/** Display names of users by id (authors of rule-set versions). */
export async function userNames(db: Db, ids: readonly number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('users')
    .select(['id', 'display_name'])
    .where('id', 'in', [...ids])
    .execute();
  return new Map(rows.map((r) => [r.id, r.display_name]));
}
