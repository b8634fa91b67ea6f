import { sql, type RawBuilder } from 'kysely';
import { DIMENSION_OF, groupingSets, KEY_OF, MEMBER_PRESENT } from './rollup-grouping';

// The SQL that recomputes kpi_daily for a set of local days. Each fact says what happened
// on a day (a case received, accepted, concluded, rejected or withdrawn; a rating; a
// complaint) with the cut members it belongs to; GROUPING SETS then sums the facts once
// per cut dimension. Ratings and complaints follow their case when they have one, else
// their own window (its section and service point) and staff member (docs/rules/kpis.md).

const ZONE = 'Asia/Shanghai';

const MEASURES = [
  'received',
  'received_online',
  'accepted',
  'rejected',
  'withdrawn',
  'concluded',
  'approved',
  'denied',
  'promised_on_time',
  'statutory_on_time',
  'with_processing',
  'same_day',
  'rated',
  'ratings',
  'good_ratings',
  'bad_ratings',
  'complaints',
  'complaints_substantiated',
  'complaints_closed',
  'processing_days',
  'statutory_days'
] as const;
type Measure = (typeof MEASURES)[number];

/** A select list giving every measure: the named ones their expression, the rest 0. */
function measures(values: Partial<Record<Measure, string>>): string {
  return MEASURES.map((m) => `${values[m] ?? '0'} AS ${m}`).join(', ');
}

const CASE_DIMS = `m.section_id, m.department_id, m.id AS matter_id, sp.level, c.service_point_id,
  c.window_id, c.handler_staff_id AS staff_id, c.channel`;
const CASE_JOINS = `JOIN matters m ON m.id = c.matter_id JOIN service_points sp ON sp.id = c.service_point_id`;

/**
 * The instants of a bounds row: [lo, hi) is the local day. The same column is also held
 * within all the days' span (InitPlans): implied by the first condition, but it lets the
 * planner see a narrow range of the index. Without it, it took the join with bounds for
 * millions of rows and hashed the whole case_clock and cases tables: 1.7 s to recompute
 * one day at 1,000,000 cases instead of 0.17 s (docs/benchmarks.md, "Dashboard").
 */
const SPAN = (column: string) =>
  `${column} >= (SELECT min(lo) FROM bounds) AND ${column} < (SELECT max(hi) FROM bounds)`;
const inDay = (column: string) => `${column} >= b.lo AND ${column} < b.hi AND ${SPAN(column)}`;

// A rating or complaint: its case's members, else its window's section and service point.
const FOLLOWER_DIMS = (t: string) => `
  CASE WHEN ${t}.case_id IS NOT NULL THEN m.section_id ELSE w.section_id END AS section_id,
  m.department_id, m.id AS matter_id,
  CASE WHEN ${t}.case_id IS NOT NULL THEN sp.level ELSE wsp.level END AS level,
  CASE WHEN ${t}.case_id IS NOT NULL THEN c.service_point_id ELSE w.service_point_id END AS service_point_id,
  CASE WHEN ${t}.case_id IS NOT NULL THEN c.window_id ELSE ${t}.window_id END AS window_id,
  CASE WHEN ${t}.case_id IS NOT NULL THEN c.handler_staff_id ELSE ${t}.staff_id END AS staff_id,
  c.channel`;
const FOLLOWER_JOINS = (t: string) => `
  LEFT JOIN cases c ON c.id = ${t}.case_id
  LEFT JOIN matters m ON m.id = c.matter_id
  LEFT JOIN service_points sp ON sp.id = c.service_point_id
  LEFT JOIN windows w ON w.id = ${t}.window_id AND ${t}.case_id IS NULL
  LEFT JOIN service_points wsp ON wsp.id = w.service_point_id`;

const FACTS = `
  SELECT b.day, ${CASE_DIMS}, ${measures({ received: '1', received_online: "(c.channel = 'online')::int" })}
  FROM bounds b JOIN cases c ON ${inDay('c.received_at')} ${CASE_JOINS}
  UNION ALL
  SELECT b.day, ${CASE_DIMS}, ${measures({ accepted: '1' })}
  FROM bounds b JOIN cases c ON ${inDay('c.accepted_at')} ${CASE_JOINS}
  UNION ALL
  SELECT b.day, ${CASE_DIMS}, ${measures({
    concluded: '1',
    // A concluded case may lack a decision, and one never accepted has no clock: a null
    // comparison must count 0, not make the day's sum null.
    approved: "coalesce(c.decision = 'approved', false)::int",
    denied: "coalesce(c.decision = 'denied', false)::int",
    promised_on_time: 'coalesce(k.promised_on_time, false)::int',
    statutory_on_time: 'coalesce(k.statutory_on_time, false)::int',
    with_processing: '(k.processing_days IS NOT NULL)::int',
    same_day: 'coalesce(k.processing_days = 0, false)::int',
    processing_days: 'coalesce(k.processing_days, 0)',
    statutory_days: 'CASE WHEN k.processing_days IS NOT NULL THEN k.statutory_days ELSE 0 END',
    rated: 'EXISTS (SELECT 1 FROM ratings r WHERE r.case_id = c.id)::int'
  })}
  FROM bounds b JOIN cases c ON ${inDay('c.concluded_at')} AND c.status = 'concluded' ${CASE_JOINS}
  LEFT JOIN case_clock k ON k.case_id = c.id
  UNION ALL
  -- A case counts as rejected (withdrawn) on the day of its first such event.
  SELECT b.day, ${CASE_DIMS}, ${measures({
    rejected: "(o.kind = 'rejected')::int",
    withdrawn: "(o.kind = 'withdrawn')::int"
  })}
  FROM bounds b
  JOIN (
    -- The cases with such an event on the days first, then their events by case (an IN
    -- over all rejected and withdrawn events read every one of them on each refresh).
    SELECT DISTINCT ON (e.case_id, e.kind) e.case_id, e.kind, e.occurred_at
    FROM (
      SELECT DISTINCT e2.case_id FROM bounds b2 JOIN case_events e2
        ON e2.occurred_at >= b2.lo AND e2.occurred_at < b2.hi AND e2.kind IN ('rejected', 'withdrawn')
          AND ${SPAN('e2.occurred_at')}
    ) t
    JOIN case_events e ON e.case_id = t.case_id AND e.kind IN ('rejected', 'withdrawn')
    ORDER BY e.case_id, e.kind, e.occurred_at, e.id
  ) o ON ${inDay('o.occurred_at')}
  JOIN cases c ON c.id = o.case_id ${CASE_JOINS}
  UNION ALL
  SELECT b.day, ${FOLLOWER_DIMS('r')}, ${measures({
    ratings: '1',
    good_ratings: '(r.level >= 4)::int',
    bad_ratings: '(r.level <= 2)::int'
  })}
  FROM bounds b JOIN ratings r ON ${inDay('r.rated_at')} ${FOLLOWER_JOINS('r')}
  UNION ALL
  SELECT b.day, ${FOLLOWER_DIMS('p')}, ${measures({
    complaints: '1',
    complaints_substantiated: 'coalesce(p.substantiated, false)::int',
    complaints_closed: '(p.closed_at IS NOT NULL)::int'
  })}
  FROM bounds b JOIN complaints p ON ${inDay('p.received_at')} ${FOLLOWER_JOINS('p')}`;

/** Deletes and recomputes the kpi_daily rows of the given local days (YYYY-MM-DD). */
export function recomputeDaysStatements(days: string[]): RawBuilder<unknown>[] {
  const sums = MEASURES.map((m) => `coalesce(sum(${m}), 0)`).join(', ');
  return [
    sql`DELETE FROM kpi_daily WHERE day = ANY(${days}::date[])`,
    sql`
      WITH bounds AS (
        SELECT d AS day, d::timestamp AT TIME ZONE ${ZONE} AS lo, (d + 1)::timestamp AT TIME ZONE ${ZONE} AS hi
        FROM unnest(${days}::date[]) AS d
      ), facts AS (${sql.raw(FACTS)})
      INSERT INTO kpi_daily (day, dim, key, section_id, ${sql.raw(MEASURES.join(', '))})
      SELECT day, ${sql.raw(DIMENSION_OF)}, ${sql.raw(KEY_OF)}, coalesce(section_id, 0), ${sql.raw(sums)}
      FROM facts
      GROUP BY ${sql.raw(groupingSets('day, section_id'))}
      HAVING ${sql.raw(MEMBER_PRESENT)}`
  ];
}
