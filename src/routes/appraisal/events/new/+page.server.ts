import { redirect } from '@sveltejs/kit';
import { loadEntryOptions, runEntryAction } from '$lib/server/appraisal/entry-action';
import type { Actions, PageServerLoad } from './$types';

// 录入考核事件: a section head for their sections' window staff, a leader for anyone (and
// corrections of closed months). ?staff=<id> preselects the person.

export const load: PageServerLoad = async (event) => {
  const options = await loadEntryOptions(event);
  const wanted = event.url.searchParams.get('staff') ?? '';
  const staffId = options.staff.some((s) => String(s.id) === wanted) ? wanted : '';
  return {
    ...options,
    values: { staffId, ruleCode: '', occurredOn: options.today, note: '', correction: '' }
  };
};

export const actions: Actions = {
  default: async (event) => {
    const result = await runEntryAction(event);
    if ('saved' in result) redirect(303, `/appraisal/events/${result.saved.id}`);
    return result;
  }
};
