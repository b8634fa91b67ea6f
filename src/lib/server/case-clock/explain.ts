import type { Kysely } from 'kysely';
import { computeClock } from '../clock/deadlines';
import type { CaseKind, CaseStatus, ClockResult } from '../clock/types';
import type { Database } from '../db/database';
import { bureauToday } from './bureau-date';
import { loadCalendarFrom } from './calendar.repository';

// The clock of one case with its trace (the "explain every deadline" page), computed on
// demand from the same synced rows, calendar and settings as the stored case_clock row:
// the trace is not stored, it would cost a kilobyte or two per case for a page that few
// cases ever get.

export interface ExplainedClock {
  caseId: string;
  caseNo: string;
  result: ClockResult;
}

/** By case id or case number; undefined when no such case was synced. */
export async function explainCaseClock(
  db: Kysely<Database>,
  which: { caseId: string } | { caseNo: string },
  evaluationDate: string = bureauToday()
): Promise<ExplainedClock | undefined> {
  const row = await db
    .selectFrom('cases as c')
    .innerJoin('matters as m', 'm.id', 'c.matter_id')
    .leftJoin('matter_settings as s', 's.matter_id', 'c.matter_id')
    .select([
      'c.id',
      'c.case_no',
      'c.status',
      'c.received_at',
      'c.accepted_at',
      'c.concluded_at',
      'c.delivered_at',
      'm.kind',
      'm.promised_days',
      'm.statutory_days',
      's.yellow_ratio',
      's.yellow_days'
    ])
    .$call((q) =>
      'caseId' in which ? q.where('c.id', '=', which.caseId) : q.where('c.case_no', '=', which.caseNo)
    )
    .orderBy('c.id')
    .limit(1)
    .executeTakeFirst();
  if (!row) return undefined;
  const [events, calendar] = await Promise.all([
    db
      .selectFrom('case_events')
      .select(['kind', 'occurred_at', 'days', 'procedure'])
      .where('case_id', '=', row.id)
      .orderBy('occurred_at')
      .orderBy('id')
      .execute(),
    loadCalendarFrom(db)
  ]);
  const result = computeClock(
    {
      kind: row.kind as CaseKind,
      promisedDays: row.promised_days,
      statutoryDays: row.statutory_days,
      status: row.status as CaseStatus,
      receivedAt: row.received_at,
      acceptedAt: row.accepted_at,
      concludedAt: row.concluded_at,
      deliveredAt: row.delivered_at,
      events: events.map((e) => ({
        kind: e.kind,
        occurredAt: e.occurred_at,
        days: e.days,
        procedure: e.procedure
      })),
      settings:
        row.yellow_ratio === null
          ? null
          : { yellowRatio: Number(row.yellow_ratio), yellowDays: row.yellow_days ?? undefined }
    },
    calendar,
    evaluationDate
  );
  return { caseId: row.id, caseNo: row.case_no, result };
}
