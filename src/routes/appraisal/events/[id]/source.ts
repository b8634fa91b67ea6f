import type { Kysely } from 'kysely';
import { findEvent, findReviewPlace, type EventDetail } from '$lib/server/appraisal/appeals.repository';
import { canSeeEvent } from '$lib/server/appraisal/event-scope';
import { hasRole } from '$lib/server/auth/guard';
import type { Identity } from '$lib/server/auth/identity';
import type { Database } from '$lib/server/db/database';

// Where an automatic event comes from, and a link to it when the viewer may open that page
// (cases and ratings: figures roles; reviews: leaders and inspectors; a shared deduction:
// whoever may see that event). Staff see the reference without a link.

export type EventSourceLink =
  | { kind: 'case'; label: string; caseNo: string }
  | { kind: 'rating'; label: string; id: string }
  | { kind: 'review'; label: string; drawId: string; caseNo: string }
  | { kind: 'event'; label: string; id: string }
  | { kind: 'text'; label: string };

export async function eventSource(
  db: Kysely<Database>,
  user: Identity,
  event: EventDetail
): Promise<EventSourceLink | null> {
  const ref = event.sourceRef;
  if (event.sourceKind === null || ref === null) return null;
  const figures = hasRole(user, 'leader', 'inspector', 'section_head');
  switch (event.sourceKind) {
    case 'case':
      return figures
        ? { kind: 'case', label: `办件 ${ref}`, caseNo: ref }
        : { kind: 'text', label: `办件 ${ref}` };
    case 'rating':
      // Only bad ratings have a page of their own.
      return figures && event.ruleCode === 'bad_rating'
        ? { kind: 'rating', label: `差评 #${ref}`, id: ref }
        : { kind: 'text', label: `评价 #${ref}` };
    case 'complaint':
      return { kind: 'text', label: `投诉 #${ref}` };
    case 'review': {
      const place =
        hasRole(user, 'leader', 'inspector') && /^\d{1,9}$/.test(ref)
          ? await findReviewPlace(db, Number(ref))
          : undefined;
      return place
        ? { kind: 'review', label: `案卷评查 #${ref}`, drawId: String(place.draw_id), caseNo: place.case_no }
        : { kind: 'text', label: `案卷评查 #${ref}` };
    }
    case 'event': {
      const source = /^\d{1,18}$/.test(ref) ? await findEvent(db, ref) : undefined;
      return source && canSeeEvent(user, source)
        ? { kind: 'event', label: `原扣分事件 #${ref}`, id: ref }
        : { kind: 'text', label: `原扣分事件 #${ref}` };
    }
  }
}
