import { error, fail, type RequestEvent } from '@sveltejs/kit';
import { RECTIFICATION_VIEW_ROLES } from '$lib/rectification';
import { actorOf } from '$lib/server/auth/actor';
import { hasRole, requireRole } from '$lib/server/auth/guard';
import { bureauToday } from '$lib/server/case-clock/bureau-date';
import { getDb } from '$lib/server/db/index';
import { MAX_EVIDENCE_BYTES } from '$lib/server/rectification/notice-form';
import { findNotice, listEvents } from '$lib/server/rectification/notices.repository';
import {
  mayRespond,
  RectificationError,
  respond,
  review,
  type WriteOutcome
} from '$lib/server/rectification/rectification.service';
import { requireNoticeInScope } from '$lib/server/rectification/scope';
import type { Actions, PageServerLoad } from './$types';

// One notice: what to fix, by when, its timeline; the addressee responds (with optional
// evidence), an inspector verifies or rejects with a reason.

function noticeId(params: { id: string }): number {
  if (!/^\d{1,9}$/.test(params.id)) error(404, { message: '未找到该整改通知', code: 'not_found' });
  return Number(params.id);
}

async function visibleNotice(event: RequestEvent<{ id: string }>) {
  const user = requireRole(event, ...RECTIFICATION_VIEW_ROLES);
  const notice = await findNotice(getDb(), noticeId(event.params), bureauToday());
  if (!notice) error(404, { message: '未找到该整改通知', code: 'not_found' });
  requireNoticeInScope(user, notice);
  return { user, notice };
}

export const load: PageServerLoad = async (event) => {
  const { user, notice } = await visibleNotice(event);
  const events = await listEvents(getDb(), notice.id);
  return {
    notice,
    events,
    canRespond: notice.state === 'issued' && mayRespond(user, notice),
    canVerify: notice.state === 'responded' && hasRole(user, 'inspector')
  };
};

async function run(action: string, write: () => Promise<WriteOutcome>) {
  try {
    const outcome = await write();
    return outcome.ok ? { done: action } : fail(400, { action, error: outcome.error });
  } catch (e) {
    if (e instanceof RectificationError) error(e.status, { message: e.message, code: 'rectification' });
    throw e;
  }
}

async function readEvidence(form: FormData) {
  const file = form.get('evidence');
  if (!(file instanceof File) || file.size === 0) return null;
  if (file.size > MAX_EVIDENCE_BYTES) return 'too_large' as const;
  return {
    filename: file.name.slice(0, 200) || '附件',
    contentType: (file.type || 'application/octet-stream').slice(0, 200),
    bytes: Buffer.from(await file.arrayBuffer())
  };
}

export const actions: Actions = {
  respond: async (event) => {
    const { user, notice } = await visibleNotice(event);
    const form = await event.request.formData();
    const evidence = await readEvidence(form);
    if (evidence === 'too_large') return fail(400, { action: 'respond', error: '附件不能超过 5 MB' });
    const who = {
      ...actorOf(user, event.getClientAddress()),
      sectionCodes: user.sectionCodes,
      staffNo: user.staffNo
    };
    return run('respond', () => respond(getDb(), who, notice.id, String(form.get('body') ?? ''), evidence));
  },
  verify: async (event) => {
    const { user, notice } = await visibleNotice(event);
    const form = await event.request.formData();
    const verdict = form.get('verdict') === 'rejected' ? 'rejected' : 'verified';
    const actor = actorOf(user, event.getClientAddress());
    return run(verdict, () => review(getDb(), actor, notice.id, verdict, String(form.get('body') ?? '')));
  }
};
