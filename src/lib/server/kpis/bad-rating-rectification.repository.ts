import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/database';
import type { KpiPeriod } from './kpi-definitions';
import type { KpiFilter } from './kpi-filter';
import { filterSql, FOLLOWER_JOINS, FOLLOWER_MEMBER, inPeriod } from './kpi-sql';

// 差评整改率 (shared/spec/kpis.md): of the bad ratings (level 1–2) rated in the period, those
// with a verified rectification notice of source 'rating', and those verified on or before
// the notice's deadline. Starts from the notices, which are few, so it needs no rollup; a
// rating with several notices counts once (on time if any was). The cut is the ratings'
// own (they follow their case, else their window).

/**
 * One row per rating with a notice of source 'rating': `verified` (any notice verified),
 * `on_time` (any verified by its deadline, bureau-local date), `responded` (any awaiting
 * verification). The one statement of the rule: the KPI and the rating pages both use it.
 */
export const RATING_NOTICE_STATES = sql<{
  rating_id: string;
  verified: boolean;
  on_time: boolean;
  responded: boolean;
}>`(
  SELECT n.rating_id,
    bool_or(n.state = 'verified') AS verified,
    coalesce(bool_or(n.state = 'verified' AND (n.verified_at AT TIME ZONE 'Asia/Shanghai')::date <= n.deadline_on), false)
      AS on_time,
    bool_or(n.state = 'responded') AS responded
  FROM rectification_notice_states n
  WHERE n.source_kind = 'rating'
  GROUP BY n.rating_id
)`;

export interface RectifiedBadRatings {
  rectified: number;
  rectifiedOnTime: number;
}

export async function loadRectifiedBadRatings(
  db: Kysely<Database>,
  period: KpiPeriod,
  filter: KpiFilter
): Promise<RectifiedBadRatings> {
  if (filter.sections !== null && filter.sections.length === 0) return { rectified: 0, rectifiedOnTime: 0 };
  const result = await sql<{ rectified: string; on_time: string }>`
    SELECT count(*) AS rectified, count(*) FILTER (WHERE v.on_time) AS on_time
    FROM ${RATING_NOTICE_STATES} v
    JOIN ratings r ON r.id = v.rating_id ${FOLLOWER_JOINS('r')}
    WHERE v.verified AND r.level <= 2 AND ${inPeriod(sql.ref('r.rated_at'), period)}
      AND ${filterSql(filter, FOLLOWER_MEMBER('r'))}`.execute(db);
  const row = result.rows[0];
  return { rectified: Number(row.rectified), rectifiedOnTime: Number(row.on_time) };
}
