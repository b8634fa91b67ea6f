import { areaRoles } from '$lib/navigation';
import { requireRole } from '$lib/server/auth/guard';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  requireRole(event, ...areaRoles('/evaluation'));
  return {};
};
