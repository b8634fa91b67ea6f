import { areaRoles } from '$lib/navigation';
import { requireRole } from '$lib/server/auth/guard';
import { readSourceSchema } from '$lib/server/config';
import { getDb, getSource } from '$lib/server/db/index';
import { loadSystemStatus } from '$lib/server/status/status.service';
import type { PageServerLoad } from './$types';

// 系统状态. Every part of the status is checked separately, so an unreachable source or
// product database still renders a page that says so.
export const load: PageServerLoad = async (event) => {
  requireRole(event, ...areaRoles('/admin/status'));
  // The job table can show each job's Chinese title (JobDefinition.title, prop `titles`),
  // but importing jobs/index.ts here would bundle every job, the demo generator included,
  // into the web server; until titles are reachable without that, it shows job names.
  return { status: await loadSystemStatus(getDb(), getSource(), readSourceSchema()) };
};
