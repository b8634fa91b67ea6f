import { error } from '@sveltejs/kit';
import { RECTIFICATION_VIEW_ROLES } from '$lib/rectification';
import { requireRole } from '$lib/server/auth/guard';
import { bureauToday } from '$lib/server/case-clock/bureau-date';
import { getDb } from '$lib/server/db/index';
import { findEvidence, findNotice } from '$lib/server/rectification/notices.repository';
import { requireNoticeInScope } from '$lib/server/rectification/scope';
import type { RequestHandler } from './$types';

// The evidence attached to a response, as a download, for whoever may see the notice.

export const GET: RequestHandler = async (event) => {
  const user = requireRole(event, ...RECTIFICATION_VIEW_ROLES);
  const { id, event: eventId } = event.params;
  const notFound = () => error(404, { message: '未找到该附件', code: 'not_found' });
  if (!/^\d{1,9}$/.test(id) || !/^\d{1,9}$/.test(eventId)) notFound();
  const notice = await findNotice(getDb(), Number(id), bureauToday());
  if (!notice) notFound();
  else requireNoticeInScope(user, notice);
  const file = await findEvidence(getDb(), Number(id), Number(eventId));
  if (!file?.evidence) return notFound();
  return new Response(new Uint8Array(file.evidence), {
    headers: {
      'content-type': file.evidence_content_type ?? 'application/octet-stream',
      'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(file.evidence_filename ?? '附件')}`,
      'x-content-type-options': 'nosniff',
      'cache-control': 'private, no-store'
    }
  });
};
