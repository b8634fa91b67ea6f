import { addMonths } from '../../kpis/periods';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database';
import { aggregateUnits, withChanges, type UnitLevel, type UnitResult } from './aggregate';
import { bottomThreeTwoMonths } from './bottom-three';
import { effectiveRecords, loadUnits, type EffectiveRecords } from './records.repository';
import {
  findRound,
  findRoundByMonth,
  loadInstrumentSet,
  roundsBetween,
  type RoundRow
} from './rounds.repository';
import { visitScore } from './scores';

// The results of a round (shared/spec/surveys.md "Composite index"): what the results page
// shows and what the monthly bulletin reads. `firmCode` scopes to one firm (an evaluator):
// another firm's round is null, and last month counts only if the same firm evaluated it.

export interface CovertProblem {
  visitId: number;
  recordNo: string;
  windowCode: string;
  windowName: string;
  servicePointName: string | null;
  visitedOn: string;
  /** 'HH:MM' */
  visitedTime: string;
  matter: string;
  problems: string;
  score: number;
}

export interface BottomThreeUnit {
  level: Exclude<UnitLevel, 'bureau'>;
  key: string;
  code: string;
  name: string;
  index: number;
  rank: number;
  previousIndex: number;
}

export interface EvaluationResults {
  round: RoundRow;
  /** Last calendar month's round, if any (and, when scoped, the same firm's). */
  previousRound: Pick<RoundRow, 'id' | 'month' | 'status'> | null;
  /** The bureau, then service points by rank, then windows by rank. */
  units: UnitResult[];
  problems: CovertProblem[];
  /** 约谈: in the bottom three of their level this month and last month. */
  bottomThreeTwoMonths: BottomThreeUnit[];
}

export interface ResultsScope {
  /** One firm's rounds only (an evaluator); null or absent: every firm. */
  firmCode?: string | null;
}

/** 'YYYY-MM-01' of the month before. */
export function previousMonth(month: string): string {
  return addMonths(`${month.slice(0, 7)}-01`, -1);
}

const inScope = (round: RoundRow | null, scope: ResultsScope) =>
  round !== null && (scope.firmCode == null || round.firmCode === scope.firmCode) ? round : null;

type Units = Awaited<ReturnType<typeof loadUnits>>;

async function roundUnits(db: Kysely<Database>, round: RoundRow, units: Units) {
  const [set, records] = await Promise.all([
    loadInstrumentSet(db, round.instrumentSetId),
    effectiveRecords(db, round.id)
  ]);
  const results = aggregateUnits(set, round.weights, units.servicePoints, units.windows, {
    facility: records.facility.map((r) => ({ servicePointId: r.service_point_id, earned: r.earned })),
    visits: records.visits.map((r) => ({
      windowId: r.window_id,
      itemScores: r.item_scores,
      waitingMinutes: r.waiting_minutes
    })),
    surveys: records.surveys.map((r) => ({ servicePointId: r.service_point_id, overall: r.overall }))
  });
  return { set, records, results };
}

function problemsOf(
  records: EffectiveRecords,
  units: Units,
  score: (v: EffectiveRecords['visits'][number]) => number
) {
  const windows = new Map(units.windows.map((w) => [w.id, w]));
  const points = new Map(units.servicePoints.map((p) => [p.id, p]));
  return records.visits
    .filter((v) => v.problems !== null && v.problems.trim() !== '')
    .map((v): CovertProblem => {
      const window = windows.get(v.window_id);
      return {
        visitId: v.id,
        recordNo: v.record_no,
        windowCode: window?.code ?? String(v.window_id),
        windowName: window?.name ?? '（未知窗口）',
        servicePointName: window ? (points.get(window.servicePointId)?.name ?? null) : null,
        visitedOn: v.visited_on,
        visitedTime: v.visited_time.slice(0, 5),
        matter: v.matter,
        problems: v.problems as string,
        score: score(v)
      };
    })
    .sort((a, b) => a.visitedOn.localeCompare(b.visitedOn) || a.visitedTime.localeCompare(b.visitedTime));
}

function bottomList(current: UnitResult[], previous: UnitResult[]): BottomThreeUnit[] {
  const out: BottomThreeUnit[] = [];
  for (const level of ['service_point', 'window'] as const) {
    const now = current.filter((u) => u.level === level);
    const keys = bottomThreeTwoMonths(
      now,
      previous.filter((u) => u.level === level)
    );
    for (const key of keys) {
      const unit = now.find((u) => u.key === key)!;
      const { code, name, index, rank, previousIndex } = unit;
      out.push({ level, key, code, name, index: index!, rank: rank!, previousIndex: previousIndex! });
    }
  }
  return out;
}

/** A round's results, or null when it does not exist or is outside the scope. */
export async function loadEvaluationResults(
  db: Kysely<Database>,
  roundId: number,
  scope: ResultsScope = {}
): Promise<EvaluationResults | null> {
  const round = inScope(await findRound(db, roundId), scope);
  if (!round) return null;
  const units = await loadUnits(db);
  const current = await roundUnits(db, round, units);
  const previousRound = inScope(await findRoundByMonth(db, previousMonth(round.month)), scope);
  const previous = previousRound ? (await roundUnits(db, previousRound, units)).results : [];
  const results = withChanges(current.results, previousRound ? previous : null);
  const { visitItems, waiting } = current.set;
  return {
    round,
    previousRound: previousRound && {
      id: previousRound.id,
      month: previousRound.month,
      status: previousRound.status
    },
    units: results,
    problems: problemsOf(current.records, units, (v) =>
      visitScore(visitItems, waiting, { itemScores: v.item_scores, waitingMinutes: v.waiting_minutes })
    ),
    bottomThreeTwoMonths: bottomList(results, previous)
  };
}

/** The results of a month ('YYYY-MM' or 'YYYY-MM-01'), for the monthly bulletin. */
export async function loadEvaluationResultsByMonth(
  db: Kysely<Database>,
  month: string,
  scope: ResultsScope = {}
): Promise<EvaluationResults | null> {
  const round = await findRoundByMonth(db, month.length === 7 ? `${month}-01` : month);
  return round ? loadEvaluationResults(db, round.id, scope) : null;
}

export interface TrendPoint {
  month: string;
  /** Index by unit key ('bureau', 'service_point:P01'); absent when not evaluated. */
  index: Record<string, number | null>;
}

/** The bureau's and the service points' index over the last `months` months up to `month`. */
export async function loadEvaluationTrend(
  db: Kysely<Database>,
  month: string,
  scope: ResultsScope = {},
  months = 12
): Promise<{ points: TrendPoint[]; series: { key: string; name: string }[] }> {
  let from = month;
  for (let i = 1; i < months; i++) from = previousMonth(from);
  const rounds = await roundsBetween(db, from, month, scope.firmCode ?? null);
  const units = await loadUnits(db);
  const series = new Map<string, string>();
  const points: TrendPoint[] = [];
  for (const round of rounds) {
    const { results } = await roundUnits(db, round, units);
    const index: Record<string, number | null> = {};
    for (const unit of results.filter((u) => u.level !== 'window')) {
      index[unit.key] = unit.index;
      series.set(unit.key, unit.name);
    }
    points.push({ month: round.month, index });
  }
  return { points, series: [...series].map(([key, name]) => ({ key, name })) };
}
