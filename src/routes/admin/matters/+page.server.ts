import { fail } from '@sveltejs/kit';
import { areaRoles } from '$lib/navigation';
import { actorOf } from '$lib/server/auth/actor';
import { requireRole } from '$lib/server/auth/guard';
import { readConfig } from '$lib/server/config';
import { getDb } from '$lib/server/db/index';
import {
  countOpenLightsByMatter,
  listMattersWithSettings
} from '$lib/server/matters/matter-settings.repository';
import {
  MatterSettingsError,
  updateMatterSettings,
  validateSettingsForm
} from '$lib/server/matters/matter-settings.service';
import type { Actions, PageServerLoad } from './$types';

// 事项时限设置: the synced matters with their limits (read-only, from the approval system)
// and their editable warning settings.

const ROLES = areaRoles('/admin/matters');

export const load: PageServerLoad = async (event) => {
  requireRole(event, ...ROLES);
  const [matters, lights] = await Promise.all([
    listMattersWithSettings(getDb()),
    countOpenLightsByMatter(getDb())
  ]);
  const byMatter = new Map(lights.map((l) => [l.matter_id, l]));
  return {
    matters: matters.map((m) => ({ ...m, lights: byMatter.get(m.id) ?? { open: 0, yellow: 0, red: 0 } }))
  };
};

export const actions: Actions = {
  save: async (event) => {
    const admin = requireRole(event, ...ROLES);
    const form = await event.request.formData();
    const matterId = Number(form.get('matterId'));
    const values = {
      yellowRatio: String(form.get('yellowRatio') ?? ''),
      yellowDays: String(form.get('yellowDays') ?? '')
    };
    if (!Number.isInteger(matterId) || matterId <= 0)
      return fail(400, { matterId: null, values, errors: { form: '未指定审批事项' } });
    const checked = validateSettingsForm(values);
    if ('errors' in checked) return fail(400, { matterId, values, errors: checked.errors });
    try {
      const { recompute, matter } = await updateMatterSettings(
        actorOf(admin, event.getClientAddress()),
        matterId,
        checked,
        {
          databaseUrl: readConfig().databaseUrl
        }
      );
      return {
        saved: {
          matterId,
          code: matter.code,
          name: matter.name,
          ...checked,
          cases: recompute.cases,
          changed: recompute.changed
        }
      };
    } catch (error) {
      if (error instanceof MatterSettingsError) return fail(400, { matterId, values, errors: error.fields });
      throw error;
    }
  }
};
