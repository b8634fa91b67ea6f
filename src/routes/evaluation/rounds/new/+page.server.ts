import { fail, redirect } from '@sveltejs/kit';
import { actorOf } from '$lib/server/auth/actor';
import { requireRole } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db/index';
import { readForm } from '$lib/server/evaluation/form-fields';
import { orHttpError } from '$lib/server/evaluation/request';
import { checkRoundForm } from '$lib/server/evaluation/round-form';
import { listFirms } from '$lib/server/evaluation/rounds.repository';
import { createRound } from '$lib/server/evaluation/rounds.service';
import type { Actions, PageServerLoad } from './$types';

// 安排测评轮次: a leader assigns a month to a firm (docs/rules/evaluation.md "Who does what").

export const load: PageServerLoad = async (event) => {
  requireRole(event, 'leader');
  return { firms: await listFirms(getDb()) };
};

export const actions: Actions = {
  default: async (event) => {
    const user = requireRole(event, 'leader');
    const values = readForm(await event.request.formData());
    const checked = checkRoundForm(values);
    if ('errors' in checked) return fail(400, { values, errors: checked.errors });
    const outcome = await orHttpError(() =>
      createRound(getDb(), actorOf(user, event.getClientAddress()), checked.input)
    );
    if (!outcome.ok) return fail(400, { values, errors: outcome.errors });
    redirect(303, `/evaluation/rounds/${outcome.id}`);
  }
};
