import { error, fail, redirect } from '@sveltejs/kit';
import { ACCOUNTABILITY_PROPOSE_ROLES } from '$lib/accountability';
import {
  AccountabilityError,
  propose,
  suggestionFor
} from '$lib/server/accountability/accountability.service';
import type { GroundsCode } from '$lib/server/accountability/accountability.table';
import { prefill } from '$lib/server/accountability/prefill';
import { BASIS_ROWS, checkRecordForm, readRecordForm } from '$lib/server/accountability/record-form';
import { findStaffByNo, listGrounds, listLevels } from '$lib/server/accountability/records.repository';
import { actorOf } from '$lib/server/auth/actor';
import { requireRole } from '$lib/server/auth/guard';
import { bureauToday } from '$lib/server/case-clock/bureau-date';
import { getDb } from '$lib/server/db/index';
import type { Actions, PageServerLoad } from './$types';

// 提出追责建议 (inspectors): prefilled from a pending item (?kind=case&ref=…), a record to
// correct (?corrects=id) or a person (?staff=…); shows the suggested level and why.
// 「更新建议」 submits the form by GET, so the suggestion follows the person and grounds typed.

export const load: PageServerLoad = async (event) => {
  requireRole(event, ...ACCOUNTABILITY_PROPOSE_ROLES);
  const db = getDb();
  const params = event.url.searchParams;
  const values = params.has('staffNo') ? readRecordForm(params) : await prefill(db, params);
  while (values.basis.length < BASIS_ROWS) values.basis.push({ kind: 'case', ref: '' });
  const [levels, grounds] = await Promise.all([listLevels(db), listGrounds(db)]);
  const person = values.staffNo.trim() ? await findStaffByNo(db, values.staffNo.trim()) : undefined;
  const known = grounds.some((g) => g.code === values.grounds);
  const corrects = /^\d{1,9}$/.test(values.corrects) ? [Number(values.corrects)] : [];
  const suggestion =
    person && known
      ? await suggestionFor(db, person.id, values.grounds as GroundsCode, bureauToday(), corrects)
      : null;
  if (suggestion && values.level === '') values.level = String(suggestion.level);
  return { values, levels, grounds, person: person ?? null, suggestion };
};

export const actions: Actions = {
  default: async (event) => {
    const user = requireRole(event, ...ACCOUNTABILITY_PROPOSE_ROLES);
    const db = getDb();
    const values = readRecordForm(await event.request.formData());
    const [levels, grounds] = await Promise.all([listLevels(db), listGrounds(db)]);
    const checked = checkRecordForm(values, {
      levels: levels.map((l) => l.level),
      grounds: grounds.map((g) => g.code)
    });
    if ('errors' in checked) return fail(400, { values, errors: checked.errors });
    let outcome;
    try {
      outcome = await propose(db, actorOf(user, event.getClientAddress()), checked.input);
    } catch (e) {
      if (e instanceof AccountabilityError) error(e.status, { message: e.message, code: 'accountability' });
      throw e;
    }
    if (!outcome.ok) return fail(400, { values, errors: outcome.errors });
    redirect(303, `/accountability/${outcome.id}`);
  }
};
