import { fail, redirect } from '@sveltejs/kit';
import { actorOf } from '$lib/server/auth/actor';
import { hasRole, requireRole } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db/index';
import { describeInstrumentChanges, totalPoints } from '$lib/server/evaluation/instrument-diff';
import {
  checkInstrumentForm,
  formValuesOf,
  readInstrumentForm
} from '$lib/server/evaluation/instrument-form';
import {
  createInstrumentSet,
  listInstrumentSets,
  STALE
} from '$lib/server/evaluation/instrument-sets.service';
import { latestInstrumentSetId, loadInstrumentSet } from '$lib/server/evaluation/rounds.repository';
import { orHttpError } from '$lib/server/evaluation/request';
import type { Actions, PageServerLoad } from './$types';

// 测评指标: the versions of the three instruments (insert-only) with what each changed, and
// for leaders a form making the next version from the newest. Inspectors read. Evaluators
// do not come here: versions their firm never used are none of their business, and the
// set of their own round is in its entry forms and import templates.
const READERS = ['leader', 'inspector'] as const;

export const load: PageServerLoad = async (event) => {
  const user = requireRole(event, ...READERS);
  const sets = await listInstrumentSets(getDb());
  const versions = sets.map((set, i) => ({
    ...set,
    version: sets.length - i,
    totals: totalPoints(set),
    changes: sets[i + 1]
      ? describeInstrumentChanges(sets[i + 1], set)
      : ['初始版本（第三方测评规范的默认指标）']
  }));
  return {
    versions,
    values: formValuesOf(sets[0]),
    canEdit: hasRole(user, 'leader')
  };
};

export const actions: Actions = {
  create: async (event) => {
    const user = requireRole(event, 'leader');
    const values = readInstrumentForm(await event.request.formData());
    const db = getDb();
    // The service checks again in its transaction; this spares a leader fixing fields first.
    const newest = await loadInstrumentSet(db, await latestInstrumentSetId(db));
    if (values.baseId !== String(newest.id)) return fail(400, { values, errors: { _: STALE } });
    const checked = checkInstrumentForm(values, newest);
    if ('errors' in checked) return fail(400, { values, errors: checked.errors });
    const actor = actorOf(user, event.getClientAddress());
    const outcome = await orHttpError(() => createInstrumentSet(db, actor, newest.id, checked.set));
    if (!outcome.ok) return fail(400, { values, errors: outcome.errors });
    redirect(303, '/evaluation/instruments?saved=1');
  }
};
