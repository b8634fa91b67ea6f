// The GROUPING SETS shared by kpi_daily and kpi_now: one row per section and cut member,
// over facts that carry section_id, department_id, matter_id, level, service_point_id,
// window_id, staff_id and channel. GROUPING() is 1 for a column not grouped in the row's
// set: that tells the dimension; a member that is null (a case without a window) is left out.

const MEMBER_COLUMNS = [
  ['department', 'department_id'],
  ['matter', 'matter_id'],
  ['level', 'level'],
  ['service_point', 'service_point_id'],
  ['window', 'window_id'],
  ['staff', 'staff_id'],
  ['channel', 'channel']
] as const;

export const DIMENSION_OF = `CASE
  ${MEMBER_COLUMNS.map(([dim, column]) => `WHEN GROUPING(${column}) = 0 THEN '${dim}'`).join('\n  ')}
  ELSE 'all' END`;

export const KEY_OF = `coalesce(${MEMBER_COLUMNS.map(([, column]) => `${column}::text`).join(', ')}, '')`;

const ALL_MEMBERS_UNGROUPED = (1 << MEMBER_COLUMNS.length) - 1;
export const MEMBER_PRESENT = `(GROUPING(${MEMBER_COLUMNS.map(([, c]) => c).join(', ')}) = ${ALL_MEMBERS_UNGROUPED}
  OR ${KEY_OF} <> '')`;

/** The grouping sets, each led by the given columns (e.g. `day, section_id`). */
export function groupingSets(lead: string): string {
  return `GROUPING SETS ((${lead}), ${MEMBER_COLUMNS.map(([, column]) => `(${lead}, ${column})`).join(', ')})`;
}
