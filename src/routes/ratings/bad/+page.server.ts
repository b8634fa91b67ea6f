import { areaRoles } from '$lib/navigation';
import { requireRole, sectionScope } from '$lib/server/auth/guard';
import { bureauToday } from '$lib/server/case-clock/bureau-date';
import { getDb } from '$lib/server/db/index';
import { loadBadRatingPage, readBadRatingRequest } from '$lib/server/ratings/bad-rating-list';
import { followerOptions } from '$lib/server/ratings/rating-request';
import type { PageServerLoad } from './$types';

// 差评清单: the bad ratings of the period with their rectification and mark, filtered by
// window, person and mark; each opens to its page where it is marked.
export const load: PageServerLoad = async (event) => {
  const user = requireRole(event, ...areaRoles('/ratings'));
  const db = getDb();
  const scope = sectionScope(user);
  const request = await readBadRatingRequest(db, event.url.searchParams, scope, bureauToday());
  const [list, options] = await Promise.all([loadBadRatingPage(db, request), followerOptions(db, scope)]);
  return {
    preset: request.choice.preset,
    period: request.choice.period,
    periodError: request.choice.error,
    cut: request.cut,
    mark: request.mark ?? '',
    page: request.page,
    options,
    ...list
  };
};
