import { sql } from 'kysely';

// kpi_now: the "now" figures (open, overdue, lights) of the open cases as their clocks
// were last evaluated, per section and cut member. Rebuilt whole on each refresh: open
// cases are a small share of all cases and their lights change every day anyway.

export const REBUILD_NOW = [
  sql`DELETE FROM kpi_now`,
  sql`
    INSERT INTO kpi_now (dim, key, section_id, open_now, overdue_open_promised, overdue_open_statutory, yellow_now, red_now)
    SELECT
      CASE
        WHEN GROUPING(department_id) = 0 THEN 'department'
        WHEN GROUPING(matter_id) = 0 THEN 'matter'
        WHEN GROUPING(level) = 0 THEN 'level'
        WHEN GROUPING(service_point_id) = 0 THEN 'service_point'
        WHEN GROUPING(window_id) = 0 THEN 'window'
        WHEN GROUPING(staff_id) = 0 THEN 'staff'
        WHEN GROUPING(channel) = 0 THEN 'channel'
        ELSE 'all' END,
      coalesce(department_id::text, matter_id::text, level, service_point_id::text, window_id::text,
        staff_id::text, channel, ''),
      section_id,
      count(*),
      count(*) FILTER (WHERE promised_overdue),
      count(*) FILTER (WHERE statutory_overdue),
      count(*) FILTER (WHERE colour = 'yellow'),
      count(*) FILTER (WHERE colour = 'red')
    FROM (
      SELECT m.section_id, m.department_id, m.id AS matter_id, sp.level, c.service_point_id, c.window_id,
        c.handler_staff_id AS staff_id, c.channel, k.promised_overdue, k.statutory_overdue, k.colour
      FROM case_clock k
      JOIN cases c ON c.id = k.case_id
      JOIN matters m ON m.id = c.matter_id
      JOIN service_points sp ON sp.id = c.service_point_id
      WHERE k.open
    ) f
    GROUP BY GROUPING SETS ((section_id), (section_id, department_id), (section_id, matter_id), (section_id, level),
      (section_id, service_point_id), (section_id, window_id), (section_id, staff_id), (section_id, channel))
    HAVING GROUPING(department_id, matter_id, level, service_point_id, window_id, staff_id, channel) = 127
      OR coalesce(department_id::text, matter_id::text, level, service_point_id::text, window_id::text,
        staff_id::text, channel, '') <> ''`
];
