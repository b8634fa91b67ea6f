import { sql, type Kysely } from 'kysely';
import type { MarkFilter, MarkState } from '../../rating-marks';
import type { Database } from '../db/database';
import { RATING_NOTICE_STATES } from '../kpis/bad-rating-rectification.repository';
import type { KpiPeriod } from '../kpis/kpi-definitions';
import type { KpiFilter } from '../kpis/kpi-filter';
import { filterSql, FOLLOWER_JOINS, FOLLOWER_MEMBER, inPeriod } from '../kpis/kpi-sql';

// The ratings of a period by window or by person, and the list of its bad ratings. Each
// rating is placed as the headline figures place it (its case's window and handler, else
// its own window and staff member: kpi-sql.ts FOLLOWER_MEMBER), so a window's row here is
// that window's cut on the overview. Bad = level 1–2, good = 4–5 (shared/spec/kpis.md).

export type GroupBy = 'window' | 'staff';

export interface RatingGroupRow {
  /** Window or staff id; null for ratings with none. */
  key: string | null;
  code: string | null;
  name: string | null;
  ratings: number;
  good: number;
  bad: number;
  /** Bad ratings with a verified rectification notice, and of those by its deadline. */
  rectified: number;
  rectifiedOnTime: number;
}

const n = (v: unknown) => Number(v ?? 0);
const empty = (filter: KpiFilter) => filter.sections !== null && filter.sections.length === 0;

export async function loadRatingGroups(
  db: Kysely<Database>,
  period: KpiPeriod,
  filter: KpiFilter,
  by: GroupBy
): Promise<RatingGroupRow[]> {
  if (empty(filter)) return [];
  const member = sql.raw(FOLLOWER_MEMBER('r')[by]);
  const label = by === 'window' ? sql`x.code, x.name` : sql`x.staff_no AS code, x.name`;
  const join =
    by === 'window' ? sql`LEFT JOIN windows x ON x.id = g.key` : sql`LEFT JOIN staff x ON x.id = g.key`;
  const result = await sql<Record<string, string | null>>`
    WITH g AS (
      SELECT ${member} AS key,
        count(*) AS ratings,
        count(*) FILTER (WHERE r.level >= 4) AS good,
        count(*) FILTER (WHERE r.level <= 2) AS bad,
        count(*) FILTER (WHERE r.level <= 2 AND v.verified) AS rectified,
        count(*) FILTER (WHERE r.level <= 2 AND v.on_time) AS on_time
      FROM ratings r ${FOLLOWER_JOINS('r')}
      LEFT JOIN ${RATING_NOTICE_STATES} v ON v.rating_id = r.id
      WHERE ${inPeriod(sql.ref('r.rated_at'), period)} AND ${filterSql(filter, FOLLOWER_MEMBER('r'))}
      GROUP BY 1
    )
    SELECT g.*, ${label} FROM g ${join}
    ORDER BY g.bad DESC, g.ratings DESC, x.name NULLS LAST`.execute(db);
  return result.rows.map((r) => ({
    key: r.key === null ? null : String(r.key),
    code: r.code,
    name: r.name,
    ratings: n(r.ratings),
    good: n(r.good),
    bad: n(r.bad),
    rectified: n(r.rectified),
    rectifiedOnTime: n(r.on_time)
  }));
}

/** A bad rating's rectification through notices: the furthest any of its notices got. */
export type NoticeProgress = 'none' | 'issued' | 'responded' | 'verified_on_time' | 'verified_late';

export interface BadRatingRow {
  id: string;
  rated_at: Date;
  level: number;
  channel: string;
  comment: string | null;
  case_no: string | null;
  window_code: string | null;
  window_name: string | null;
  staff_no: string | null;
  staff_name: string | null;
  section_code: string | null;
  notice: NoticeProgress;
  mark: MarkState;
}

export interface BadRatingQuery {
  mark?: MarkFilter;
  limit: number;
  offset: number;
}

function markCondition(mark: MarkFilter | undefined) {
  if (!mark) return sql`true`;
  if (mark === 'none') return sql`ms.state IS NULL`;
  if (mark === 'appealed') return sql`ms.state IN ('appealed_mistaken', 'appealed_malicious')`;
  return sql`ms.state = ${mark}`;
}

const BAD_RATING_COLUMNS = sql`r.id, r.rated_at, r.level, r.channel, r.comment, c.case_no,
  xw.code AS window_code, xw.name AS window_name, xs.staff_no, xs.name AS staff_name, xsec.code AS section_code,
  CASE WHEN v.on_time THEN 'verified_on_time' WHEN v.verified THEN 'verified_late'
    WHEN v.responded THEN 'responded' WHEN v.rating_id IS NOT NULL THEN 'issued' ELSE 'none' END AS notice,
  coalesce(ms.state, 'none') AS mark`;

/** A rating with its window, person and section as the figures place them, its notices and marks. */
function badRatingFrom() {
  const f = FOLLOWER_MEMBER('r');
  return sql`ratings r ${FOLLOWER_JOINS('r')}
    LEFT JOIN windows xw ON xw.id = ${sql.raw(f.window)}
    LEFT JOIN staff xs ON xs.id = ${sql.raw(f.staff)}
    LEFT JOIN sections xsec ON xsec.id = ${sql.raw(f.section)}
    LEFT JOIN ${RATING_NOTICE_STATES} v ON v.rating_id = r.id
    LEFT JOIN rating_mark_states ms ON ms.rating_id = r.id`;
}

export async function listBadRatings(
  db: Kysely<Database>,
  period: KpiPeriod,
  filter: KpiFilter,
  query: BadRatingQuery
): Promise<BadRatingRow[]> {
  if (empty(filter)) return [];
  const result = await sql<BadRatingRow>`
    SELECT ${BAD_RATING_COLUMNS} FROM ${badRatingFrom()}
    WHERE r.level <= 2 AND ${inPeriod(sql.ref('r.rated_at'), period)}
      AND ${filterSql(filter, FOLLOWER_MEMBER('r'))} AND ${markCondition(query.mark)}
    ORDER BY r.rated_at DESC, r.id DESC
    LIMIT ${query.limit} OFFSET ${query.offset}`.execute(db);
  return result.rows.map((r) => ({ ...r, id: String(r.id) }));
}

/** One rating (any level) with where it is placed; undefined when unknown. */
export async function findRating(db: Kysely<Database>, id: string): Promise<BadRatingRow | undefined> {
  if (!/^\d{1,18}$/.test(id)) return undefined;
  const result = await sql<BadRatingRow>`
    SELECT ${BAD_RATING_COLUMNS} FROM ${badRatingFrom()}
    WHERE r.id = ${id}`.execute(db);
  const row = result.rows[0];
  return row && { ...row, id: String(row.id) };
}
