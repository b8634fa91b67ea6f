import { fail, redirect } from '@sveltejs/kit';
import { RECTIFICATION_ISSUE_ROLES } from '$lib/rectification';
import { actorOf } from '$lib/server/auth/actor';
import { requireRole } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db/index';
import { prefill } from '$lib/server/rectification/prefill';
import { checkNoticeForm, readNoticeForm } from '$lib/server/rectification/notice-form';
import { issueNotice } from '$lib/server/rectification/rectification.service';
import type { Actions, PageServerLoad } from './$types';

// 下发整改通知 (inspectors): from a submitted review (?review=id, linked from the review
// page), a bad rating, a complaint or a case past its statutory limit.

export const load: PageServerLoad = async (event) => {
  requireRole(event, ...RECTIFICATION_ISSUE_ROLES);
  return { values: await prefill(getDb(), event.url.searchParams) };
};

export const actions: Actions = {
  default: async (event) => {
    const user = requireRole(event, ...RECTIFICATION_ISSUE_ROLES);
    const values = readNoticeForm(await event.request.formData());
    const checked = checkNoticeForm(values);
    if ('errors' in checked) return fail(400, { values, errors: checked.errors });
    const outcome = await issueNotice(getDb(), actorOf(user, event.getClientAddress()), checked.input);
    if (!outcome.ok) return fail(400, { values, errors: outcome.errors });
    redirect(303, `/rectification/${outcome.id}`);
  }
};
