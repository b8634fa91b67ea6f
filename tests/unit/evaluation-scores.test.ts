import { describe, expect, it } from 'vitest';
import type { PointsItem, WaitingRule } from '../../src/lib/server/evaluation/instruments';
import {
  facilityScore,
  satisfactionScore,
  satisfiedShare,
  SMALL_SAMPLE,
  visitScore,
  waitingPoints
} from '../../src/lib/server/evaluation/scores';

// The three instruments' scores (shared/spec/surveys.md; docs/rules/evaluation.md).

const CHECKLIST: PointsItem[] = [
  { key: 'signage', label: '标识标牌', points: 10 },
  { key: 'guides', label: '办事指南', points: 15 },
  { key: 'mother_baby', label: '母婴室', points: 25 }
];
const VISIT_ITEMS: PointsItem[] = [
  { key: 'greeting', label: '主动问候', points: 20 },
  { key: 'accuracy', label: '答复准确', points: 60 }
];
const WAITING: WaitingRule = {
  label: '等候时间',
  points: 20,
  bands: [
    { maxMinutes: 10, points: 20 },
    { maxMinutes: 20, points: 15 },
    { maxMinutes: 30, points: 10 },
    { maxMinutes: 60, points: 5 }
  ]
};

const levels = (counts: Record<number, number>) =>
  Object.entries(counts).flatMap(([level, n]) => Array<number>(n).fill(Number(level)));

describe('明察 facility score', () => {
  it('is points earned ÷ points possible × 100', () => {
    expect(facilityScore(CHECKLIST, { signage: 10, guides: 12, mother_baby: 18 })).toBeCloseTo(80, 10);
  });
  it('is 100 when every item earns full points and 0 when none earns any', () => {
    expect(facilityScore(CHECKLIST, { signage: 10, guides: 15, mother_baby: 25 })).toBe(100);
    expect(facilityScore(CHECKLIST, { signage: 0, guides: 0, mother_baby: 0 })).toBe(0);
  });
  it('leaves a not-applicable item (null) out of both earned and possible points', () => {
    expect(facilityScore(CHECKLIST, { signage: 10, guides: 12, mother_baby: null })).toBeCloseTo(88, 10);
  });
  it('has no score when no item applies', () => {
    expect(facilityScore(CHECKLIST, { signage: null, guides: null, mother_baby: null })).toBeNull();
  });
  it('caps an item at its points, so a typo cannot lift a score above 100', () => {
    expect(facilityScore(CHECKLIST, { signage: 99, guides: 15, mother_baby: 25 })).toBe(100);
  });
});

describe('暗访 covert-visit score', () => {
  it('gives full waiting points up to 10 minutes, then 15, 10, 5 and none beyond an hour', () => {
    expect([0, 10, 11, 20, 21, 30, 31, 60, 61, 300].map((m) => waitingPoints(WAITING, m))).toEqual([
      20, 20, 15, 15, 10, 10, 5, 5, 0, 0
    ]);
  });
  it('is (item points + waiting points) ÷ (full item points + full waiting points) × 100', () => {
    // 15 + 45 + 15 (waiting 12 min) = 75 of 100
    expect(
      visitScore(VISIT_ITEMS, WAITING, { itemScores: { greeting: 15, accuracy: 45 }, waitingMinutes: 12 })
    ).toBe(75);
  });
  it('counts an item without a score as 0, since a visit observes every item', () => {
    expect(visitScore(VISIT_ITEMS, WAITING, { itemScores: { accuracy: 60 }, waitingMinutes: 5 })).toBe(80);
  });
});

describe('公众满意度 satisfaction', () => {
  it('maps the mean level 5→100, 4→80, 3→60, 2→40, 1→20', () => {
    for (const level of [5, 4, 3, 2, 1]) expect(satisfactionScore([level])).toBe(level * 20);
    expect(satisfactionScore([5, 4, 4, 3])).toBe(80);
  });
  it('has no score without responses', () => {
    expect(satisfactionScore([])).toBeNull();
    expect(satisfiedShare([])).toBeNull();
  });
  it('counts levels 4 and 5 as satisfied', () => {
    const share = satisfiedShare([5, 4, 3, 2, 1])!;
    expect(share.satisfied).toBe(2);
    expect(share.responses).toBe(5);
    expect(share.share).toBeCloseTo(0.4, 10);
  });
  it('gives the 95 % Wilson interval: 5 of 10 → [0.2366, 0.7634]', () => {
    const share = satisfiedShare(levels({ 5: 3, 4: 2, 2: 5 }))!;
    expect(share.lower).toBeCloseTo(0.236593, 5);
    expect(share.upper).toBeCloseTo(0.763407, 5);
  });
  it('gives the 95 % Wilson interval: 24 of 30 → [0.6269, 0.9049]', () => {
    const share = satisfiedShare(levels({ 5: 20, 4: 4, 3: 6 }))!;
    expect(share.lower).toBeCloseTo(0.626943, 5);
    expect(share.upper).toBeCloseTo(0.904949, 5);
  });
  it('gives [0, 0.2775] when nobody of 10 is satisfied, and an upper bound of exactly 1 when all are', () => {
    const none = satisfiedShare(levels({ 3: 10 }))!;
    expect(none.lower).toBe(0);
    expect(none.upper).toBeCloseTo(0.277533, 5);
    expect(satisfiedShare(levels({ 5: 10 }))!.upper).toBe(1);
  });
  it(`marks fewer than ${SMALL_SAMPLE} responses as a small sample, and ${SMALL_SAMPLE} as not`, () => {
    expect(satisfiedShare(levels({ 5: 29 }))!.smallSample).toBe(true);
    expect(satisfiedShare(levels({ 5: 30 }))!.smallSample).toBe(false);
  });
});
