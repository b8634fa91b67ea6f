import { describe, expect, it } from 'vitest';
import { bottomThree, bottomThreeTwoMonths } from '../../src/lib/server/evaluation/bottom-three';
import {
  bandOf,
  changeAgainst,
  compositeIndex,
  rankByIndex
} from '../../src/lib/server/evaluation/composite';
import { formatIndex } from '../../src/lib/format';
import { DEFAULT_WEIGHTS } from '../../src/lib/server/evaluation/instruments';

// The composite index, bands, ranking, change and the 约谈 list (surveys.md "Composite index").

describe('the composite index', () => {
  it('is the weighted sum 0.2 明察 + 0.3 暗访 + 0.5 满意度 when a unit has all three', () => {
    const result = compositeIndex({ facility: 80, visit: 90, survey: 70 }, DEFAULT_WEIGHTS);
    expect(result.index).toBeCloseTo(0.2 * 80 + 0.3 * 90 + 0.5 * 70, 10);
    expect(result.missing).toEqual([]);
  });
  it('re-normalises the weights over the instruments a unit has, and names the missing one', () => {
    const result = compositeIndex({ facility: null, visit: 90, survey: 70 }, DEFAULT_WEIGHTS);
    expect(result.weightsUsed.facility).toBe(0);
    expect(result.weightsUsed.visit).toBeCloseTo(0.375, 12);
    expect(result.weightsUsed.survey).toBeCloseTo(0.625, 12);
    expect(result.index).toBeCloseTo(0.375 * 90 + 0.625 * 70, 10);
    expect(result.missing).toEqual(['facility']);
  });
  it('is the one score when only one instrument is present', () => {
    const result = compositeIndex({ facility: null, visit: 64.5, survey: null }, DEFAULT_WEIGHTS);
    expect(result.index).toBeCloseTo(64.5, 10);
    expect(result.missing).toEqual(['facility', 'survey']);
  });
  it('has no index without any score', () => {
    expect(compositeIndex({ facility: null, visit: null, survey: null }, DEFAULT_WEIGHTS).index).toBeNull();
  });
  it("uses the round's own weights", () => {
    const weights = { facility: 0.5, visit: 0.5, survey: 0 };
    const result = compositeIndex({ facility: 80, visit: 60, survey: null }, weights);
    expect(result.index).toBeCloseTo(70, 10);
    // An instrument weighted 0 is not part of the index, so it is not "missing" either.
    expect(result.missing).toEqual([]);
  });
});

describe('bands', () => {
  it.each([
    [100, '很满意'],
    [90, '很满意'],
    [89.999, '满意'],
    [80, '满意'],
    [79.99, '基本满意'],
    [70, '基本满意'],
    [69.9999, '不满意'],
    [60, '不满意'],
    [59.99, '很不满意'],
    [0, '很不满意']
  ])('bands %s as %s, without rounding first', (index, band) => {
    expect(bandOf(index)).toBe(band);
  });
  it('shows an index cut to one decimal so the figure never crosses its band edge', () => {
    expect(formatIndex(89.96)).toBe('89.9');
    expect(formatIndex(90)).toBe('90.0');
    expect(formatIndex(0.1 + 0.2 + 69.7)).toBe('70.0');
  });
});

describe('ranking', () => {
  it('ranks highest first and gives equal indexes the same rank, skipping the next ("1224")', () => {
    const units = [{ index: 80 }, { index: 95 }, { index: 80 }, { index: 60 }];
    expect(rankByIndex(units)).toEqual([2, 1, 2, 4]);
  });
  it('does not let floating-point noise split a tie', () => {
    expect(rankByIndex([{ index: 0.1 + 0.2 }, { index: 0.3 }])).toEqual([1, 1]);
  });
  it('leaves a unit without an index unranked', () => {
    expect(rankByIndex([{ index: null }, { index: 70 }])).toEqual([null, 1]);
  });
});

describe('change against last month', () => {
  it('is this month minus last month, in points', () => {
    expect(changeAgainst(82.5, 80)).toBeCloseTo(2.5, 10);
    expect(changeAgainst(70, 75)).toBe(-5);
  });
  it('is unknown when either month has no index', () => {
    expect(changeAgainst(70, null)).toBeNull();
    expect(changeAgainst(null, 70)).toBeNull();
    expect(changeAgainst(70, undefined)).toBeNull();
  });
});

describe('the bottom three two months running (约谈)', () => {
  const units = (indexes: Record<string, number | null>) =>
    Object.entries(indexes).map(([key, index]) => ({ key, index }));

  it('takes the three lowest indexes', () => {
    expect(bottomThree(units({ a: 90, b: 60, c: 70, d: 80, e: 65 }))).toEqual(new Set(['b', 'e', 'c']));
  });
  it('includes every unit tied at the edge', () => {
    expect(bottomThree(units({ a: 90, b: 80, c: 70, d: 70, e: 70, f: 60 }))).toEqual(
      new Set(['c', 'd', 'e', 'f'])
    );
  });
  it('has no bottom three with fewer than four ranked units', () => {
    expect(bottomThree(units({ a: 90, b: 60, c: 70, d: null }))).toEqual(new Set());
  });
  it('lists the units in the bottom three both this month and last month', () => {
    const last = units({ a: 90, b: 60, c: 70, d: 80, e: 65 });
    const now = units({ a: 62, b: 61, c: 90, d: 80, e: 65 });
    expect(bottomThreeTwoMonths(now, last)).toEqual(['b', 'e']);
  });
  it('lists nobody when last month had no bottom three', () => {
    expect(bottomThreeTwoMonths(units({ a: 1, b: 2, c: 3, d: 4 }), [])).toEqual([]);
  });
});
