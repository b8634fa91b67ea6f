import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../db/database';
import type { AuditStrata, SeedOrigin } from './case-audits.table';

// Queries on sampling plans. Plans are inserted once and never changed (the database
// refuses UPDATE and DELETE); every write here runs inside the caller's transaction.

type Db = Kysely<Database> | Transaction<Database>;

export interface NewPlanRow {
  title: string;
  periodFrom: string;
  periodTo: string;
  sectionCodes: string[];
  matterCodes: string[];
  strata: AuditStrata;
  ratePpm: number;
  minimum: number;
  reviewersPerCase: number;
  seed: string;
  seedOrigin: SeedOrigin;
  createdBy: number;
}

export async function insertPlan(db: Db, plan: NewPlanRow): Promise<number> {
  const row = await db
    .insertInto('audit_plans')
    .values({
      title: plan.title,
      period_from: plan.periodFrom,
      period_to: plan.periodTo,
      section_codes: plan.sectionCodes,
      matter_codes: plan.matterCodes,
      strata: plan.strata,
      rate_ppm: plan.ratePpm,
      minimum: plan.minimum,
      reviewers_per_case: plan.reviewersPerCase,
      seed: plan.seed,
      seed_origin: plan.seedOrigin,
      created_by: plan.createdBy
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

function planQuery(db: Db) {
  return db
    .selectFrom('audit_plans as p')
    .innerJoin('users as u', 'u.id', 'p.created_by')
    .selectAll('p')
    .select('u.display_name as created_by_name');
}

export type PlanRow = NonNullable<Awaited<ReturnType<typeof findPlan>>>;

export async function findPlan(db: Db, id: number) {
  return planQuery(db).where('p.id', '=', id).executeTakeFirst();
}

/** Newest first, with the number of draws and the latest draw of each plan. */
export async function listPlans(db: Db) {
  return planQuery(db)
    .select((eb) => [
      eb
        .selectFrom('audit_draws as d')
        .whereRef('d.plan_id', '=', 'p.id')
        .select(sql<number>`count(*)::int`.as('n'))
        .as('draw_count'),
      eb
        .selectFrom('audit_draws as d')
        .whereRef('d.plan_id', '=', 'p.id')
        .select(sql<number>`max(d.id)`.as('m'))
        .as('latest_draw_id')
    ])
    .orderBy('p.id', 'desc')
    .execute();
}

/** Sections and matters to restrict a plan to (the form's choices). */
export async function listScopeOptions(db: Db) {
  const [sections, matters] = await Promise.all([
    db.selectFrom('sections').select(['code', 'name']).orderBy('code').execute(),
    db
      .selectFrom('matters as m')
      .leftJoin('sections as s', 's.id', 'm.section_id')
      .select(['m.code', 'm.name', 's.code as section_code'])
      .orderBy('m.code')
      .execute()
  ]);
  return { sections, matters };
}
