import { error, type RequestEvent } from '@sveltejs/kit';
import { BULLETIN_DRAFT_ROLES, BULLETIN_READ_ROLES } from '$lib/bulletins';
import { hasRole, requireRole } from '$lib/server/auth/guard';
import { findBulletin } from '$lib/server/bulletins/bulletins.repository';
import { formatBulletinNumber } from '$lib/server/bulletins/numbering';
import { getDb } from '$lib/server/db/index';

// One bulletin for a reader: drafts only for leaders and inspectors (404 for a section
// head, so draft ids cannot be probed), published ones for every reader.

export async function visibleBulletin(event: RequestEvent<{ id: string }>) {
  const user = requireRole(event, ...BULLETIN_READ_ROLES);
  if (!/^\d{1,9}$/.test(event.params.id)) error(404, { message: '未找到该通报', code: 'not_found' });
  const row = await findBulletin(getDb(), Number(event.params.id));
  if (!row || (row.status === 'draft' && !hasRole(user, ...BULLETIN_DRAFT_ROLES))) {
    error(404, { message: '未找到该通报', code: 'not_found' });
  }
  const number = (year: number | null, seq: number | null) =>
    formatBulletinNumber(year !== null && seq !== null ? { year, seq } : null);
  return {
    user,
    bulletin: {
      ...row,
      number: number(row.number_year, row.number_seq),
      correctsNumber: number(row.corrects_year, row.corrects_seq)
    }
  };
}
