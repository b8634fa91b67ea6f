import { error, fail } from '@sveltejs/kit';
import { areaRoles } from '$lib/navigation';
import { maskDigitsInText } from '$lib/rating-marks';
import { RECTIFICATION_ISSUE_ROLES } from '$lib/rectification';
import { actorOf } from '$lib/server/auth/actor';
import { hasRole, requireRole, sectionScope } from '$lib/server/auth/guard';
import type { Identity } from '$lib/server/auth/identity';
import { getDb } from '$lib/server/db/index';
import { listMarks } from '$lib/server/ratings/rating-marks.repository';
import { availableMarks, markRating } from '$lib/server/ratings/rating-marks.service';
import { findRating } from '$lib/server/ratings/ratings.repository';
import type { Actions, PageServerLoad } from './$types';

// One bad rating: where it is placed, its rectification notices, its marks, and the marks
// this person may set now (docs/rules/ratings.md). Another section's rating is a 404.

async function loadScoped(user: Identity, id: string) {
  const rating = await findRating(getDb(), id);
  const scope = sectionScope(user);
  const visible =
    rating && (scope === 'all' || (rating.section_code !== null && scope.includes(rating.section_code)));
  if (!rating || !visible || rating.level > 2) error(404, { message: '未找到该差评', code: 'not_found' });
  return rating;
}

export const load: PageServerLoad = async (event) => {
  const user = requireRole(event, ...areaRoles('/ratings'));
  const rating = await loadScoped(user, event.params.id);
  const db = getDb();
  const [marks, notices] = await Promise.all([
    listMarks(db, rating.id),
    db
      .selectFrom('rectification_notice_states')
      .select(['id', 'state', 'issued_at', 'deadline_on', 'verified_at'])
      .where('source_kind', '=', 'rating')
      .where('rating_id', '=', rating.id)
      .orderBy('id')
      .execute()
  ]);
  return {
    rating: { ...rating, comment: maskDigitsInText(rating.comment) },
    marks,
    notices,
    available: availableMarks(user, true, marks),
    canIssueNotice: hasRole(user, ...RECTIFICATION_ISSUE_ROLES)
  };
};

export const actions: Actions = {
  mark: async (event) => {
    const user = requireRole(event, ...areaRoles('/ratings'));
    const rating = await loadScoped(user, event.params.id);
    const form = await event.request.formData();
    const values = {
      kind: form.get('kind')?.toString() ?? null,
      reason: form.get('reason')?.toString() ?? null
    };
    const outcome = await markRating(
      getDb(),
      { ...actorOf(user, event.getClientAddress()), roles: user.roles, scope: sectionScope(user) },
      rating.id,
      values
    );
    if (!outcome.ok) return fail(outcome.status, { values, errors: outcome.errors });
    return { marked: values.kind };
  }
};
