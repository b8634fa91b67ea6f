import { error, fail } from '@sveltejs/kit';
import { areaRoles } from '$lib/navigation';
import { AccountabilityError } from '$lib/server/accountability/accountability.service';
import { readLevelNamesForm } from '$lib/server/accountability/level-names-form';
import { renameLevels } from '$lib/server/accountability/level-names.service';
import { listLevels } from '$lib/server/accountability/records.repository';
import { actorOf } from '$lib/server/auth/actor';
import { requireRole } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db/index';
import type { Actions, PageServerLoad } from './$types';

// 追责级别: the names of the accountability levels. The numbers and their order are fixed;
// a new name applies to what is proposed and decided from then on, while records keep the
// name they were written with (docs/rules/accountability.md "Levels and grounds").

const ROLES = areaRoles('/admin/accountability-levels');

export const load: PageServerLoad = async (event) => {
  requireRole(event, ...ROLES);
  return { levels: await listLevels(getDb()) };
};

export const actions: Actions = {
  save: async (event) => {
    const admin = requireRole(event, ...ROLES);
    const rows = readLevelNamesForm(await event.request.formData());
    let outcome;
    try {
      outcome = await renameLevels(getDb(), actorOf(admin, event.getClientAddress()), rows);
    } catch (e) {
      if (e instanceof AccountabilityError) error(e.status, { message: e.message, code: 'accountability' });
      throw e;
    }
    if (!outcome.ok) return fail(400, { values: outcome.values, errors: outcome.errors });
    return { saved: outcome.renames };
  }
};
