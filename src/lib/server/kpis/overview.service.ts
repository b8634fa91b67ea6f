import type { Kysely } from 'kysely';
import type { TrendPoint } from '../../charts/trend';
import type { CutDimension, KpiCut } from '../../kpis/cuts';
import { previousPeriod, trendGrain, yearEarlier, type Period, type TrendGrain } from '../../kpis/periods';
import {
  RANKING_METRICS,
  rankMembers,
  type MemberFigure,
  type RankingMetric
} from '../../kpis/ranking-metrics';
import type { SectionScope } from '../cases/section-scope';
import type { Database } from '../db/database';
import { loadCutMembers, type CutMembers } from './cut-members.repository';
import { assembleKpis, type KpiFigures } from './kpi-definitions';
import { memberEntries, resolveKpiFilter, type KpiFilter } from './kpi-filter';
import { loadFreshness, type Freshness } from './kpi-freshness.repository';
import { loadRanking } from './kpi-ranking.repository';
import { rollupsCover } from './kpi-rollups.repository';
import { loadTrend } from './kpi-trend.repository';
import { loadCounts } from './kpi.service';

// Everything the overview (总览) shows for a period and cut: the figures with the previous
// period and the same period a year earlier, the trend, a ranking of the members of one
// dimension, and how current it all is. Read from the rollups; a cut they do not hold
// (two member dimensions at once) still gets exact figures by plain aggregates, but no
// trend or ranking (docs/rules/kpis.md).

export interface RankingRow {
  key: string;
  code: string;
  label: string;
  figure: MemberFigure;
}

export interface Overview {
  period: Period;
  previous: Period;
  yearEarlier: Period;
  figures: KpiFigures;
  previousFigures: KpiFigures;
  yearEarlierFigures: KpiFigures;
  /** False when the cut is not pre-summed: no trend, no ranking. */
  rolledUp: boolean;
  trend: { grain: TrendGrain; points: TrendPoint[] } | null;
  ranking: { dimension: CutDimension; metric: RankingMetric; rows: RankingRow[] } | null;
  /** The best and the worst matters by promised on-time rate (at least 30 concluded). */
  matters: { best: RankingRow[]; worst: RankingRow[] } | null;
  members: CutMembers;
  freshness: Freshness;
}

const share = (numerator: number, denominator: number) =>
  denominator === 0 ? null : numerator / denominator;

export interface OverviewRequest {
  period: Period;
  cut: KpiCut;
  scope: SectionScope;
  rankBy: CutDimension;
  metric: RankingMetric;
}

export async function loadOverview(db: Kysely<Database>, request: OverviewRequest): Promise<Overview> {
  const { period, cut, scope } = request;
  const filter = await resolveKpiFilter(db, cut, scope);
  const previous = previousPeriod(period);
  const earlier = yearEarlier(period);
  const rolledUp = rollupsCover(filter);
  const grain = trendGrain(period);
  const [now, before, yearBefore, trend, ranking, matterRows, members, freshness] = await Promise.all([
    loadCounts(db, period, filter),
    loadCounts(db, previous, filter),
    loadCounts(db, earlier, filter),
    rolledUp ? loadTrend(db, period, filter, grain) : null,
    loadRankingRows(db, period, filter, request.rankBy, request.metric),
    loadRankingRows(db, period, filter, 'matter', 'on_time_rate_promised'),
    loadCutMembers(db, scope),
    loadFreshness(db)
  ]);
  return {
    period,
    previous,
    yearEarlier: earlier,
    figures: assembleKpis(now),
    previousFigures: assembleKpis(before),
    yearEarlierFigures: assembleKpis(yearBefore),
    rolledUp,
    trend: trend && {
      grain,
      points: trend.map((t) => ({
        bucket: t.bucket,
        received: t.received,
        concluded: t.concluded,
        onTimePromised: share(t.promisedOnTime, t.concluded),
        onTimeStatutory: share(t.statutoryOnTime, t.concluded),
        avgProcessingDays: share(t.processingDays, t.withProcessing),
        avgStatutoryDays: share(t.statutoryDays, t.withProcessing)
      }))
    },
    ranking: ranking && {
      dimension: request.rankBy,
      metric: request.metric,
      rows: labelled(request.rankBy, ranking)
    },
    matters: matterRows && extremes(labelled('matter', matterRows)),
    members,
    freshness
  };

  function labelled(dimension: CutDimension, rows: { key: string; figure: MemberFigure }[]): RankingRow[] {
    const byKey = new Map(members[dimension].map((m) => [m.key, m]));
    return rows.map((row) => {
      const member = byKey.get(row.key);
      return { ...row, code: member?.code ?? row.key, label: member?.label ?? `（编号 ${row.key}）` };
    });
  }
}

/** Enough concluded cases for a rate to rank on (shared/spec/kpis.md: under 30 is a small sample). */
const RANKABLE = 30;
const EXTREMES = 5;

/** The best and the worst members (rows ranked best first), small samples left out. */
export function extremes(rows: RankingRow[]): { best: RankingRow[]; worst: RankingRow[] } {
  const rankable = rows.filter(
    (row) => row.figure.value !== null && (row.figure.denominator ?? 0) >= RANKABLE
  );
  const best = rankable.slice(0, EXTREMES);
  const worst = rankable.slice(Math.max(best.length, rankable.length - EXTREMES)).reverse();
  return { best, worst };
}

/**
 * The ranking of one dimension's members: only within the section cut, and only when no
 * other member cut is set (or it is the same dimension: then just that member).
 */
async function loadRankingRows(
  db: Kysely<Database>,
  period: Period,
  filter: KpiFilter,
  dimension: CutDimension,
  metric: RankingMetric
): Promise<{ key: string; figure: MemberFigure }[] | null> {
  const members = memberEntries(filter);
  if (members.length > 1 || (members.length === 1 && members[0][0] !== dimension)) return null;
  const rows = await loadRanking(db, period, filter, dimension);
  const only = members[0]?.[1];
  const spec = RANKING_METRICS[metric];
  return rankMembers(
    rows
      .filter((row) => only === undefined || row.key === only)
      .map((row) => ({ key: row.key, figure: spec.value(row) })),
    metric
  );
}
