import { AUDIT_DRAW_ROLES, AUDIT_VIEW_ROLES } from '$lib/audits';
import { hasRole, requireRole } from '$lib/server/auth/guard';
import { listDraws } from '$lib/server/case-audits/draws.repository';
import { listPlans } from '$lib/server/case-audits/plans.repository';
import { getDb } from '$lib/server/db/index';
import type { PageServerLoad } from './$types';

// 抽查督查: the sampling plans and their draws, newest first.
export const load: PageServerLoad = async (event) => {
  const user = requireRole(event, ...AUDIT_VIEW_ROLES);
  const [plans, draws] = await Promise.all([listPlans(getDb()), listDraws(getDb())]);
  return {
    plans: plans.map(({ seed: _seed, ...p }) => p),
    draws,
    canPlan: hasRole(user, ...AUDIT_DRAW_ROLES)
  };
};
