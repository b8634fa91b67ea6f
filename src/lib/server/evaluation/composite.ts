import type { InstrumentKind, Weights } from './instruments';

// The composite index, its band, the ranking of units and the change against last month
// (shared/spec/surveys.md "Composite index"). Pure.

export type InstrumentScores = Record<InstrumentKind, number | null>;

export interface CompositeIndex {
  /** null when the unit has none of the three scores. */
  index: number | null;
  /** The instruments the unit has no score for, in the order 明察, 暗访, 满意度. */
  missing: InstrumentKind[];
  /** The weights actually applied, re-normalised to sum to 1 over the present instruments. */
  weightsUsed: Weights;
}

const KINDS: InstrumentKind[] = ['facility', 'visit', 'survey'];

/**
 * Weighted sum of the present scores with the weights re-normalised over them: a unit
 * with only 暗访 and 满意度 at 0.3/0.5 is weighted 0.375/0.625. An instrument with weight 0
 * contributes nothing and is not reported missing when absent.
 */
export function compositeIndex(scores: InstrumentScores, weights: Weights): CompositeIndex {
  const present = KINDS.filter((kind) => scores[kind] !== null && weights[kind] > 0);
  const missing = KINDS.filter((kind) => scores[kind] === null && weights[kind] > 0);
  const total = present.reduce((sum, kind) => sum + weights[kind], 0);
  const weightsUsed: Weights = { facility: 0, visit: 0, survey: 0 };
  if (total === 0) return { index: null, missing, weightsUsed };
  let index = 0;
  for (const kind of present) {
    weightsUsed[kind] = weights[kind] / total;
    index += weightsUsed[kind] * (scores[kind] as number);
  }
  return { index, missing, weightsUsed };
}

export type Band = '很满意' | '满意' | '基本满意' | '不满意' | '很不满意';

/** Lower edges, highest first; an index is banded unrounded (89.99 is 满意). */
export const BANDS: readonly { min: number; band: Band }[] = [
  { min: 90, band: '很满意' },
  { min: 80, band: '满意' },
  { min: 70, band: '基本满意' },
  { min: 60, band: '不满意' },
  { min: -Infinity, band: '很不满意' }
];

export function bandOf(index: number): Band {
  return BANDS.find((b) => index >= b.min)!.band;
}

// Floating-point noise (0.1 + 0.2) must not split a tie.
const comparable = (value: number) => Math.round(value * 1e6);

/**
 * Competition ranking by index, highest first ("1224"): equal indexes share a rank and
 * the next rank skips. Units without an index get null.
 */
export function rankByIndex<T extends { index: number | null }>(units: readonly T[]): (number | null)[] {
  return units.map((unit) => {
    if (unit.index === null) return null;
    const mine = comparable(unit.index);
    return 1 + units.filter((u) => u.index !== null && comparable(u.index) > mine).length;
  });
}

/** This month's index minus last month's, in points; null unless both exist. */
export function changeAgainst(current: number | null, previous: number | null | undefined): number | null {
  return current === null || previous === null || previous === undefined ? null : current - previous;
}
