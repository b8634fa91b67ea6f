import { error, fail, redirect } from '@sveltejs/kit';
import { AUDIT_DRAW_ROLES, AUDIT_VIEW_ROLES } from '$lib/audits';
import { actorOf } from '$lib/server/auth/actor';
import { hasRole, requireRole } from '$lib/server/auth/guard';
import { drawPlan, DrawError } from '$lib/server/case-audits/draw.service';
import { voidDraw } from '$lib/server/case-audits/draw-void.service';
import { findSupersedingDraw, findVoid } from '$lib/server/case-audits/draw-voids.repository';
import {
  findDraw,
  listDrawCases,
  listDrawReviewers,
  listDrawStrata
} from '$lib/server/case-audits/draws.repository';
import { listDrawReviews } from '$lib/server/case-audits/reviews.repository';
import { findPlan, listScopeOptions } from '$lib/server/case-audits/plans.repository';
import { getDb } from '$lib/server/db/index';
import type { Actions, PageServerLoad } from './$types';

// The draw sheet (抽取单): what is printed and published. Case numbers, matters and dates
// only: nothing about applicants. Inspectors may void it (作废) or re-draw (重新抽取): both
// are new entries; the draw itself never changes.

function drawIdOf(param: string): number {
  if (!/^\d{1,9}$/.test(param)) error(404, { message: '未找到该抽取单', code: 'not_found' });
  return Number(param);
}

export const load: PageServerLoad = async (event) => {
  const user = requireRole(event, ...AUDIT_VIEW_ROLES);
  const draw = await findDraw(getDb(), drawIdOf(event.params.id));
  if (!draw) error(404, { message: '未找到该抽取单', code: 'not_found' });
  const db = getDb();
  const [voided, supersededBy] = await Promise.all([findVoid(db, draw.id), findSupersedingDraw(db, draw.id)]);
  const [plan, strata, cases, reviewers, options, reviews] = await Promise.all([
    findPlan(db, draw.plan_id),
    listDrawStrata(db, draw.id),
    listDrawCases(db, draw.id),
    listDrawReviewers(db, draw.id),
    listScopeOptions(db),
    listDrawReviews(db, draw.id)
  ]);
  const names = new Map<string, string>([
    ...options.sections.map((s) => [s.code, s.name] as const),
    ...options.matters.map((m) => [m.code, m.name] as const)
  ]);
  const strataSorted = strata.sort((a, b) => (a.stratum < b.stratum ? -1 : a.stratum > b.stratum ? 1 : 0));
  return {
    draw,
    voided: voided ?? null,
    supersededBy: supersededBy ?? null,
    canVoid: hasRole(user, ...AUDIT_DRAW_ROLES),
    plan: plan!,
    strata: strataSorted.map((s) => ({ ...s, name: names.get(s.stratum) ?? '' })),
    cases: cases.map((c) => ({
      ...c,
      reviewers: reviewers.filter((r) => r.case_no === c.case_no && r.outcome === 'drawn'),
      skipped: reviewers.filter((r) => r.case_no === c.case_no && r.outcome === 'skipped'),
      // Per reviewer, their latest submitted result, or that a draft is open (never its score).
      reviews: reviewers
        .filter((r) => r.case_no === c.case_no && r.outcome === 'drawn')
        .map((r) => {
          const mine = reviews.filter(
            (v) => v.case_no === c.case_no && v.reviewer_user_id === r.reviewer_user_id
          );
          const last = mine.filter((v) => v.status === 'submitted').at(-1);
          return {
            reviewer: r.display_name,
            score: last ? Number(last.score) : null,
            band: last?.band ?? null,
            draft: mine.some((v) => v.status === 'draft')
          };
        })
    }))
  };
};

export const actions: Actions = {
  void: async (event) => {
    const user = requireRole(event, ...AUDIT_DRAW_ROLES);
    const drawId = drawIdOf(event.params.id);
    const reason = String((await event.request.formData()).get('reason') ?? '');
    try {
      await voidDraw(getDb(), actorOf(user, event.getClientAddress()), drawId, reason);
    } catch (e) {
      if (e instanceof DrawError) return fail(400, { action: 'void', reason, error: e.message });
      throw e;
    }
    return { voided: true };
  },
  redraw: async (event) => {
    const user = requireRole(event, ...AUDIT_DRAW_ROLES);
    const drawId = drawIdOf(event.params.id);
    const reason = String((await event.request.formData()).get('reason') ?? '');
    const draw = await findDraw(getDb(), drawId);
    if (!draw) error(404, { message: '未找到该抽取单', code: 'not_found' });
    let newId: number;
    try {
      newId = await drawPlan(getDb(), actorOf(user, event.getClientAddress()), draw.plan_id, {
        drawId,
        reason
      });
    } catch (e) {
      if (e instanceof DrawError) return fail(400, { action: 'redraw', reason, error: e.message });
      throw e;
    }
    redirect(303, `/audits/draws/${newId}`);
  }
};
