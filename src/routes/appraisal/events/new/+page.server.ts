import { APPRAISAL_ENTRY_ROLES } from '$lib/appraisal/catalogue';
import { requireRole } from '$lib/server/auth/guard';
import type { PageServerLoad } from './$types';

// Placeholder until the manual-events work lands (it replaces this route).
export const load: PageServerLoad = async (event) => {
  requireRole(event, ...APPRAISAL_ENTRY_ROLES);
  return {};
};
