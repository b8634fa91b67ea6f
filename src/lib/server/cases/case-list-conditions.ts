import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { Database } from '../db/database';
import type { CaseListFilter } from './cases.repository';

// The WHERE conditions of the case list's dashboard filters (basis and period, the cut
// members, the refinements), over the aliases of listCases: c cases, m matters,
// d departments, sp service points, w windows, h staff (handler), k case_clock.

type Eb = ExpressionBuilder<
  Database & { c: Database['cases']; m: Database['matters']; k: Database['case_clock'] },
  'c' | 'm' | 'k'
>;

const ZONE = 'Asia/Shanghai';
const lo = (date: string) => sql`(${date}::date::timestamp AT TIME ZONE ${ZONE})`;
const hi = (date: string) => sql`((${date}::date + 1)::timestamp AT TIME ZONE ${ZONE})`;

function basisCondition(filter: CaseListFilter): Expression<SqlBool> | null {
  if (filter.basis === 'open') return sql<SqlBool>`k.open`;
  if (!filter.basis || !filter.period) return null;
  const { from, to } = filter.period;
  const within = (column: string) =>
    sql<SqlBool>`(${sql.ref(column)} >= ${lo(from)} AND ${sql.ref(column)} < ${hi(to)})`;
  switch (filter.basis) {
    case 'received':
      return within('c.received_at');
    case 'accepted':
      return within('c.accepted_at');
    case 'concluded':
      return sql<SqlBool>`(c.status = 'concluded' AND ${within('c.concluded_at')})`;
    case 'rejected':
    case 'withdrawn':
      // The case's first such event falls in the period (as the figures count it).
      return sql<SqlBool>`(SELECT min(e.occurred_at) FROM case_events e
        WHERE e.case_id = c.id AND e.kind = ${filter.basis}) >= ${lo(from)}
        AND (SELECT min(e.occurred_at) FROM case_events e
        WHERE e.case_id = c.id AND e.kind = ${filter.basis}) < ${hi(to)}`;
  }
}

const MEMBER_COLUMN: Record<string, string> = {
  department: 'd.code',
  matter: 'm.code',
  level: 'sp.level',
  service_point: 'sp.code',
  window: 'w.code',
  staff: 'h.staff_no',
  channel: 'c.channel'
};

export function dashboardConditions(eb: Eb, filter: CaseListFilter): Expression<SqlBool> {
  const parts: Expression<SqlBool>[] = [];
  const basis = basisCondition(filter);
  if (basis) parts.push(basis);
  for (const [dimension, code] of Object.entries(filter.members ?? {})) {
    if (code) parts.push(sql<SqlBool>`${sql.ref(MEMBER_COLUMN[dimension])} = ${code}`);
  }
  if (filter.decision) parts.push(sql<SqlBool>`c.decision = ${filter.decision}`);
  if (filter.late === 'promised') parts.push(sql<SqlBool>`k.promised_on_time IS NOT TRUE`);
  if (filter.late === 'statutory') parts.push(sql<SqlBool>`k.statutory_on_time IS NOT TRUE`);
  if (filter.sameDay) parts.push(sql<SqlBool>`k.processing_days = 0`);
  if (filter.overdue === 'promised') parts.push(sql<SqlBool>`k.promised_overdue`);
  if (filter.overdue === 'statutory') parts.push(sql<SqlBool>`k.statutory_overdue`);
  // flags @> matches the GIN index on case_clock.flags (WHERE flags <> '{}').
  if (filter.flag) parts.push(sql<SqlBool>`k.flags <> '{}' AND k.flags @> ARRAY[${filter.flag}]::text[]`);
  return eb.and(parts);
}

/** The column the list is ordered by: the basis's own date, newest first; open cases by due date. */
export function basisOrder(filter: CaseListFilter): { column: string; direction: 'asc' | 'desc' } {
  switch (filter.basis) {
    case 'accepted':
      return { column: 'c.accepted_at', direction: 'desc' };
    case 'concluded':
      return { column: 'c.concluded_at', direction: 'desc' };
    case 'open':
      return { column: 'k.promised_due_on', direction: 'asc' };
    default:
      return { column: 'c.received_at', direction: 'desc' };
  }
}
