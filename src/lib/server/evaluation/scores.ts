import { wilsonInterval } from '../case-audits/wilson';
import type { PointsItem, WaitingRule } from './instruments';

// The score of each instrument, 0–100 (shared/spec/surveys.md). Pure: records in, numbers
// out. Scores are not rounded here; rounding is for display only.

/** Below this many responses a satisfaction figure is marked 小样本. */
export const SMALL_SAMPLE = 30;

/**
 * 明察: points earned ÷ points possible × 100. An item whose earned value is null is not
 * applicable (e.g. no mother-and-baby room required at a street centre) and leaves the
 * possible points too. null when nothing applies.
 */
export function facilityScore(
  items: readonly PointsItem[],
  earned: Readonly<Record<string, number | null>>
): number | null {
  let got = 0;
  let possible = 0;
  for (const item of items) {
    const value = earned[item.key];
    if (value === null || value === undefined) continue;
    got += Math.min(Math.max(value, 0), item.points);
    possible += item.points;
  }
  return possible === 0 ? null : (got / possible) * 100;
}

/** The waiting-time points: those of the first band the wait does not exceed, else 0. */
export function waitingPoints(rule: WaitingRule, minutes: number): number {
  for (const band of rule.bands) if (minutes <= band.maxMinutes) return band.points;
  return 0;
}

/**
 * 暗访: (item points given + waiting-time points) ÷ (items' full points + waiting's full
 * points) × 100. Every item counts: a covert visit observes all of them.
 */
export function visitScore(
  items: readonly PointsItem[],
  waiting: WaitingRule,
  record: { itemScores: Readonly<Record<string, number>>; waitingMinutes: number }
): number {
  let got = waitingPoints(waiting, record.waitingMinutes);
  let possible = waiting.points;
  for (const item of items) {
    got += Math.min(Math.max(record.itemScores[item.key] ?? 0, 0), item.points);
    possible += item.points;
  }
  return possible === 0 ? 0 : (got / possible) * 100;
}

/** A level of the five-level scale as points: 5→100, 4→80, 3→60, 2→40, 1→20. */
export const levelPoints = (level: number): number => level * 20;

/** 满意度 score: the mean overall level mapped to points; null without responses. */
export function satisfactionScore(levels: readonly number[]): number | null {
  if (levels.length === 0) return null;
  return levelPoints(levels.reduce((sum, level) => sum + level, 0) / levels.length);
}

export interface SatisfiedShare {
  /** Responses at level 4 or 5. */
  satisfied: number;
  responses: number;
  share: number;
  /** 95 % Wilson interval of the share. */
  lower: number;
  upper: number;
  /** Fewer than SMALL_SAMPLE responses: 小样本. */
  smallSample: boolean;
}

/** Satisfied share = levels 4–5 ÷ responses, with its Wilson interval; null without responses. */
export function satisfiedShare(levels: readonly number[]): SatisfiedShare | null {
  const satisfied = levels.filter((level) => level >= 4).length;
  const interval = wilsonInterval(satisfied, levels.length);
  if (!interval) return null;
  return {
    satisfied,
    responses: levels.length,
    share: interval.estimate,
    lower: interval.lower,
    upper: interval.upper,
    smallSample: levels.length < SMALL_SAMPLE
  };
}

/** The arithmetic mean; null for none. */
export function mean(values: readonly number[]): number | null {
  return values.length === 0 ? null : values.reduce((sum, v) => sum + v, 0) / values.length;
}
