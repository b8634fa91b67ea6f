import { error } from '@sveltejs/kit';
import { AUDIT_VIEW_ROLES } from '$lib/audits';
import { requireRole } from '$lib/server/auth/guard';
import {
  findDraw,
  listDrawCases,
  listDrawReviewers,
  listDrawStrata
} from '$lib/server/case-audits/draws.repository';
import { listDrawReviews } from '$lib/server/case-audits/reviews.repository';
import { findPlan, listScopeOptions } from '$lib/server/case-audits/plans.repository';
import { getDb } from '$lib/server/db/index';
import type { PageServerLoad } from './$types';

// The draw sheet (抽取单): what is printed and published. Case numbers, matters and dates
// only: nothing about applicants.

export const load: PageServerLoad = async (event) => {
  requireRole(event, ...AUDIT_VIEW_ROLES);
  const param = event.params.id;
  const draw = /^\d{1,9}$/.test(param) ? await findDraw(getDb(), Number(param)) : undefined;
  if (!draw) error(404, { message: '未找到该抽取单', code: 'not_found' });
  const db = getDb();
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
