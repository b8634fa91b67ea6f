import { error } from '@sveltejs/kit';
import { areaRoles } from '$lib/navigation';
import { requireRole } from '$lib/server/auth/guard';
import type { PageServerLoad } from './$types';

// Placeholder until the manual-events work lands (it replaces this route with the event's
// detail, evidence and appeal).
export const load: PageServerLoad = async (event) => {
  requireRole(event, ...areaRoles('/appraisal'));
  error(404, { message: '事件详情页即将上线', code: 'not_found' });
};
