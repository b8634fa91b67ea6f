import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../db/database';
import { EMPTY_COUNTS, type KpiCounts, type KpiPeriod } from './kpi-definitions';

// The raw counts behind the headline figures (kpi-definitions.ts assembles them).
// First slice: plain aggregate SQL over the synced tables and case_clock, computed per
// request. Pre-aggregated rollups (per day × section × …) will replace it for speed.
//
// A period [from, to] of local dates is the instant range [from 00:00, to + 1 00:00) in
// Asia/Shanghai, so the indexes on the instants can be used. `codes` is the section cut:
// null for every section, else the section codes (an empty list covers nothing).

const ZONE = 'Asia/Shanghai';

function inPeriod(column: RawBuilder<unknown>, period: KpiPeriod) {
  return sql<boolean>`(${column} >= (${period.from}::date::timestamp AT TIME ZONE ${ZONE})
    AND ${column} < ((${period.to}::date + 1)::timestamp AT TIME ZONE ${ZONE}))`;
}

function sectionFilter(code: RawBuilder<unknown>, codes: string[] | null) {
  return codes === null ? sql<boolean>`true` : sql<boolean>`${code} = ANY(${codes}::text[])`;
}

const n = (v: unknown) => Number(v ?? 0);

export async function loadKpiCounts(
  db: Kysely<Database>,
  period: KpiPeriod,
  codes: string[] | null
): Promise<KpiCounts> {
  // An empty cut (a section outside the user's scope) covers nothing.
  if (codes !== null && codes.length === 0) return { ...EMPTY_COUNTS };
  const received = inPeriod(sql.ref('c.received_at'), period);
  const accepted = inPeriod(sql.ref('c.accepted_at'), period);
  const concluded = sql<boolean>`(c.status = 'concluded' AND ${inPeriod(sql.ref('c.concluded_at'), period)})`;

  const caseRow = await sql<Record<string, string | null>>`
    SELECT
      count(*) FILTER (WHERE ${received}) AS received,
      count(*) FILTER (WHERE ${received} AND c.channel = 'online') AS received_online,
      count(*) FILTER (WHERE ${accepted}) AS accepted,
      count(*) FILTER (WHERE ${concluded}) AS concluded,
      count(*) FILTER (WHERE ${concluded} AND c.decision = 'approved') AS approved,
      count(*) FILTER (WHERE ${concluded} AND c.decision = 'denied') AS denied,
      count(*) FILTER (WHERE ${concluded} AND k.promised_on_time) AS promised_on_time,
      count(*) FILTER (WHERE ${concluded} AND k.statutory_on_time) AS statutory_on_time,
      count(*) FILTER (WHERE k.open) AS open_now,
      count(*) FILTER (WHERE k.open AND k.promised_overdue) AS overdue_open_promised,
      count(*) FILTER (WHERE k.open AND k.statutory_overdue) AS overdue_open_statutory,
      count(*) FILTER (WHERE k.open AND k.colour = 'yellow') AS yellow_now,
      count(*) FILTER (WHERE k.open AND k.colour = 'red') AS red_now,
      count(*) FILTER (WHERE ${concluded} AND k.processing_days IS NOT NULL) AS with_processing,
      coalesce(sum(k.processing_days) FILTER (WHERE ${concluded}), 0) AS processing_days,
      coalesce(sum(k.statutory_days) FILTER (WHERE ${concluded} AND k.processing_days IS NOT NULL), 0)
        AS statutory_days,
      count(*) FILTER (WHERE ${concluded} AND k.processing_days = 0) AS same_day,
      count(*) FILTER (WHERE ${concluded} AND EXISTS (SELECT 1 FROM ratings r WHERE r.case_id = c.id)) AS rated
    FROM cases c
    JOIN matters m ON m.id = c.matter_id
    JOIN sections s ON s.id = m.section_id
    LEFT JOIN case_clock k ON k.case_id = c.id
    WHERE ${sectionFilter(sql.ref('s.code'), codes)}`.execute(db);

  const eventRow = await sql<Record<string, string | null>>`
    SELECT
      count(DISTINCT e.case_id) FILTER (WHERE e.kind = 'rejected') AS rejected,
      count(DISTINCT e.case_id) FILTER (WHERE e.kind = 'withdrawn') AS withdrawn
    FROM case_events e
    JOIN cases c ON c.id = e.case_id
    JOIN matters m ON m.id = c.matter_id
    JOIN sections s ON s.id = m.section_id
    WHERE e.kind IN ('rejected', 'withdrawn')
      AND ${inPeriod(sql.ref('e.occurred_at'), period)}
      AND ${sectionFilter(sql.ref('s.code'), codes)}`.execute(db);

  const matterRow = await sql<Record<string, string | null>>`
    SELECT count(*) AS matters, count(*) FILTER (WHERE m.online) AS matters_online
    FROM matters m JOIN sections s ON s.id = m.section_id
    WHERE ${sectionFilter(sql.ref('s.code'), codes)}`.execute(db);

  // Ratings and complaints follow their case when they have one, else their window's
  // section; one with neither (or a window without a section) is only in the uncut figures.
  const ratingRow = await sql<Record<string, string | null>>`
    SELECT
      count(*) AS ratings,
      count(*) FILTER (WHERE r.level >= 4) AS good,
      count(*) FILTER (WHERE r.level <= 2) AS bad
    FROM ratings r
    LEFT JOIN cases c ON c.id = r.case_id
    LEFT JOIN matters m ON m.id = c.matter_id
    LEFT JOIN windows w ON w.id = r.window_id
    LEFT JOIN sections s ON s.id = CASE WHEN r.case_id IS NOT NULL THEN m.section_id ELSE w.section_id END
    WHERE ${inPeriod(sql.ref('r.rated_at'), period)}
      AND ${sectionFilter(sql.ref('s.code'), codes)}`.execute(db);

  const complaintRow = await sql<Record<string, string | null>>`
    SELECT
      count(*) AS complaints,
      count(*) FILTER (WHERE p.substantiated) AS substantiated,
      count(*) FILTER (WHERE p.closed_at IS NOT NULL) AS closed
    FROM complaints p
    LEFT JOIN cases c ON c.id = p.case_id
    LEFT JOIN matters m ON m.id = c.matter_id
    LEFT JOIN windows w ON w.id = p.window_id
    LEFT JOIN sections s ON s.id = CASE WHEN p.case_id IS NOT NULL THEN m.section_id ELSE w.section_id END
    WHERE ${inPeriod(sql.ref('p.received_at'), period)}
      AND ${sectionFilter(sql.ref('s.code'), codes)}`.execute(db);

  const k = caseRow.rows[0];
  const e = eventRow.rows[0];
  const m = matterRow.rows[0];
  const r = ratingRow.rows[0];
  const p = complaintRow.rows[0];
  return {
    received: n(k.received),
    receivedOnline: n(k.received_online),
    accepted: n(k.accepted),
    rejected: n(e.rejected),
    concluded: n(k.concluded),
    approved: n(k.approved),
    denied: n(k.denied),
    withdrawn: n(e.withdrawn),
    promisedOnTime: n(k.promised_on_time),
    statutoryOnTime: n(k.statutory_on_time),
    openNow: n(k.open_now),
    overdueOpenPromised: n(k.overdue_open_promised),
    overdueOpenStatutory: n(k.overdue_open_statutory),
    yellowNow: n(k.yellow_now),
    redNow: n(k.red_now),
    withProcessing: n(k.with_processing),
    processingDays: n(k.processing_days),
    statutoryDays: n(k.statutory_days),
    sameDay: n(k.same_day),
    rated: n(k.rated),
    matters: n(m.matters),
    mattersOnline: n(m.matters_online),
    ratings: n(r.ratings),
    goodRatings: n(r.good),
    badRatings: n(r.bad),
    complaints: n(p.complaints),
    complaintsSubstantiated: n(p.substantiated),
    complaintsClosed: n(p.closed)
  };
}
