import { error, fail, redirect } from '@sveltejs/kit';
import { BULLETIN_DRAFT_ROLES, BULLETIN_READ_ROLES, BULLETIN_WRITE_ROLES } from '$lib/bulletins';
import { actorOf } from '$lib/server/auth/actor';
import { hasRole, requireRole } from '$lib/server/auth/guard';
import { listBulletins } from '$lib/server/bulletins/bulletins.repository';
import { draftBulletin } from '$lib/server/bulletins/bulletins.service';
import { BulletinError } from '$lib/server/bulletins/write-rules';
import { parseMonth, reportMonthFor } from '$lib/server/bulletins/month';
import { formatBulletinNumber } from '$lib/server/bulletins/numbering';
import { searchTerms } from '$lib/server/bulletins/search-text';
import { bureauToday } from '$lib/server/case-clock/bureau-date';
import { getDb } from '$lib/server/db/index';
import type { Actions, PageServerLoad } from './$types';

// 每月集中通报: past bulletins, searchable by words, number and month; leaders draft the
// month's bulletin here (the job drafts it on the first working day anyway). Section
// heads see published bulletins only.

export const load: PageServerLoad = async (event) => {
  const user = requireRole(event, ...BULLETIN_READ_ROLES);
  const params = event.url.searchParams;
  const q = (params.get('q') ?? '').slice(0, 200);
  const monthParam = params.get('month') ?? '';
  const month = parseMonth(monthParam);
  const rows = await listBulletins(getDb(), {
    terms: searchTerms(q),
    month: month ?? undefined,
    publishedOnly: !hasRole(user, ...BULLETIN_DRAFT_ROLES)
  });
  return {
    q,
    month: month ?? '',
    monthInvalid: monthParam !== '' && month === null,
    bulletins: rows.map((b) => ({
      ...b,
      number: formatBulletinNumber(b.number_seq ? { year: b.number_year!, seq: b.number_seq } : null)
    })),
    canDraft: hasRole(user, ...BULLETIN_WRITE_ROLES),
    draftMonth: reportMonthFor(bureauToday())
  };
};

export const actions: Actions = {
  draft: async (event) => {
    const user = requireRole(event, ...BULLETIN_WRITE_ROLES);
    const form = await event.request.formData();
    const month = parseMonth(String(form.get('month') ?? ''));
    const today = bureauToday();
    if (!month) return fail(400, { errors: { month: '请选择通报月份' } });
    if (month > reportMonthFor(today)) {
      return fail(400, { errors: { month: '只能为已经结束的月份生成通报' } });
    }
    let id: number;
    try {
      ({ id } = await draftBulletin(getDb(), actorOf(user, event.getClientAddress()), month, today));
    } catch (e) {
      if (e instanceof BulletinError) error(e.status, { message: e.message, code: 'bulletin' });
      throw e;
    }
    redirect(303, `/bulletins/${id}`);
  }
};
