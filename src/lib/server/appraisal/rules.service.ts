import { sql, type Kysely } from 'kysely';
import { addMonths } from '../../appraisal/months';
import { appendAudit, type Actor } from '../audit/audit.repository';
import { bureauToday } from '../case-clock/bureau-date';
import type { Database } from '../db/database';
import { deriveInTransaction } from './derive.service';
import { checkRuleForm, type FieldErrors, type RuleFormValues } from './rules-form';
import { insertRuleSet, loadRuleSetInForce } from './rule-sets.repository';
import type { RuleSet } from './score-types';

// A new version of the rule catalogue (leaders; docs/rules/appraisal.md "Rule versions").
// One transaction: the version, its audit entry, and the re-derivation of the open months
// the job derives (the previous and the current one), so that the automatic events of the
// open months follow the new points at once. Closed months are skipped by the derivation
// and keep the version they were closed with.

type Db = Kysely<Database>;

export type SaveRuleSetOutcome = { ok: true; id: number } | { ok: false; errors: FieldErrors };

/** The newest version as the arithmetic's rule set (chief share as a number). */
export async function newestRuleSet(db: Db): Promise<RuleSet> {
  const s = await loadRuleSetInForce(db);
  return {
    id: s.id,
    dimensionPoints: s.dimensionPoints,
    bonusCap: s.bonusCap,
    chiefShare: Number(s.chiefShare),
    rules: s.rules
  };
}

export async function saveRuleSetVersion(
  db: Db,
  actor: Actor,
  values: RuleFormValues,
  now: Date = new Date()
): Promise<SaveRuleSetOutcome> {
  if (actor.userId === null || !actor.roles.includes('leader')) {
    return { ok: false, errors: { form: '只有局领导可以修改考核规则' } };
  }
  const createdBy = actor.userId;
  return db.transaction().execute(async (trx) => {
    // Two leaders saving at once: the second one sees the first one's version as newest.
    await sql`SELECT pg_advisory_xact_lock(hashtextextended('oversight-appraisal:rule-sets', 0))`.execute(
      trx
    );
    const base = await newestRuleSet(trx);
    const checked = checkRuleForm(values, base);
    if ('errors' in checked) return { ok: false, errors: checked.errors };
    const id = await insertRuleSet(trx, { ...checked.ruleSet, note: checked.note, createdBy });
    await appendAudit(trx, actor, {
      action: 'appraisal.rule_set_create',
      entity: 'score_rule_set',
      entityId: id,
      before: { id: base.id },
      after: { id, ...checked.ruleSet, note: checked.note }
    });
    const current = bureauToday(now).slice(0, 7);
    for (const month of [addMonths(current, 1), current]) await deriveInTransaction(trx, `${month}-01`);
    return { ok: true, id };
  });
}
