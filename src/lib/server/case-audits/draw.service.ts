import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { appendAudit, type Actor } from '../audit/audit.repository';
import type { Database } from '../db/database';
import type { AuditStrata } from './case-audits.table';
import { DrawError } from './draw-error';
import {
  insertDraw,
  readCaseHandlers,
  readInspectorPool,
  readPopulation,
  type DrawRows
} from './draws.repository';
import type { CheckedPlan } from './plan-form';
import { findPlan, insertPlan } from './plans.repository';
import { voidForRedraw } from './draw-void.service';
import { drawReviewers, drawSample, SamplingError, type PopulationCase } from './sampling';

// Creating a sampling plan and drawing from it (shared/spec/audits.md, docs/rules/audits.md).
// The arithmetic is the pure module's (drawSample, drawReviewers); this file reads the
// population and the inspector pool, decides conflicts of interest, and records the result
// with its audit entry in one transaction.

export { DrawError } from './draw-error';

/** The one stratum of a plan without strata. */
export const WHOLE_POPULATION = '全部';

export function stratumOf(strata: AuditStrata, c: { section_code: string; matter_code: string }): string {
  if (strata === 'section') return c.section_code;
  if (strata === 'matter') return c.matter_code;
  return WHOLE_POPULATION;
}

/** sha256 hex of the case numbers sorted by UTF-16 code unit and joined by '\n'. */
export function populationDigest(caseNos: readonly string[]): string {
  return createHash('sha256')
    .update([...caseNos].sort().join('\n'), 'utf8')
    .digest('hex');
}

function requireUserId(actor: Actor): number {
  if (actor.userId === null) throw new DrawError('只有登录用户可以制定抽查计划或抽取');
  return actor.userId;
}

export async function createPlan(db: Kysely<Database>, actor: Actor, plan: CheckedPlan): Promise<number> {
  const createdBy = requireUserId(actor);
  return db.transaction().execute(async (trx) => {
    const id = await insertPlan(trx, { ...plan, createdBy });
    await appendAudit(trx, actor, {
      action: 'audit_plan.create',
      entity: 'audit_plan',
      entityId: id,
      after: plan
    });
    return id;
  });
}

/** A re-draw: the draw it replaces, and the reason (voids that draw first unless already void). */
export interface Supersede {
  drawId: number;
  reason: string;
}

/**
 * Draws from a plan now; a plan may be drawn again, each draw a new record. With
 * `supersede`, the new draw names the draw it replaces, voided in the same transaction.
 */
export async function drawPlan(
  db: Kysely<Database>,
  actor: Actor,
  planId: number,
  supersede?: Supersede
): Promise<number> {
  const drawnBy = requireUserId(actor);
  return db.transaction().execute(async (trx) => {
    const plan = await findPlan(trx, planId);
    if (!plan) throw new DrawError('未找到该抽查计划');
    if (supersede) await voidForRedraw(trx, actor, planId, supersede);
    const rows = await readPopulation(trx, {
      periodFrom: plan.period_from,
      periodTo: plan.period_to,
      sectionCodes: plan.section_codes,
      matterCodes: plan.matter_codes
    });
    if (rows.length === 0) throw new DrawError('该期间内没有符合条件的已办结办件，无法抽取');
    const population: PopulationCase[] = rows.map((c) => ({
      caseNo: c.case_no,
      stratum: stratumOf(plan.strata, c)
    }));
    let sample;
    try {
      sample = drawSample(
        { seed: plan.seed, rate: plan.rate_ppm / 1_000_000, minimum: plan.minimum },
        population
      );
    } catch (error) {
      if (error instanceof SamplingError) throw new DrawError(error.message);
      throw error;
    }

    const byCaseNo = new Map(rows.map((c) => [c.case_no, c]));
    const drawnRows = sample.strata.flatMap((s) => s.drawn.map((d) => ({ ...d, stratum: s.stratum })));
    const pool = await readInspectorPool(trx);
    const handlers = new Map<string, Set<string>>();
    for (const h of await readCaseHandlers(
      trx,
      drawnRows.map((d) => byCaseNo.get(d.caseNo)!.id)
    )) {
      if (!handlers.has(h.case_id)) handlers.set(h.case_id, new Set());
      handlers.get(h.case_id)!.add(h.staff_no);
    }

    const cases: DrawRows['cases'] = [];
    const reviewers: DrawRows['reviewers'] = [];
    for (const [index, d] of drawnRows.entries()) {
      const c = byCaseNo.get(d.caseNo)!;
      cases.push({ caseId: c.id, caseNo: d.caseNo, stratum: d.stratum, key: d.key, position: index + 1 });
      // Conflict (audits.md): the reviewer belongs to the case's section, or handled the case.
      const candidates = pool.map((u) => ({
        id: String(u.id),
        conflict:
          u.section_codes.includes(c.section_code) ||
          u.staff_section_code === c.section_code ||
          (u.staff_no !== null && (handlers.get(c.id)?.has(u.staff_no) ?? false))
      }));
      const result = drawReviewers(plan.seed, d.caseNo, candidates, plan.reviewers_per_case);
      for (const [outcome, list] of [
        ['drawn', result.drawn],
        ['skipped', result.skipped]
      ] as const)
        list.forEach((r, i) =>
          reviewers.push({ caseNo: d.caseNo, userId: Number(r.id), outcome, key: r.key, position: i + 1 })
        );
    }

    const digest = populationDigest(population.map((p) => p.caseNo));
    const draw = await insertDraw(trx, {
      planId,
      supersedesDrawId: supersede?.drawId ?? null,
      drawnBy,
      populationSize: sample.populationSize,
      sampleSize: sample.sampleSize,
      populationDigest: digest,
      strata: sample.strata.map((s) => ({
        stratum: s.stratum,
        populationSize: s.populationSize,
        sampleSize: s.sampleSize
      })),
      population,
      cases,
      pool: pool.map((u) => ({ userId: u.id, displayName: u.display_name })),
      reviewers
    });
    await appendAudit(trx, actor, {
      action: 'audit_draw.create',
      entity: 'audit_draw',
      entityId: draw.id,
      after: {
        plan_id: planId,
        supersedes_draw_id: supersede?.drawId ?? null,
        seed: plan.seed,
        population_size: sample.populationSize,
        population_digest: digest,
        strata: sample.strata.map((s) => [s.stratum, s.populationSize, s.sampleSize]),
        cases: cases.map((c) => c.caseNo),
        reviewers: reviewers.filter((r) => r.outcome === 'drawn').map((r) => [r.caseNo, r.userId])
      }
    });
    return draw.id;
  });
}
