import { error } from '@sveltejs/kit';
import type { Identity } from '../auth/identity';
import { sectionScope } from '../auth/guard';
import type { Database } from '../db/database';
import type { Kysely } from 'kysely';
import { sectionIdsForCodes, type NoticeScope } from './notices.repository';

// Which notices a user sees: leaders and inspectors all, section heads their sections'
// notices, a staff member the notices addressed to them.

export async function noticeScope(db: Kysely<Database>, identity: Identity): Promise<NoticeScope> {
  const scope = sectionScope(identity);
  if (scope === 'all') return 'all';
  if (identity.roles.includes('section_head')) return { sectionIds: await sectionIdsForCodes(db, scope) };
  return { staffNo: identity.staffNo };
}

/** 404 rather than 403 for a notice out of scope, so ids cannot be probed. */
export function requireNoticeInScope(
  identity: Identity,
  notice: { section_code: string | null; addressee_kind: string; addressee_code: string }
): void {
  const scope = sectionScope(identity);
  if (scope === 'all') return;
  if (notice.section_code !== null && scope.includes(notice.section_code)) return;
  if (
    notice.addressee_kind === 'staff' &&
    identity.staffNo !== null &&
    identity.staffNo === notice.addressee_code
  )
    return;
  error(404, { message: '未找到该整改通知', code: 'not_found' });
}
