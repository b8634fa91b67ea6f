// The 约谈 list: units in the bottom three of their level in two consecutive months
// (shared/spec/surveys.md). Pure.

/** Fewer ranked units than this and there is no bottom three (everyone would be in it). */
export const MIN_UNITS_FOR_BOTTOM_THREE = 4;

export interface IndexedUnit {
  /** Identifies the unit across months (e.g. 'service_point:P01'). */
  key: string;
  index: number | null;
}

const comparable = (value: number) => Math.round(value * 1e6);

/**
 * The keys of the units in the bottom three: those with fewer than three units strictly
 * below them. Ties at the edge are all in (60, 70, 70, 70 → four units). Units without an
 * index take no part; with fewer than MIN_UNITS_FOR_BOTTOM_THREE ranked units, none.
 */
export function bottomThree(units: readonly IndexedUnit[]): Set<string> {
  const ranked = units.filter((u): u is IndexedUnit & { index: number } => u.index !== null);
  if (ranked.length < MIN_UNITS_FOR_BOTTOM_THREE) return new Set();
  return new Set(
    ranked
      .filter((u) => ranked.filter((o) => comparable(o.index) < comparable(u.index)).length < 3)
      .map((u) => u.key)
  );
}

/** The units in the bottom three both this month and the month before, in this month's order. */
export function bottomThreeTwoMonths(
  current: readonly IndexedUnit[],
  previous: readonly IndexedUnit[]
): string[] {
  const before = bottomThree(previous);
  const now = bottomThree(current);
  return current.filter((u) => now.has(u.key) && before.has(u.key)).map((u) => u.key);
}
