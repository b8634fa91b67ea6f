import type { Transaction } from 'kysely';
import type { Database } from '../db/database';
import type { AddresseeKind, SourceKind } from './rectification.table';

// What a notice refers to, checked against the product's tables: a submitted review, a
// complaint, a bad rating (level 1–2) or a case past its statutory limit; and the section
// its addressee belongs to (a section, a window's section, a staff member's section).

type Trx = Transaction<Database>;

export interface SourceRefs {
  reviewId: number | null;
  complaintId: string | null;
  ratingId: string | null;
  caseId: string | null;
}

const none: SourceRefs = { reviewId: null, complaintId: null, ratingId: null, caseId: null };

export async function resolveSource(
  trx: Trx,
  kind: SourceKind,
  ref: string
): Promise<SourceRefs | { error: string }> {
  if (kind === 'review') {
    const review = await trx
      .selectFrom('audit_reviews')
      .select(['id', 'case_id', 'status'])
      .where('id', '=', Number(ref))
      .executeTakeFirst();
    if (!review || review.status !== 'submitted') return { error: '未找到该编号的已提交评查' };
    return { ...none, reviewId: review.id, caseId: review.case_id };
  }
  if (kind === 'complaint') {
    const complaint = await trx
      .selectFrom('complaints')
      .select(['id', 'case_id'])
      .where('id', '=', ref)
      .executeTakeFirst();
    if (!complaint) return { error: '未找到该编号的投诉' };
    return {
      ...none,
      complaintId: String(complaint.id),
      caseId: complaint.case_id == null ? null : String(complaint.case_id)
    };
  }
  if (kind === 'rating') {
    const rating = await trx
      .selectFrom('ratings')
      .select(['id', 'case_id', 'level'])
      .where('id', '=', ref)
      .executeTakeFirst();
    if (!rating) return { error: '未找到该编号的评价' };
    if (rating.level > 2) return { error: '只能对差评（1–2 星）下发整改通知' };
    return {
      ...none,
      ratingId: String(rating.id),
      caseId: rating.case_id == null ? null : String(rating.case_id)
    };
  }
  const found = await trx
    .selectFrom('cases as c')
    .leftJoin('case_clock as k', 'k.case_id', 'c.id')
    .select(['c.id', 'k.statutory_overdue'])
    .where('c.case_no', '=', ref)
    .orderBy('c.id')
    .executeTakeFirst();
  if (!found) return { error: '未找到该办件编号' };
  if (found.statutory_overdue !== true) return { error: '该办件未超过法定时限' };
  return { ...none, caseId: String(found.id) };
}

export async function resolveAddressee(
  trx: Trx,
  kind: AddresseeKind,
  code: string
): Promise<{ sectionId: number | null } | { error: string }> {
  if (kind === 'section') {
    const section = await trx.selectFrom('sections').select('id').where('code', '=', code).executeTakeFirst();
    return section ? { sectionId: section.id } : { error: '未找到该科室代码' };
  }
  if (kind === 'window') {
    const window = await trx
      .selectFrom('windows')
      .select('section_id')
      .where('code', '=', code)
      .executeTakeFirst();
    return window ? { sectionId: window.section_id } : { error: '未找到该窗口代码' };
  }
  const staff = await trx
    .selectFrom('staff as s')
    .leftJoin('windows as w', 'w.id', 's.window_id')
    .select(['s.section_id', 'w.section_id as window_section_id'])
    .where('s.staff_no', '=', code)
    .executeTakeFirst();
  return staff
    ? { sectionId: staff.section_id ?? staff.window_section_id }
    : { error: '未找到该工号的工作人员' };
}
