import type { Transaction } from 'kysely';
import type { Database } from '../db/database';
import type { BasisKind } from './accountability.table';
import type { NewBasis } from './records.repository';

// What a record rests on, checked against the product's tables: a case (by its number), a
// submitted review, a substantiated complaint or a rectification notice (by id).

type Trx = Transaction<Database>;

const none = { caseId: null, reviewId: null, complaintId: null, noticeId: null };

export async function resolveBasis(
  trx: Trx,
  kind: BasisKind,
  ref: string
): Promise<NewBasis | { error: string }> {
  if (kind === 'case') {
    const found = await trx
      .selectFrom('cases')
      .select('id')
      .where('case_no', '=', ref)
      .orderBy('id')
      .executeTakeFirst();
    return found ? { ...none, kind, ref, caseId: String(found.id) } : { error: `未找到办件 ${ref}` };
  }
  if (kind === 'review') {
    const review = await trx
      .selectFrom('audit_reviews')
      .select(['id', 'status'])
      .where('id', '=', Number(ref))
      .executeTakeFirst();
    if (!review || review.status !== 'submitted') return { error: `未找到已提交的评查 #${ref}` };
    return { ...none, kind, ref, reviewId: review.id };
  }
  if (kind === 'complaint') {
    const complaint = await trx
      .selectFrom('complaints')
      .select(['id', 'substantiated'])
      .where('id', '=', ref)
      .executeTakeFirst();
    if (!complaint) return { error: `未找到投诉 #${ref}` };
    if (complaint.substantiated !== true) return { error: `投诉 #${ref} 未认定属实，不能作为追责依据` };
    return { ...none, kind, ref, complaintId: String(complaint.id) };
  }
  const notice = await trx
    .selectFrom('rectification_notices')
    .select('id')
    .where('id', '=', Number(ref))
    .executeTakeFirst();
  return notice ? { ...none, kind, ref, noticeId: notice.id } : { error: `未找到整改通知 #${ref}` };
}
