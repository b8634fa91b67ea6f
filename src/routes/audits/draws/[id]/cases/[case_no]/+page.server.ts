import { error, fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { AUDIT_DRAW_ROLES, AUDIT_VIEW_ROLES } from '$lib/audits';
import { actorOf } from '$lib/server/auth/actor';
import { RECTIFICATION_ISSUE_ROLES } from '$lib/rectification';
import { hasRole, requireRole } from '$lib/server/auth/guard';
import { bureauToday } from '$lib/server/case-clock/bureau-date';
import { explainCaseClock } from '$lib/server/case-clock/explain';
import { errorsByItem, readReviewForm } from '$lib/server/case-audits/review-form';
import { findVoid } from '$lib/server/case-audits/draw-voids.repository';
import {
  discardDraft,
  formTemplate,
  ReviewError,
  saveDraft,
  startCorrection,
  submitReview
} from '$lib/server/case-audits/review.service';
import {
  findDrawnCase,
  listCaseReviews,
  listDrawnReviewers
} from '$lib/server/case-audits/reviews.repository';
import { findCaseDetail, listCaseEvents } from '$lib/server/cases/cases.repository';
import { getDb } from '$lib/server/db/index';
import type { Actions, PageServerLoad } from './$types';

// Reviewing one drawn file (案卷评查): the file (timeline and deadline trace, no applicant
// data) beside the scoresheet. Leaders and inspectors see submitted reviews; only the
// reviewer drawn for the case writes one, and sees their own draft.

function target(params: { id: string; case_no: string }) {
  if (!/^\d{1,9}$/.test(params.id)) error(404, { message: '未找到该抽取单', code: 'not_found' });
  return { drawId: Number(params.id), caseNo: params.case_no };
}

export const load: PageServerLoad = async (event) => {
  const user = requireRole(event, ...AUDIT_VIEW_ROLES);
  const db = getDb();
  const t = target(event.params);
  const drawn = await findDrawnCase(db, t.drawId, t.caseNo);
  if (!drawn) error(404, { message: '该办件不在此次抽取中', code: 'not_found' });
  const [voided, reviewers, reviews, template, detail] = await Promise.all([
    findVoid(db, t.drawId),
    listDrawnReviewers(db, t.drawId, t.caseNo),
    listCaseReviews(db, t.drawId, t.caseNo),
    formTemplate(db, t, user.userId),
    findCaseDetail(db, t.caseNo, 'all')
  ]);
  // A void draw takes no more reviews; its reviewer may still discard a draft.
  const drawnForMe = reviewers.some((r) => r.reviewer_user_id === user.userId);
  const canReview = drawnForMe && !voided;
  const visible = reviews
    .filter((r) => r.status === 'submitted' || r.reviewer_user_id === user.userId)
    .map((r) => ({ ...r, score: Number(r.score) }));
  const [events, explained] = detail
    ? await Promise.all([
        listCaseEvents(db, detail.id),
        explainCaseClock(db, { caseId: detail.id }, bureauToday())
      ])
    : [[], undefined];
  // No applicant data on this page: the case page has the audited reveal.
  const file = detail && {
    case_no: detail.case_no,
    status: detail.status,
    matter_name: detail.matter_name,
    matter_code: detail.matter_code,
    section_name: detail.section_name,
    handler_name: detail.handler_name,
    channel: detail.channel,
    decision: detail.decision
  };
  return {
    drawId: t.drawId,
    me: user.userId,
    drawn,
    reviewers,
    reviews: visible,
    template: { id: template.id, name: template.name, items: template.items },
    canReview,
    voided: voided ? { reason: voided.reason, by: voided.voided_by_name, at: voided.voided_at } : null,
    canRectify: hasRole(user, ...RECTIFICATION_ISSUE_ROLES),
    file,
    events,
    clock: explained?.result ?? null
  };
};

async function write(event: RequestEvent<{ id: string; case_no: string }>, submit: boolean) {
  const user = requireRole(event, ...AUDIT_DRAW_ROLES);
  const t = target(event.params);
  const template = await formTemplate(getDb(), t, user.userId);
  const read = readReviewForm(await event.request.formData(), template.items);
  if (read.errors.length)
    return fail(400, { values: read.values, errors: errorsByItem(read.errors), submit });
  try {
    const outcome = await (submit ? submitReview : saveDraft)(
      getDb(),
      actorOf(user, event.getClientAddress()),
      t,
      read.entries
    );
    if (!outcome.ok) return fail(400, { values: read.values, errors: errorsByItem(outcome.errors), submit });
  } catch (e) {
    if (e instanceof ReviewError)
      return fail(e.status, { values: read.values, errors: { _: e.message }, submit });
    throw e;
  }
  return { saved: submit ? 'submitted' : 'draft' };
}

export const actions: Actions = {
  save: (event) => write(event, false),
  submit: (event) => write(event, true),
  discard: async (event) => {
    const user = requireRole(event, ...AUDIT_DRAW_ROLES);
    const t = target(event.params);
    try {
      await discardDraft(getDb(), actorOf(user, event.getClientAddress()), t);
    } catch (e) {
      if (e instanceof ReviewError) return fail(e.status, { errors: { _: e.message } });
      throw e;
    }
    return { discarded: true };
  },
  correct: async (event) => {
    const user = requireRole(event, ...AUDIT_DRAW_ROLES);
    const t = target(event.params);
    try {
      await startCorrection(getDb(), actorOf(user, event.getClientAddress()), t);
    } catch (e) {
      if (e instanceof ReviewError) return fail(e.status, { errors: { _: e.message } });
      throw e;
    }
    redirect(303, event.url.pathname);
  }
};
