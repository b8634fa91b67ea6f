import { fail } from '@sveltejs/kit';
import { AUDIT_VIEW_ROLES } from '$lib/audits';
import { requireRole } from '$lib/server/auth/guard';
import { listDraws } from '$lib/server/case-audits/draws.repository';
import { verifyDraw } from '$lib/server/case-audits/verify.service';
import { getDb } from '$lib/server/db/index';
import type { Actions, PageServerLoad } from './$types';

// 核验抽取结果: repeat a recorded draw from a seed (and optionally a pasted population)
// on the server, with the same pure functions, and show whether it matches. Reads only.

export const load: PageServerLoad = async (event) => {
  requireRole(event, ...AUDIT_VIEW_ROLES);
  const draws = await listDraws(getDb());
  const wanted = Number(event.url.searchParams.get('draw'));
  return { draws, selected: draws.some((d) => d.id === wanted) ? wanted : (draws[0]?.id ?? null) };
};

export const actions: Actions = {
  default: async (event) => {
    requireRole(event, ...AUDIT_VIEW_ROLES);
    const form = await event.request.formData();
    const values = {
      drawId: String(form.get('drawId') ?? ''),
      seed: String(form.get('seed') ?? ''),
      population: String(form.get('population') ?? '')
    };
    if (!/^\d{1,9}$/.test(values.drawId)) return fail(400, { values, errors: { drawId: '请选择抽取单' } });
    const outcome = await verifyDraw(getDb(), {
      drawId: Number(values.drawId),
      seed: values.seed,
      populationText: values.population
    });
    if (!outcome) return fail(400, { values, errors: { drawId: '未找到该抽取单' } });
    if ('errors' in outcome) return fail(400, { values, errors: outcome.errors });
    return { values, result: outcome.result };
  }
};
