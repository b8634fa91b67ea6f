import { loadEntryOptions, runEntryAction } from '$lib/server/appraisal/entry-action';
import type { Actions, PageServerLoad } from './$types';

// 巡查快速录入: on a tablet during a hall patrol, window → person → rule → optional note and
// photo → save; the event's date is today. The page stays for the next entry.

export const load: PageServerLoad = async (event) => loadEntryOptions(event);

export const actions: Actions = {
  default: async (event) => runEntryAction(event, true)
};
