import { chiefSharePoints } from '../../src/lib/server/appraisal/score-types';
import { describe, expect, it } from 'vitest';
import {
  chiefShares,
  chiefsByWindow,
  sharePoints,
  type CountingDeduction,
  type StaffOnWindow
} from '../../src/lib/server/appraisal/chief-share';

const staff: StaffOnWindow[] = [
  { id: 1, windowId: 10, position: 'window', active: true },
  { id: 2, windowId: 10, position: 'chief_rep', active: true },
  { id: 3, windowId: 20, position: 'window', active: true }, // window without a chief
  { id: 4, windowId: 30, position: 'window', active: true },
  { id: 5, windowId: 30, position: 'chief_rep', active: false }, // inactive chief
  { id: 6, windowId: 10, position: 'reviewer', active: true },
  { id: 7, windowId: null, position: 'window', active: true }
];

const deduction = (id: string, staffId: number, points: string | number): CountingDeduction => ({
  id,
  staffId,
  month: '2025-10-01',
  occurredOn: '2025-10-09',
  target: 'ratings',
  points
});

describe('sharePoints', () => {
  it('halves whole and half points to the nearest half point, a quarter away from zero', () => {
    expect(sharePoints('-15.0', '0.500')).toBe('-7.5');
    expect(sharePoints(-15, 0.5)).toBe('-7.5');
    expect(sharePoints('-7.5', '0.5')).toBe('-4.0'); // −3.75
    expect(sharePoints(-50, 0.5)).toBe('-25.0');
    expect(sharePoints(-1, 0.5)).toBe('-0.5');
  });

  it('rounds other ratios to half points without float noise', () => {
    expect(sharePoints(-5, '0.35')).toBe('-2.0'); // −1.75
    expect(sharePoints(-15, '0.3')).toBe('-4.5');
    expect(sharePoints(-10, '0.333')).toBe('-3.5'); // −3.33
    expect(sharePoints(-10, '0.32')).toBe('-3.0'); // −3.2
    expect(sharePoints(-0.1, '0.1')).toBe('0.0');
    expect(sharePoints(-20, 1)).toBe('-20.0');
  });

  it('agrees with the arithmetic of the month score (chiefSharePoints)', () => {
    for (const points of [-0.5, -1, -5, -7.5, -10, -15, -20, -30, -40, -50]) {
      for (const ratio of [0.1, 0.25, 0.3, 0.35, 0.5, 0.75, 1]) {
        const expected = chiefSharePoints(points, ratio);
        expect(Number(sharePoints(points, ratio))).toBe(expected === 0 ? 0 : expected);
      }
    }
  });
});

describe('chiefsByWindow', () => {
  it('takes the active chief_rep of each window, the smallest id when there are two', () => {
    expect([...chiefsByWindow(staff)]).toEqual([[10, 2]]);
    const two = [...staff, { id: 9, windowId: 10, position: 'chief_rep', active: true }];
    expect(chiefsByWindow(two).get(10)).toBe(2);
    const earlier = [{ id: 1, windowId: 10, position: 'chief_rep', active: true }, ...staff];
    expect(chiefsByWindow(earlier).get(10)).toBe(1);
  });
});

describe('chiefShares', () => {
  it('gives the chief ratio × each deduction of their window’s staff, as its own event', () => {
    expect(chiefShares([deduction('41', 1, '-15.0')], staff, '0.500')).toEqual([
      {
        staffId: 2,
        month: '2025-10-01',
        occurredOn: '2025-10-09',
        ruleCode: 'chief_share',
        target: 'ratings',
        points: '-7.5',
        sourceKey: 'chief_share:41',
        sourceEventId: '41'
      }
    ]);
  });

  it('skips the chief’s own deductions, windows without an active chief, staff without a window', () => {
    const deductions = [
      deduction('1', 2, -10),
      deduction('2', 3, -10),
      deduction('3', 4, -10),
      deduction('4', 7, -10)
    ];
    expect(chiefShares(deductions, staff, 0.5)).toEqual([]);
  });

  it('shares deductions of anyone on the window (a reviewer too), never bonuses or zero', () => {
    const shares = chiefShares(
      [deduction('1', 6, -5), deduction('2', 1, 1), deduction('3', 1, 0)],
      staff,
      0.5
    );
    expect(shares.map((s) => [s.sourceEventId, s.points])).toEqual([['1', '-2.5']]);
  });

  it('shares nothing with a ratio of 0, and drops shares that round to 0', () => {
    expect(chiefShares([deduction('1', 1, -10)], staff, '0.000')).toEqual([]);
    expect(chiefShares([deduction('1', 1, '-0.1')], staff, '0.1')).toEqual([]);
  });
});
