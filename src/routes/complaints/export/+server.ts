import { areaRoles } from '$lib/navigation';
import { requireRole, sectionScope } from '$lib/server/auth/guard';
import { bureauToday } from '$lib/server/case-clock/bureau-date';
import { exportComplaints } from '$lib/server/complaints/complaint-export';
import { getDb } from '$lib/server/db/index';
import { readExportFormat } from '$lib/server/export';
import type { RequestHandler } from './$types';

// GET /complaints/export?…filters…[&format=xlsx]: the complaint list as a file.
export const GET: RequestHandler = async (event) => {
  const user = requireRole(event, ...areaRoles('/complaints'));
  const format = readExportFormat(event.url.searchParams);
  return exportComplaints(getDb(), event.url.searchParams, sectionScope(user), format, bureauToday());
};
