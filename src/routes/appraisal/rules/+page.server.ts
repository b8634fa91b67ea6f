import { fail, redirect } from '@sveltejs/kit';
import { APPRAISAL_CLOSE_ROLES } from '$lib/appraisal/catalogue';
import { userNames } from '$lib/server/appraisal/results.repository';
import { ruleSetVersions } from '$lib/server/appraisal/results.service';
import { describeRuleSetChanges } from '$lib/server/appraisal/rule-versions';
import { listRuleSets } from '$lib/server/appraisal/rule-sets.repository';
import { formValuesOf, readRuleForm } from '$lib/server/appraisal/rules-form';
import { saveRuleSetVersion } from '$lib/server/appraisal/rules.service';
import { actorOf } from '$lib/server/auth/actor';
import { hasRole, requireRole } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db/index';
import type { Actions, PageServerLoad } from './$types';

// 考核规则: the versions of the rule catalogue (append-only) and, for leaders, a form
// making the next version from the newest. Inspectors and section heads read.
const READERS = ['leader', 'inspector', 'section_head'] as const;

export const load: PageServerLoad = async (event) => {
  const user = requireRole(event, ...READERS);
  const db = getDb();
  const [stored, versions] = await Promise.all([listRuleSets(db), ruleSetVersions(db)]);
  const names = await userNames(db, [
    ...new Set(stored.flatMap((s) => (s.createdBy === null ? [] : [s.createdBy])))
  ]);
  // Newest first; each version's changes against the one before it.
  const history = versions.map((v, i) => ({
    id: v.ruleSet.id,
    createdAt: v.effectiveFrom,
    author: stored[i].createdBy === null ? '系统初始' : (names.get(stored[i].createdBy!) ?? '—'),
    note: stored[i].note,
    changes: versions[i + 1]
      ? describeRuleSetChanges(versions[i + 1].ruleSet, v.ruleSet)
      : ['初始版本（默认规则）']
  }));
  const newest = versions[0].ruleSet;
  return {
    newest,
    history,
    values: formValuesOf(newest),
    canEdit: hasRole(user, ...APPRAISAL_CLOSE_ROLES)
  };
};

export const actions: Actions = {
  default: async (event) => {
    const user = requireRole(event, ...APPRAISAL_CLOSE_ROLES);
    const values = readRuleForm(await event.request.formData());
    const outcome = await saveRuleSetVersion(getDb(), actorOf(user, event.getClientAddress()), values);
    if (!outcome.ok) return fail(400, { values, errors: outcome.errors });
    redirect(303, `/appraisal/rules?saved=${outcome.id}`);
  }
};
