import { fail } from '@sveltejs/kit';
import { AUDIT_DRAW_ROLES, AUDIT_VIEW_ROLES } from '$lib/audits';
import { actorOf } from '$lib/server/auth/actor';
import { hasRole, requireRole } from '$lib/server/auth/guard';
import { findActiveTemplate } from '$lib/server/case-audits/reviews.repository';
import { checkTemplateForm, readTemplateForm } from '$lib/server/case-audits/template-form';
import { createTemplateVersion, listTemplateVersions } from '$lib/server/case-audits/templates.service';
import { getDb } from '$lib/server/db/index';
import type { Actions, PageServerLoad } from './$types';

// Scoresheet template versions: leaders and inspectors read them, inspectors make a new
// version from the current one. Versions are never edited in place.

export const load: PageServerLoad = async (event) => {
  const user = requireRole(event, ...AUDIT_VIEW_ROLES);
  const db = getDb();
  const [versions, current] = await Promise.all([listTemplateVersions(db), findActiveTemplate(db)]);
  const count = versions.length;
  return {
    versions: versions.map((v, i) => ({ ...v, version: count - i, review_count: Number(v.review_count) })),
    currentId: current?.id ?? null,
    canEdit: hasRole(user, ...AUDIT_DRAW_ROLES)
  };
};

export const actions: Actions = {
  create: async (event) => {
    const user = requireRole(event, ...AUDIT_DRAW_ROLES);
    const values = readTemplateForm(await event.request.formData());
    const current = await findActiveTemplate(getDb());
    const checked = checkTemplateForm(values, current?.items);
    if ('errors' in checked) return fail(400, { values, errors: checked.errors });
    const id = await createTemplateVersion(getDb(), actorOf(user, event.getClientAddress()), checked);
    return { created: id };
  }
};
