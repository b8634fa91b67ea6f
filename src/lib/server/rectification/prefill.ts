import type { Kysely } from 'kysely';
import type { Database } from '../db/database';
import { DEFAULT_DEADLINE_DAYS, type NoticeFormValues } from './notice-form';

// The new-notice form's starting values. From a submitted review (?review=id): the
// review as source, the case's section as addressee and the review's defect notes;
// from a rating (?rating=id): the rating as source and its window as addressee; from a
// complaint (?complaint=id, linked from /complaints): likewise.

export async function prefill(db: Kysely<Database>, params: URLSearchParams): Promise<NoticeFormValues> {
  const values: NoticeFormValues = {
    sourceKind: 'rating',
    sourceRef: '',
    addresseeKind: 'section',
    addresseeCode: '',
    deadlineDays: String(DEFAULT_DEADLINE_DAYS),
    defects: ''
  };
  const reviewId = params.get('review') ?? '';
  if (/^\d{1,9}$/.test(reviewId)) {
    const review = await db
      .selectFrom('audit_reviews as r')
      .leftJoin('cases as c', 'c.id', 'r.case_id')
      .leftJoin('matters as m', 'm.id', 'c.matter_id')
      .leftJoin('sections as s', 's.id', 'm.section_id')
      .select(['r.id', 'r.case_no', 'r.entries', 's.code as section_code'])
      .where('r.id', '=', Number(reviewId))
      .where('r.status', '=', 'submitted')
      .executeTakeFirst();
    if (review) {
      const notes = review.entries.filter((e) => e.defect).map((e) => `- ${e.defect}`);
      return {
        ...values,
        sourceKind: 'review',
        sourceRef: String(review.id),
        addresseeCode: review.section_code ?? '',
        defects: [`案卷 ${review.case_no} 评查发现的问题：`, ...notes].join('\n')
      };
    }
  }
  const ratingId = params.get('rating') ?? '';
  if (/^\d{1,15}$/.test(ratingId)) {
    const rating = await db
      .selectFrom('ratings as r')
      .leftJoin('windows as w', 'w.id', 'r.window_id')
      .select(['r.id', 'r.comment', 'w.code as window_code'])
      .where('r.id', '=', ratingId)
      .executeTakeFirst();
    if (rating)
      return {
        ...values,
        sourceRef: String(rating.id),
        addresseeKind: rating.window_code ? 'window' : 'section',
        addresseeCode: rating.window_code ?? '',
        defects: rating.comment ? `差评内容：${rating.comment}` : ''
      };
  }
  const complaintId = params.get('complaint') ?? '';
  if (/^\d{1,15}$/.test(complaintId)) {
    const complaint = await db
      .selectFrom('complaints as p')
      .leftJoin('windows as w', 'w.id', 'p.window_id')
      .select(['p.id', 'p.category', 'w.code as window_code'])
      .where('p.id', '=', complaintId)
      .executeTakeFirst();
    if (complaint)
      return {
        ...values,
        sourceKind: 'complaint',
        sourceRef: String(complaint.id),
        addresseeKind: complaint.window_code ? 'window' : 'section',
        addresseeCode: complaint.window_code ?? '',
        defects: `投诉（${complaint.category}）反映的问题：`
      };
  }
  return values;
}
