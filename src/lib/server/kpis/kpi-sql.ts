import { sql, type RawBuilder } from 'kysely';
import type { KpiPeriod } from './kpi-definitions';
import { memberEntries, type KpiFilter, type MemberDimension } from './kpi-filter';

// SQL pieces of the plain KPI queries (kpis.repository.ts) and of the other per-request
// counts: a period as an instant range, and where the cut members of a case, or of a
// rating or complaint, are. A period [from, to] of local dates is the instant range
// [from 00:00, to + 1 00:00) in Asia/Shanghai, so the indexes on the instants can be used.

const ZONE = 'Asia/Shanghai';

export function inPeriod(column: RawBuilder<unknown>, period: KpiPeriod) {
  return sql<boolean>`(${column} >= (${period.from}::date::timestamp AT TIME ZONE ${ZONE})
    AND ${column} < ((${period.to}::date + 1)::timestamp AT TIME ZONE ${ZONE}))`;
}

/** Where a case's cut members are (aliases c, m, sp). */
export const CASE_MEMBER: Record<MemberDimension | 'section', string> = {
  section: 'm.section_id',
  department: 'm.department_id',
  matter: 'm.id',
  level: 'sp.level',
  service_point: 'c.service_point_id',
  window: 'c.window_id',
  staff: 'c.handler_staff_id',
  channel: 'c.channel'
};

/** A rating's or complaint's (alias t): its case's members, else its window's. */
export const FOLLOWER_MEMBER = (t: string): Record<MemberDimension | 'section', string> => ({
  section: `CASE WHEN ${t}.case_id IS NOT NULL THEN m.section_id ELSE w.section_id END`,
  department: 'm.department_id',
  matter: 'm.id',
  level: `CASE WHEN ${t}.case_id IS NOT NULL THEN sp.level ELSE wsp.level END`,
  service_point: `CASE WHEN ${t}.case_id IS NOT NULL THEN c.service_point_id ELSE w.service_point_id END`,
  window: `CASE WHEN ${t}.case_id IS NOT NULL THEN c.window_id ELSE ${t}.window_id END`,
  staff: `CASE WHEN ${t}.case_id IS NOT NULL THEN c.handler_staff_id ELSE ${t}.staff_id END`,
  channel: 'c.channel'
});

const NUMERIC = new Set(['section', 'department', 'matter', 'service_point', 'window', 'staff']);

export function filterSql(filter: KpiFilter, columns: Record<MemberDimension | 'section', string>) {
  const parts: RawBuilder<unknown>[] = [sql`true`];
  if (filter.sections !== null) parts.push(sql`${sql.raw(columns.section)} = ANY(${filter.sections}::int[])`);
  for (const [dimension, key] of memberEntries(filter)) {
    const column = sql.raw(columns[dimension]);
    parts.push(NUMERIC.has(dimension) ? sql`${column} = ${Number(key)}` : sql`${column} = ${key}`);
  }
  return sql.join(parts, sql` AND `);
}

export const FOLLOWER_JOINS = (t: string) =>
  sql.raw(`LEFT JOIN cases c ON c.id = ${t}.case_id
    LEFT JOIN matters m ON m.id = c.matter_id
    LEFT JOIN service_points sp ON sp.id = c.service_point_id
    LEFT JOIN windows w ON w.id = ${t}.window_id
    LEFT JOIN service_points wsp ON wsp.id = w.service_point_id`);
