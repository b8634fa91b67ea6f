import {
  bandOf,
  changeAgainst,
  compositeIndex,
  rankByIndex,
  type Band,
  type InstrumentScores
} from './composite';
import type { InstrumentKind, InstrumentSet, Weights } from './instruments';
import {
  facilityScore,
  mean,
  satisfactionScore,
  satisfiedShare,
  visitScore,
  type SatisfiedShare
} from './scores';

// From a round's effective records to results by unit (docs/rules/evaluation.md "Units"):
// - a window: its covert visits (mean visit score); it has no checklist or questionnaire
//   of its own, so its index is its 暗访 score and the page says 明察 and 满意度 are missing;
// - a service point: the mean of its facility checks, the mean of the visits to all its
//   windows, and its questionnaires pooled;
// - the bureau: every record of the round pooled (questionnaires without a service point
//   count here only).
// Units are ranked within their level; units without any record are not listed. Pure.

export type UnitLevel = 'bureau' | 'service_point' | 'window';

export interface UnitRef {
  id: number;
  code: string;
  name: string;
}
export interface WindowRef extends UnitRef {
  servicePointId: number;
}

export interface RecordsForScoring {
  facility: { servicePointId: number; earned: Record<string, number | null> }[];
  visits: { windowId: number; itemScores: Record<string, number>; waitingMinutes: number }[];
  surveys: { servicePointId: number | null; overall: number }[];
}

export interface UnitResult {
  level: UnitLevel;
  /** Stable across months: 'bureau', 'service_point:P01', 'window:W01'. */
  key: string;
  id: number | null;
  code: string;
  name: string;
  /** A window's service point. */
  servicePointCode: string | null;
  scores: InstrumentScores;
  counts: Record<InstrumentKind, number>;
  index: number | null;
  missing: InstrumentKind[];
  weightsUsed: Weights;
  band: Band | null;
  /** Within the level; the bureau is never ranked. */
  rank: number | null;
  satisfaction: SatisfiedShare | null;
  previousIndex: number | null;
  change: number | null;
}

export const BUREAU = { key: 'bureau', code: 'bureau', name: '全局' } as const;

interface Pools {
  facility: number[];
  visit: number[];
  levels: number[];
}

function unitResult(
  level: UnitLevel,
  ref: { key: string; id: number | null; code: string; name: string; servicePointCode?: string },
  pools: Pools,
  weights: Weights
): UnitResult {
  const scores: InstrumentScores = {
    facility: mean(pools.facility),
    visit: mean(pools.visit),
    survey: satisfactionScore(pools.levels)
  };
  const composite = compositeIndex(scores, weights);
  return {
    level,
    key: ref.key,
    id: ref.id,
    code: ref.code,
    name: ref.name,
    servicePointCode: ref.servicePointCode ?? null,
    scores,
    counts: { facility: pools.facility.length, visit: pools.visit.length, survey: pools.levels.length },
    ...composite,
    band: composite.index === null ? null : bandOf(composite.index),
    rank: null,
    satisfaction: satisfiedShare(pools.levels),
    previousIndex: null,
    change: null
  };
}

const emptyPools = (): Pools => ({ facility: [], visit: [], levels: [] });

/** Bureau first, then service points and then windows, each by rank (then code). */
export function aggregateUnits(
  set: InstrumentSet,
  weights: Weights,
  servicePoints: readonly UnitRef[],
  windows: readonly WindowRef[],
  records: RecordsForScoring
): UnitResult[] {
  const bureau = emptyPools();
  const byPoint = new Map<number, Pools>();
  const byWindow = new Map<number, Pools>();
  const pools = (map: Map<number, Pools>, id: number) => {
    if (!map.has(id)) map.set(id, emptyPools());
    return map.get(id)!;
  };
  const windowById = new Map(windows.map((w) => [w.id, w]));

  for (const check of records.facility) {
    const score = facilityScore(set.facilityItems, check.earned);
    if (score === null) continue;
    bureau.facility.push(score);
    pools(byPoint, check.servicePointId).facility.push(score);
  }
  for (const visit of records.visits) {
    const score = visitScore(set.visitItems, set.waiting, visit);
    bureau.visit.push(score);
    pools(byWindow, visit.windowId).visit.push(score);
    const window = windowById.get(visit.windowId);
    if (window) pools(byPoint, window.servicePointId).visit.push(score);
  }
  for (const survey of records.surveys) {
    bureau.levels.push(survey.overall);
    if (survey.servicePointId !== null) pools(byPoint, survey.servicePointId).levels.push(survey.overall);
  }

  const pointById = new Map(servicePoints.map((p) => [p.id, p]));
  const points = [...byPoint].flatMap(([id, p]) => {
    const ref = pointById.get(id);
    return ref ? [unitResult('service_point', { ...ref, key: `service_point:${ref.code}` }, p, weights)] : [];
  });
  const windowUnits = [...byWindow].flatMap(([id, p]) => {
    const ref = windowById.get(id);
    if (!ref) return [];
    const servicePointCode = pointById.get(ref.servicePointId)?.code;
    return [unitResult('window', { ...ref, key: `window:${ref.code}`, servicePointCode }, p, weights)];
  });
  const hasAny = records.facility.length + records.visits.length + records.surveys.length > 0;
  const result = hasAny ? [unitResult('bureau', { ...BUREAU, id: null }, bureau, weights)] : [];
  return [...result, ...ranked(points), ...ranked(windowUnits)];
}

function ranked(units: UnitResult[]): UnitResult[] {
  const ranks = rankByIndex(units);
  units.forEach((unit, i) => (unit.rank = ranks[i]));
  return units.sort(
    (a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity) || a.code.localeCompare(b.code, 'zh-CN')
  );
}

/** Sets each unit's previous index and change from last month's units (matched by key). */
export function withChanges(current: UnitResult[], previous: readonly UnitResult[] | null): UnitResult[] {
  const before = new Map((previous ?? []).map((u) => [u.key, u.index]));
  return current.map((unit) => {
    const previousIndex = before.get(unit.key) ?? null;
    return { ...unit, previousIndex, change: changeAgainst(unit.index, previousIndex) };
  });
}
