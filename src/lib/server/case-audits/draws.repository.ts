import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../db/database';

// Queries of the draw: the population and the inspector pool it is drawn from, and the
// draw's rows (written once, never changed). Run inside the caller's transaction.

type Db = Kysely<Database> | Transaction<Database>;

const ZONE = 'Asia/Shanghai';
/** Cases without a section (a matter whose section is not synced) go into their own stratum. */
export const NO_SECTION = '（无科室）';

export interface PopulationFilter {
  periodFrom: string;
  periodTo: string;
  sectionCodes: readonly string[];
  matterCodes: readonly string[];
}

/** Cases concluded on the bureau-local days from..to, within the sections and matters. */
export async function readPopulation(db: Db, filter: PopulationFilter) {
  let query = db
    .selectFrom('cases as c')
    .innerJoin('matters as m', 'm.id', 'c.matter_id')
    .leftJoin('sections as s', 's.id', 'm.section_id')
    .select(['c.id', 'c.case_no', 'm.code as matter_code'])
    .select(sql<string>`coalesce(s.code, ${NO_SECTION})`.as('section_code'))
    .where('c.status', '=', 'concluded')
    .where(sql<boolean>`c.concluded_at >= (${filter.periodFrom}::date::timestamp AT TIME ZONE ${ZONE})`)
    .where(sql<boolean>`c.concluded_at < ((${filter.periodTo}::date + 1)::timestamp AT TIME ZONE ${ZONE})`);
  if (filter.sectionCodes.length) query = query.where('s.code', 'in', [...filter.sectionCodes]);
  if (filter.matterCodes.length) query = query.where('m.code', 'in', [...filter.matterCodes]);
  return query.orderBy('c.case_no').execute();
}

/**
 * The reviewer pool: active users holding the inspector role, with the sections they
 * belong to (their scope, and the section of the staff record their staff_no links to).
 */
export async function readInspectorPool(db: Db) {
  return db
    .selectFrom('users as u')
    .leftJoin('staff as st', 'st.staff_no', 'u.staff_no')
    .leftJoin('sections as s', 's.id', 'st.section_id')
    .select(['u.id', 'u.display_name', 'u.staff_no', 'u.section_codes', 's.code as staff_section_code'])
    .where('u.active', '=', true)
    .where(sql<boolean>`'inspector' = ANY(u.roles)`)
    .orderBy('u.id')
    .execute();
}

/** The staff numbers that handled each case: its handler and whoever recorded an event. */
export async function readCaseHandlers(db: Db, caseIds: readonly string[]) {
  if (caseIds.length === 0) return [];
  const ids = sql`${[...caseIds]}::bigint[]`;
  const result = await sql<{ case_id: string; staff_no: string }>`
    SELECT c.id AS case_id, st.staff_no FROM cases c JOIN staff st ON st.id = c.handler_staff_id
    WHERE c.id = ANY(${ids})
    UNION
    SELECT e.case_id, st.staff_no FROM case_events e JOIN staff st ON st.id = e.staff_id
    WHERE e.case_id = ANY(${ids})`.execute(db);
  return result.rows;
}

export interface DrawRows {
  planId: number;
  /** A re-draw: the (already void) draw of the same plan it supersedes. */
  supersedesDrawId?: number | null;
  drawnBy: number;
  populationSize: number;
  sampleSize: number;
  populationDigest: string;
  strata: { stratum: string; populationSize: number; sampleSize: number }[];
  population: { caseNo: string; stratum: string }[];
  cases: { caseId: string; caseNo: string; stratum: string; key: string; position: number }[];
  pool: { userId: number; displayName: string }[];
  reviewers: {
    caseNo: string;
    userId: number;
    outcome: 'drawn' | 'skipped';
    key: string;
    position: number;
  }[];
}

/** Rows per INSERT: well under PostgreSQL's 65,535 parameters. */
const CHUNK = 5000;

async function insertChunked<T>(items: readonly T[], insert: (chunk: T[]) => Promise<unknown>) {
  for (let i = 0; i < items.length; i += CHUNK) await insert(items.slice(i, i + CHUNK));
}

export async function insertDraw(db: Db, rows: DrawRows): Promise<{ id: number; drawnAt: Date }> {
  const draw = await db
    .insertInto('audit_draws')
    .values({
      plan_id: rows.planId,
      drawn_by: rows.drawnBy,
      population_size: rows.populationSize,
      sample_size: rows.sampleSize,
      population_digest: rows.populationDigest,
      supersedes_draw_id: rows.supersedesDrawId ?? null
    })
    .returning(['id', 'drawn_at'])
    .executeTakeFirstOrThrow();
  const draw_id = draw.id;
  await insertChunked(rows.strata, (chunk) =>
    db
      .insertInto('audit_draw_strata')
      .values(
        chunk.map((s) => ({
          draw_id,
          stratum: s.stratum,
          population_size: s.populationSize,
          sample_size: s.sampleSize
        }))
      )
      .execute()
  );
  await insertChunked(rows.population, (chunk) =>
    db
      .insertInto('audit_draw_population')
      .values(chunk.map((p) => ({ draw_id, case_no: p.caseNo, stratum: p.stratum })))
      .execute()
  );
  await insertChunked(rows.cases, (chunk) =>
    db
      .insertInto('audit_draw_cases')
      .values(
        chunk.map((c) => ({
          draw_id,
          case_id: c.caseId,
          case_no: c.caseNo,
          stratum: c.stratum,
          key: c.key,
          position: c.position
        }))
      )
      .execute()
  );
  await insertChunked(rows.pool, (chunk) =>
    db
      .insertInto('audit_draw_pool')
      .values(chunk.map((p) => ({ draw_id, reviewer_user_id: p.userId, display_name: p.displayName })))
      .execute()
  );
  await insertChunked(rows.reviewers, (chunk) =>
    db
      .insertInto('audit_draw_reviewers')
      .values(
        chunk.map((r) => ({
          draw_id,
          case_no: r.caseNo,
          reviewer_user_id: r.userId,
          outcome: r.outcome,
          key: r.key,
          position: r.position
        }))
      )
      .execute()
  );
  return { id: draw_id, drawnAt: draw.drawn_at };
}

export async function findDraw(db: Db, id: number) {
  return db
    .selectFrom('audit_draws as d')
    .innerJoin('users as u', 'u.id', 'd.drawn_by')
    .selectAll('d')
    .select('u.display_name as drawn_by_name')
    .where('d.id', '=', id)
    .executeTakeFirst();
}

/** Draws newest first, with their plan's title (all plans, or one). */
export async function listDraws(db: Db, planId?: number) {
  let query = db
    .selectFrom('audit_draws as d')
    .innerJoin('audit_plans as p', 'p.id', 'd.plan_id')
    .innerJoin('users as u', 'u.id', 'd.drawn_by')
    .leftJoin('audit_draw_voids as v', 'v.draw_id', 'd.id')
    .select(['d.id', 'd.plan_id', 'd.drawn_at', 'd.population_size', 'd.sample_size', 'p.title'])
    .select(['d.supersedes_draw_id', 'v.voided_at'])
    .select('u.display_name as drawn_by_name');
  if (planId !== undefined) query = query.where('d.plan_id', '=', planId);
  return query.orderBy('d.id', 'desc').execute();
}

export async function listDrawStrata(db: Db, drawId: number) {
  return db
    .selectFrom('audit_draw_strata')
    .select(['stratum', 'population_size', 'sample_size'])
    .where('draw_id', '=', drawId)
    .execute();
}

/** The drawn cases in printed order, with what the sheet shows of each (no applicant data). */
export async function listDrawCases(db: Db, drawId: number) {
  return db
    .selectFrom('audit_draw_cases as dc')
    .leftJoin('cases as c', 'c.id', 'dc.case_id')
    .leftJoin('matters as m', 'm.id', 'c.matter_id')
    .select(['dc.case_no', 'dc.stratum', 'dc.key', 'dc.position', 'm.name as matter_name', 'c.concluded_at'])
    .where('dc.draw_id', '=', drawId)
    .orderBy('dc.position')
    .execute();
}

export async function listDrawPopulation(db: Db, drawId: number) {
  return db
    .selectFrom('audit_draw_population')
    .select(['case_no', 'stratum'])
    .where('draw_id', '=', drawId)
    .orderBy('case_no')
    .execute();
}

export async function listDrawPool(db: Db, drawId: number) {
  return db
    .selectFrom('audit_draw_pool')
    .select(['reviewer_user_id', 'display_name'])
    .where('draw_id', '=', drawId)
    .orderBy('reviewer_user_id')
    .execute();
}

export async function listDrawReviewers(db: Db, drawId: number) {
  return db
    .selectFrom('audit_draw_reviewers as r')
    .innerJoin('audit_draw_pool as p', (join) =>
      join.onRef('p.draw_id', '=', 'r.draw_id').onRef('p.reviewer_user_id', '=', 'r.reviewer_user_id')
    )
    .select(['r.case_no', 'r.reviewer_user_id', 'r.outcome', 'r.key', 'r.position', 'p.display_name'])
    .where('r.draw_id', '=', drawId)
    .orderBy('r.case_no')
    .orderBy('r.outcome')
    .orderBy('r.position')
    .execute();
}
