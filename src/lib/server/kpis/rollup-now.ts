import { sql } from 'kysely';
import { DIMENSION_OF, groupingSets, KEY_OF, MEMBER_PRESENT } from './rollup-grouping';

// kpi_now: the "now" figures (open, overdue, lights, paused) of the open cases as their
// clocks were last evaluated, per section and cut member, rebuilt whole on each refresh:
// open cases are a small share of all cases and their lights change every day anyway.
// kpi_flags: the cases (open or not) carrying each clock flag, per section, kept by
// triggers and recounted only when they could not follow.
// The warnings page reads both, so that it does not join every open or flagged clock to
// its case on each request (docs/benchmarks.md, "Dashboard").

export const REBUILD_NOW = [
  sql`DELETE FROM kpi_now`,
  sql`
    INSERT INTO kpi_now (dim, key, section_id, open_now, overdue_open_promised, overdue_open_statutory, yellow_now,
      red_now, paused_now)
    SELECT ${sql.raw(DIMENSION_OF)}, ${sql.raw(KEY_OF)},
      section_id,
      count(*),
      count(*) FILTER (WHERE promised_overdue),
      count(*) FILTER (WHERE statutory_overdue),
      count(*) FILTER (WHERE colour = 'yellow'),
      count(*) FILTER (WHERE colour = 'red'),
      count(*) FILTER (WHERE paused)
    FROM (
      SELECT m.section_id, m.department_id, m.id AS matter_id, sp.level, c.service_point_id, c.window_id,
        c.handler_staff_id AS staff_id, c.channel, k.promised_overdue, k.statutory_overdue, k.colour,
        k.paused
      FROM case_clock k
      JOIN cases c ON c.id = k.case_id
      JOIN matters m ON m.id = c.matter_id
      JOIN service_points sp ON sp.id = c.service_point_id
      WHERE k.open
    ) f
    GROUP BY ${sql.raw(groupingSets('section_id'))}
    HAVING ${sql.raw(MEMBER_PRESENT)}`
];

/**
 * kpi_flags recounted whole: only when kpi_rollup_state.flags_stale says deltas could not
 * follow (migration 20261125055000_kpi_flags_delta: the triggers keep it otherwise).
 */
export const RECOUNT_FLAGS = [
  sql`DELETE FROM kpi_flags`,
  sql`
    INSERT INTO kpi_flags (section_id, flag, cases)
    SELECT m.section_id, f.flag, count(*)
    FROM case_clock k
    JOIN cases c ON c.id = k.case_id
    JOIN matters m ON m.id = c.matter_id
    CROSS JOIN LATERAL unnest(k.flags) AS f(flag)
    WHERE k.flags <> '{}'
    GROUP BY m.section_id, f.flag`,
  sql`UPDATE kpi_rollup_state SET flags_stale = false WHERE id = 1`
];
