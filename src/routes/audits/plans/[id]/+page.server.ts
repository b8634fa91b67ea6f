import { error, fail, redirect } from '@sveltejs/kit';
import { AUDIT_DRAW_ROLES, AUDIT_VIEW_ROLES } from '$lib/audits';
import { actorOf } from '$lib/server/auth/actor';
import { hasRole, requireRole } from '$lib/server/auth/guard';
import { drawPlan, DrawError } from '$lib/server/case-audits/draw.service';
import { listDraws } from '$lib/server/case-audits/draws.repository';
import { findPlan } from '$lib/server/case-audits/plans.repository';
import { getDb } from '$lib/server/db/index';
import type { Actions, PageServerLoad } from './$types';

// One sampling plan: what it draws from, its seed, its draws, and 「抽取」 for inspectors.

function planId(param: string): number {
  if (!/^\d{1,9}$/.test(param)) error(404, { message: '未找到该抽查计划', code: 'not_found' });
  return Number(param);
}

export const load: PageServerLoad = async (event) => {
  const user = requireRole(event, ...AUDIT_VIEW_ROLES);
  const id = planId(event.params.id);
  const plan = await findPlan(getDb(), id);
  if (!plan) error(404, { message: '未找到该抽查计划', code: 'not_found' });
  return { plan, draws: await listDraws(getDb(), id), canDraw: hasRole(user, ...AUDIT_DRAW_ROLES) };
};

export const actions: Actions = {
  draw: async (event) => {
    const user = requireRole(event, ...AUDIT_DRAW_ROLES);
    const id = planId(event.params.id);
    let drawId: number;
    try {
      drawId = await drawPlan(getDb(), actorOf(user, event.getClientAddress()), id);
    } catch (e) {
      if (e instanceof DrawError) return fail(400, { drawError: e.message });
      throw e;
    }
    redirect(303, `/audits/draws/${drawId}`);
  }
};
