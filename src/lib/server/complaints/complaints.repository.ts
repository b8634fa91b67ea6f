import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/database';
import type { KpiPeriod } from '../kpis/kpi-definitions';
import type { KpiFilter } from '../kpis/kpi-filter';
import { filterSql, FOLLOWER_JOINS, FOLLOWER_MEMBER, inPeriod } from '../kpis/kpi-sql';

// The complaints received in a period, each placed as the headline figures place it (its
// case's window and handler, else its own window and staff member; kpi-sql.ts). Complaints
// are few (a handful a day), so the page aggregates the rows themselves
// (complaint-figures.ts); the cap only guards against a runaway period.

export const COMPLAINT_ROW_CAP = 50_000;

export interface ComplaintRow {
  id: string;
  received_at: Date;
  closed_at: Date | null;
  substantiated: boolean | null;
  source: string;
  category: string;
  case_no: string | null;
  window_code: string | null;
  window_name: string | null;
  staff_no: string | null;
  staff_name: string | null;
  section_code: string | null;
}

export async function loadComplaints(
  db: Kysely<Database>,
  period: KpiPeriod,
  filter: KpiFilter,
  limit = COMPLAINT_ROW_CAP
): Promise<ComplaintRow[]> {
  if (filter.sections !== null && filter.sections.length === 0) return [];
  const f = FOLLOWER_MEMBER('p');
  const result = await sql<ComplaintRow>`
    SELECT p.id, p.received_at, p.closed_at, p.substantiated, p.source, p.category, c.case_no,
      xw.code AS window_code, xw.name AS window_name, xs.staff_no, xs.name AS staff_name,
      xsec.code AS section_code
    FROM complaints p ${FOLLOWER_JOINS('p')}
    LEFT JOIN windows xw ON xw.id = ${sql.raw(f.window)}
    LEFT JOIN staff xs ON xs.id = ${sql.raw(f.staff)}
    LEFT JOIN sections xsec ON xsec.id = ${sql.raw(f.section)}
    WHERE ${inPeriod(sql.ref('p.received_at'), period)} AND ${filterSql(filter, f)}
    ORDER BY p.received_at DESC, p.id DESC
    LIMIT ${limit}`.execute(db);
  return result.rows.map((r) => ({ ...r, id: String(r.id) }));
}

/** Complaints not closed now, whenever received (a "now" figure: ignores the period). */
export async function countOpenComplaints(db: Kysely<Database>, filter: KpiFilter): Promise<number> {
  if (filter.sections !== null && filter.sections.length === 0) return 0;
  const result = await sql<{ n: string }>`
    SELECT count(*) AS n FROM complaints p ${FOLLOWER_JOINS('p')}
    WHERE p.closed_at IS NULL AND ${filterSql(filter, FOLLOWER_MEMBER('p'))}`.execute(db);
  return Number(result.rows[0].n);
}
