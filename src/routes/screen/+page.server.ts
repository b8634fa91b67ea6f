import { areaRoles } from '$lib/navigation';
import { requireRole, sectionScope } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db/index';
import { loadScreen } from '$lib/server/screen/screen.service';
import { refreshIntervalMs } from '$lib/screen/refresh';
import type { PageServerLoad } from './$types';

// 大屏: the overview's audience (a section head sees their sections only). The first
// figures come with the page; the wall then re-reads them from ./data on its own.
export const load: PageServerLoad = async (event) => {
  const user = requireRole(event, ...areaRoles('/'));
  return {
    screen: await loadScreen(getDb(), sectionScope(user)),
    intervalMs: refreshIntervalMs(event.url.searchParams.get('refresh'))
  };
};
