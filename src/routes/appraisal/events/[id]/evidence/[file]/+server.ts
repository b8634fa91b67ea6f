import { error } from '@sveltejs/kit';
import { EVENT_VIEW_ROLES } from '$lib/appraisal/appeal-rules';
import { findEvent } from '$lib/server/appraisal/appeals.repository';
import { canSeeEvent } from '$lib/server/appraisal/event-scope';
import { findEvidenceFile } from '$lib/server/appraisal/manual-events.repository';
import { requireRole } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db/index';
import type { RequestHandler } from './$types';

// An event's evidence file, as a download, for whoever may see the event.

export const GET: RequestHandler = async (event) => {
  const user = requireRole(event, ...EVENT_VIEW_ROLES);
  const { id, file } = event.params;
  const notFound = () => error(404, { message: '未找到该附件', code: 'not_found' });
  if (!/^\d{1,18}$/.test(id) || !/^\d{1,9}$/.test(file)) notFound();
  const found = await findEvent(getDb(), id);
  if (!found || !canSeeEvent(user, found)) notFound();
  const stored = await findEvidenceFile(getDb(), id, Number(file));
  if (!stored) return notFound();
  return new Response(new Uint8Array(stored.bytes), {
    headers: {
      'content-type': stored.mime,
      'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(stored.file_name)}`,
      'x-content-type-options': 'nosniff',
      'cache-control': 'private, no-store'
    }
  });
};
