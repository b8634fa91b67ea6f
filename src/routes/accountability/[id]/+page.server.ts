import { error, fail } from '@sveltejs/kit';
import {
  ACCOUNTABILITY_DECIDE_ROLES,
  ACCOUNTABILITY_PROPOSE_ROLES,
  ACCOUNTABILITY_VIEW_ROLES
} from '$lib/accountability';
import {
  AccountabilityError,
  decide,
  suggestionFor
} from '$lib/server/accountability/accountability.service';
import { checkDecisionForm } from '$lib/server/accountability/record-form';
import { findRecord, listBasis, listLevels } from '$lib/server/accountability/records.repository';
import { actorOf } from '$lib/server/auth/actor';
import { hasRole, requireRole } from '$lib/server/auth/guard';
import { bureauToday } from '$lib/server/case-clock/bureau-date';
import { getDb } from '$lib/server/db/index';
import type { Actions, PageServerLoad } from './$types';

// One accountability record: the person, grounds, facts and basis (linked), the proposal
// and the decision; leaders decide a proposal, inspectors start a correction. Printable.

function recordId(params: { id: string }): number {
  if (!/^\d{1,9}$/.test(params.id)) error(404, { message: '未找到该追责记录', code: 'not_found' });
  return Number(params.id);
}

export const load: PageServerLoad = async (event) => {
  const user = requireRole(event, ...ACCOUNTABILITY_VIEW_ROLES);
  const db = getDb();
  const record = await findRecord(db, recordId(event.params));
  if (!record) error(404, { message: '未找到该追责记录', code: 'not_found' });
  const [basis, levels] = await Promise.all([listBasis(db, record.id), listLevels(db)]);
  const proposed = record.state === 'proposed';
  return {
    record,
    basis,
    levels,
    // Advice for the one deciding: the person's other records, as of today.
    suggestion: proposed
      ? await suggestionFor(db, record.staff_id, record.grounds, bureauToday(), [record.id])
      : null,
    canDecide:
      proposed && hasRole(user, ...ACCOUNTABILITY_DECIDE_ROLES) && record.proposed_by !== user.userId,
    ownProposal: proposed && record.proposed_by === user.userId,
    canCorrect: record.state !== 'superseded' && hasRole(user, ...ACCOUNTABILITY_PROPOSE_ROLES)
  };
};

export const actions: Actions = {
  decide: async (event) => {
    const user = requireRole(event, ...ACCOUNTABILITY_DECIDE_ROLES);
    const id = recordId(event.params);
    const db = getDb();
    const form = await event.request.formData();
    const values = {
      outcome: String(form.get('outcome') ?? ''),
      level: String(form.get('level') ?? ''),
      reason: String(form.get('reason') ?? '')
    };
    const levels = (await listLevels(db)).map((l) => l.level);
    const checked = checkDecisionForm(values, levels);
    if ('errors' in checked) return fail(400, { values, errors: checked.errors });
    try {
      const outcome = await decide(db, actorOf(user, event.getClientAddress()), id, checked.input);
      return outcome.ok ? { done: true } : fail(400, { values, errors: { outcome: outcome.error } });
    } catch (e) {
      if (e instanceof AccountabilityError) error(e.status, { message: e.message, code: 'accountability' });
      throw e;
    }
  }
};
