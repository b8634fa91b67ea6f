import { areaRoles } from '$lib/navigation';
import { requireRole, sectionScope } from '$lib/server/auth/guard';
import { bureauToday } from '$lib/server/case-clock/bureau-date';
import { getDb } from '$lib/server/db/index';
import { readExportFormat } from '$lib/server/export';
import { exportBadRatings } from '$lib/server/ratings/bad-rating-export';
import type { RequestHandler } from './$types';

// GET /ratings/bad/export?…filters…[&format=xlsx]: the bad-rating list as a file.
export const GET: RequestHandler = async (event) => {
  const user = requireRole(event, ...areaRoles('/ratings'));
  const format = readExportFormat(event.url.searchParams);
  return exportBadRatings(getDb(), event.url.searchParams, sectionScope(user), format, bureauToday());
};
