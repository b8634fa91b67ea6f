import {
  COUNTING_STATUSES,
  DIMENSION_LABELS,
  DIMENSIONS,
  EVENT_STATUS_LABELS
} from '../../appraisal/catalogue';
import type { Dimension, RuleTarget } from '../../appraisal/catalogue';
import { toHalfPoints } from './score-types';
import type { RuleSet, ScoreEventInput } from './score-types';

// The score of one person in one month (shared/spec/scoring.md, docs/rules/appraisal.md
// "Score arithmetic"). Steps, all in integer half-points:
// 1. only `effective` / `upheld`, non-retracted events count (an `appealed` one waits);
// 2. each rule's monthly cap (on the absolute points) takes the events in a fixed order;
// 3. a dimension is allowance + Σ, clamped to [0, allowance] (扣完为止; a positive event
//    cannot lift it above its allowance); the bonus is Σ clamped to [0, bonus cap].
// The events are sorted by id first, so the result never depends on their input order.

export type EventOutcome = 'counted' | 'partly_counted' | 'not_counted';
export type NotCountedCause = 'status' | 'retracted' | 'rule_cap' | 'bonus_cap' | 'floored' | 'ceiling';

export interface EventExplanation {
  eventId: string | number;
  ruleCode: string;
  target: RuleTarget;
  points: number;
  /** What the event contributed to the total (same sign as points, or 0). */
  countedPoints: number;
  outcome: EventOutcome;
  /** Why not (fully) counted; null when counted in full. */
  cause: NotCountedCause | null;
  /** Chinese, for the staff member's page. */
  reason: string;
}

export interface DimensionScore {
  allowance: number;
  /** Counting deductions after the rule caps, as a positive number (before the floor). */
  deducted: number;
  /** Counting positive events after the rule caps (before the ceiling). */
  added: number;
  /** clamp(allowance + added − deducted, 0, allowance). */
  score: number;
  /** The deductions went below zero and were stopped there (扣完为止). */
  floored: boolean;
}

export interface RuleTally {
  ruleCode: string;
  /** Counting events of the rule (status and retraction passed). */
  events: number;
  /** Of those, the ones that fit (fully or partly) within the rule's monthly cap. */
  countedEvents: number;
  /** Their points after the cap, signed. */
  points: number;
  monthlyCap: number | null;
}

export interface MonthScore {
  ruleSetId: number;
  dimensions: Record<Dimension, DimensionScore>;
  /** raw: Σ bonus after the rule caps; counted: clamp(raw, 0, cap). */
  bonus: { raw: number; counted: number; cap: number };
  /** Σ dimension scores + counted bonus, in 0 … 1000 + cap. */
  total: number;
  rules: RuleTally[];
  /** One per event, in the order of their ids. */
  events: EventExplanation[];
}

interface Work {
  event: ScoreEventInput;
  halves: number;
  /** Half-points left after the status and rule-cap steps. */
  kept: number;
  explanation: EventExplanation;
}

/** The score of one person's events of one month under a rule set. */
export function monthScore(events: readonly ScoreEventInput[], ruleSet: RuleSet): MonthScore {
  checkOnePersonMonth(events);
  const work = [...events].sort((a, b) => compareIds(a.id, b.id)).map(start);
  const counting = work.filter((w) => w.explanation.cause === null);
  const rules = applyRuleCaps(counting, ruleSet);

  const dimensions = {} as Record<Dimension, DimensionScore>;
  let totalHalves = 0;
  for (const d of DIMENSIONS) {
    const allowance = toHalfPoints(ruleSet.dimensionPoints[d], `allowance of ${d}`);
    const mine = counting.filter((w) => w.event.target === d);
    const { score, floored, added, deducted } = clampTarget(mine, allowance, 0, allowance, 'ceiling');
    dimensions[d] = {
      allowance: allowance / 2,
      deducted: deducted / 2,
      added: added / 2,
      score: score / 2,
      floored
    };
    totalHalves += score;
  }
  const cap = toHalfPoints(ruleSet.bonusCap, 'bonus cap');
  const bonusWork = counting.filter((w) => w.event.target === 'bonus');
  const bonus = clampTarget(bonusWork, 0, 0, cap, 'bonus_cap');
  totalHalves += bonus.score;

  return {
    ruleSetId: ruleSet.id,
    dimensions,
    bonus: { raw: (bonus.added - bonus.deducted) / 2, counted: bonus.score / 2, cap: cap / 2 },
    total: totalHalves / 2,
    rules,
    events: work.map((w) => w.explanation)
  };
}

function checkOnePersonMonth(events: readonly ScoreEventInput[]): void {
  const ids = new Set<string>();
  for (const e of events) {
    if (e.staffId !== events[0].staffId || e.month !== events[0].month) {
      throw new RangeError('monthScore takes the events of one person and one month');
    }
    const key = `${typeof e.id}:${e.id}`;
    if (ids.has(key)) throw new RangeError(`duplicate score event id ${e.id}`);
    ids.add(key);
  }
}

/** Numbers before strings; numbers numerically, strings by code unit. */
export function compareIds(a: string | number, b: string | number): number {
  if (typeof a !== typeof b) return typeof a === 'number' ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

function start(event: ScoreEventInput): Work {
  const halves = toHalfPoints(event.points, `points of event ${event.id}`);
  const explanation: EventExplanation = {
    eventId: event.id,
    ruleCode: event.ruleCode,
    target: event.target,
    points: event.points,
    countedPoints: 0,
    outcome: 'not_counted',
    cause: null,
    reason: ''
  };
  if (event.retracted) {
    explanation.cause = 'retracted';
    explanation.reason = '已撤回，不计分';
  } else if (!COUNTING_STATUSES.includes(event.status)) {
    explanation.cause = 'status';
    explanation.reason =
      event.status === 'appealed'
        ? '申诉中，复核维持后才计分'
        : `状态为“${EVENT_STATUS_LABELS[event.status]}”，不计分`;
  }
  return { event, halves, kept: explanation.cause === null ? halves : 0, explanation };
}

function applyRuleCaps(counting: Work[], ruleSet: RuleSet): RuleTally[] {
  const caps = new Map(ruleSet.rules.map((r) => [r.code, r.monthlyCap]));
  const tallies = new Map<string, RuleTally>();
  const used = new Map<string, number>();
  for (const w of counting) {
    const code = w.event.ruleCode;
    const monthlyCap = caps.get(code) ?? null;
    const t = tallies.get(code) ?? { ruleCode: code, events: 0, countedEvents: 0, points: 0, monthlyCap };
    tallies.set(code, t);
    t.events++;
    if (monthlyCap !== null) {
      const room = Math.max(0, toHalfPoints(monthlyCap, `monthly cap of ${code}`) - (used.get(code) ?? 0));
      const magnitude = Math.min(Math.abs(w.halves), room);
      w.kept = magnitude === 0 ? 0 : Math.sign(w.halves) * magnitude; // never −0
      used.set(code, (used.get(code) ?? 0) + magnitude);
      if (magnitude < Math.abs(w.halves)) {
        w.explanation.cause = 'rule_cap';
        w.explanation.reason = `超过该规则每月上限 ${monthlyCap} 分`;
      }
    }
    if (w.kept !== 0 || w.halves === 0) t.countedEvents++;
    t.points += w.kept / 2;
  }
  return [...tallies.values()];
}

/**
 * Σ kept clamped to [low, high] around base, and which events that clamp cut. Cut
 * deductions (floor) are the last ones in id order after all positives have offset;
 * cut positives (ceiling) likewise the last ones after all deductions.
 */
function clampTarget(works: Work[], base: number, low: number, high: number, ceilingCause: NotCountedCause) {
  const added = works.reduce((s, w) => s + Math.max(0, w.kept), 0);
  const deducted = works.reduce((s, w) => s - Math.min(0, w.kept), 0);
  const score = Math.min(high, Math.max(low, base + added - deducted));
  const floored = base + added - deducted < low;
  // Room each sign may use: what remains of the other sign's total plus the distance to the bound.
  let roomDown = floored ? base - low + added : deducted;
  let roomUp = base + added - deducted > high ? high - base + deducted : added;
  for (const w of works) {
    const magnitude = Math.abs(w.kept);
    const down = w.kept < 0;
    const used = Math.min(magnitude, down ? roomDown : roomUp);
    if (down) roomDown -= used;
    else roomUp -= used;
    finish(
      w,
      used === 0 ? 0 : (Math.sign(w.kept) * used) / 2,
      used < magnitude ? (down ? 'floored' : ceilingCause) : null
    );
  }
  return { score, floored, added, deducted };
}

function finish(w: Work, counted: number, cut: NotCountedCause | null): void {
  const x = w.explanation;
  x.countedPoints = counted;
  const why = x.cause === 'rule_cap' ? [x.reason] : [];
  const label = DIMENSION_LABELS[w.event.target];
  if (cut === 'floored') why.push(`“${label}”已扣完为止`);
  else if (cut === 'ceiling') why.push(`“${label}”不超过该维度满分`);
  else if (cut === 'bonus_cap') why.push('超过每月加分上限');
  if (cut) x.cause = cut;
  x.outcome = counted === w.event.points ? 'counted' : counted === 0 ? 'not_counted' : 'partly_counted';
  x.reason =
    why.length === 0 ? '计分' : `${why.join('；')}，${x.outcome === 'not_counted' ? '不计分' : '部分计分'}`;
}
