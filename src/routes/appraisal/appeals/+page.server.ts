import { APPEAL_PAGE_ROLES } from '$lib/appraisal/appeal-rules';
import { CHIEF_SHARE_RULE } from '$lib/appraisal/catalogue';
import { listAppealItems } from '$lib/server/appraisal/appeals.repository';
import { entrySections } from '$lib/server/appraisal/event-scope';
import { loadRuleSetInForce } from '$lib/server/appraisal/rule-sets.repository';
import { hasRole, requireRole } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db/index';
import type { PageServerLoad } from './$types';

// 申诉: the open appeals the signed-in reviewer may decide (leaders all, section heads
// their sections' but not of events they entered), and a staff member's own appeals.

export const load: PageServerLoad = async (event) => {
  const user = requireRole(event, ...APPEAL_PAGE_ROLES);
  const db = getDb();
  const reviewer = hasRole(user, 'leader', 'section_head') && user.userId !== null;
  const [queue, own, ruleSet] = await Promise.all([
    reviewer && user.userId !== null
      ? listAppealItems(db, { kind: 'review', sections: entrySections(user), excludeUserId: user.userId })
      : Promise.resolve(null),
    user.staffNo !== null
      ? listAppealItems(db, { kind: 'own', staffNo: user.staffNo })
      : Promise.resolve(null),
    loadRuleSetInForce(db)
  ]);
  const labels: Record<string, string> = Object.fromEntries(ruleSet.rules.map((r) => [r.code, r.label]));
  labels[CHIEF_SHARE_RULE] = '首席代表分担扣分';
  return { queue, own, labels, staffRole: hasRole(user, 'staff') };
};
