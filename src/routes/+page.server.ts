import { areaRoles } from '$lib/navigation';
import { requireRole } from '$lib/server/auth/guard';
import { getSource } from '$lib/server/db/index';
import { readHeadlineCounts } from '$lib/server/overview/overview.repository';
import { attempt } from '$lib/server/status/status.service';
import type { PageServerLoad } from './$types';

// The overview's welcome: a few counts straight from the approval source. The KPI issue
// replaces them with figures from the product's own synced copy.
export const load: PageServerLoad = async (event) => {
  requireRole(event, ...areaRoles('/'));
  const now = new Date();
  return { now, headline: await attempt(() => readHeadlineCounts(getSource(), now)) };
};
