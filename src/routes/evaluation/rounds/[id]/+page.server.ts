import { fail } from '@sveltejs/kit';
import { getDb } from '$lib/server/db/index';
import { recordCounts } from '$lib/server/evaluation/records.repository';
import { loadInstrumentSet } from '$lib/server/evaluation/rounds.repository';
import { orHttpError, visibleRound } from '$lib/server/evaluation/request';
import { submitRound } from '$lib/server/evaluation/rounds.service';
import type { Actions, PageServerLoad } from './$types';

// One round: its firm, period, weights, counts per instrument; the firm's evaluator enters
// records and submits (with a confirmation), after which the round is locked.

export const load: PageServerLoad = async (event) => {
  const { round, canWrite } = await visibleRound(event);
  const db = getDb();
  const [counts, set] = await Promise.all([
    recordCounts(db, round.id),
    loadInstrumentSet(db, round.instrumentSetId)
  ]);
  return { round, counts, canWrite, setLabel: set.label };
};

export const actions: Actions = {
  submit: async (event) => {
    const { who, round } = await visibleRound(event, ['evaluator']);
    const form = await event.request.formData();
    if (form.get('confirm') !== 'on')
      return fail(400, { error: '请勾选确认：提交后本轮数据锁定，只能以更正记录修改' });
    const outcome = await orHttpError(() => submitRound(getDb(), who, round.id));
    return outcome.ok ? { submitted: true } : fail(400, { error: outcome.error });
  }
};
