import { fail, redirect } from '@sveltejs/kit';
import { AUDIT_DRAW_ROLES } from '$lib/audits';
import { actorOf } from '$lib/server/auth/actor';
import { requireRole } from '$lib/server/auth/guard';
import { bureauToday } from '$lib/server/case-clock/bureau-date';
import { createPlan } from '$lib/server/case-audits/draw.service';
import { checkPlanForm, PLAN_DEFAULTS, type PlanFormValues } from '$lib/server/case-audits/plan-form';
import { listScopeOptions } from '$lib/server/case-audits/plans.repository';
import { getDb } from '$lib/server/db/index';
import type { Actions, PageServerLoad } from './$types';

// 新建抽查计划: only inspectors plan (security.md). The seed is fixed when the plan is saved.

export const load: PageServerLoad = async (event) => {
  requireRole(event, ...AUDIT_DRAW_ROLES);
  const today = bureauToday();
  return { options: await listScopeOptions(getDb()), defaults: { ...PLAN_DEFAULTS, today } };
};

export const actions: Actions = {
  default: async (event) => {
    const user = requireRole(event, ...AUDIT_DRAW_ROLES);
    const form = await event.request.formData();
    const text = (name: string) => String(form.get(name) ?? '');
    const values: PlanFormValues = {
      title: text('title'),
      periodFrom: text('periodFrom'),
      periodTo: text('periodTo'),
      sectionCodes: form.getAll('sectionCodes').map(String),
      matterCodes: form.getAll('matterCodes').map(String),
      strata: text('strata'),
      ratePercent: text('ratePercent'),
      minimum: text('minimum'),
      reviewersPerCase: text('reviewersPerCase'),
      seedMode: text('seedMode'),
      seed: text('seed')
    };
    const options = await listScopeOptions(getDb());
    const known = {
      sections: options.sections.map((s) => s.code),
      matters: options.matters.map((m) => m.code)
    };
    const checked = checkPlanForm(values, known);
    if ('errors' in checked) return fail(400, { values, errors: checked.errors });
    const id = await createPlan(getDb(), actorOf(user, event.getClientAddress()), checked.plan);
    redirect(303, `/audits/plans/${id}`);
  }
};
