import type { DemoCase } from './case-lifecycle';
import { SOURCE_COLUMNS } from '../source/source-tables';
import type { CopyBuffer } from './copy-buffer';

// The COPY columns of the generated relations and the binary rows of one case: the case,
// its events, its rating and complaint. Event, rating and complaint ids are running
// counters. Ids and case ids are bigint (int8), the other integers are int4.

// The binary rows below are written in exactly the contract's column order.
export const CASE_COLUMNS = SOURCE_COLUMNS.cases;
export const EVENT_COLUMNS = SOURCE_COLUMNS.case_events;
export const RATING_COLUMNS = SOURCE_COLUMNS.ratings;
export const COMPLAINT_COLUMNS = SOURCE_COLUMNS.complaints;

export interface IdCounters {
  event: number;
  rating: number;
  complaint: number;
}

export interface CaseBuffers {
  cases: CopyBuffer;
  events: CopyBuffer;
  ratings: CopyBuffer;
  complaints: CopyBuffer;
}

/** Appends the rows of one case; advances the id counters. */
export function formatCase(c: DemoCase, region: string, ids: IdCounters, out: CaseBuffers): void {
  out.cases
    .row(CASE_COLUMNS.length)
    .int8(c.id)
    .text(c.caseNo)
    .text(region)
    .int4(c.matterId)
    .int4(c.servicePointId)
    .int4OrNull(c.windowId)
    .text(c.channel)
    .text(c.applicantKind)
    .text(c.applicantName)
    .text(c.applicantIdNo)
    .text(c.applicantPhone)
    .timestamp(c.receivedAt)
    .timestampOrNull(c.acceptedAt)
    .int4OrNull(c.handlerStaffId)
    .text(c.status)
    .textOrNull(c.decision)
    .timestampOrNull(c.concludedAt)
    .timestampOrNull(c.deliveredAt)
    .timestamp(c.updatedAt);
  const events = out.events;
  for (const e of c.events) {
    events
      .row(EVENT_COLUMNS.length)
      .int8(++ids.event)
      .int8(c.id)
      .text(e.kind)
      .timestamp(e.at)
      .int4OrNull(e.staffId)
      .textOrNull(e.procedure)
      .int4OrNull(e.days)
      .textOrNull(e.note)
      .timestamp(e.at);
  }
  const r = c.rating;
  if (r) {
    out.ratings
      .row(RATING_COLUMNS.length)
      .int8(++ids.rating)
      .int8(c.id)
      .int4OrNull(r.staffId)
      .int4OrNull(r.windowId)
      .int4(r.level)
      .text(r.channel)
      .timestamp(r.ratedAt)
      .textOrNull(r.comment)
      .timestamp(r.ratedAt);
  }
  const p = c.complaint;
  if (p) {
    out.complaints
      .row(COMPLAINT_COLUMNS.length)
      .int8(++ids.complaint)
      .int8(c.id)
      .int4OrNull(p.staffId)
      .int4OrNull(p.windowId)
      .text(p.source)
      .text(p.category)
      .timestamp(p.receivedAt)
      .boolOrNull(p.substantiated)
      .timestampOrNull(p.closedAt)
      .timestamp(p.closedAt ?? p.receivedAt);
  }
}
