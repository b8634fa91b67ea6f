import { describe, expect, it } from 'vitest';
import { aggregateUnits, withChanges } from '../../src/lib/server/evaluation/aggregate';
import type { InstrumentSet } from '../../src/lib/server/evaluation/instruments';
import { DEFAULT_WEIGHTS } from '../../src/lib/server/evaluation/instruments';

// How records become results by unit (docs/rules/evaluation.md "Units").

const SET: InstrumentSet = {
  id: 1,
  label: 't',
  facilityItems: [{ key: 'a', label: 'A', points: 100 }],
  visitItems: [{ key: 'x', label: 'X', points: 80 }],
  waiting: { label: '等候', points: 20, bands: [{ maxMinutes: 10, points: 20 }] },
  surveyAspects: []
};
const POINTS = [
  { id: 1, code: 'P01', name: '区中心' },
  { id: 2, code: 'P02', name: '街道中心' }
];
const WINDOWS = [
  { id: 11, code: 'W01', name: '1号窗口', servicePointId: 1 },
  { id: 12, code: 'W02', name: '2号窗口', servicePointId: 1 },
  { id: 21, code: 'W21', name: '街道窗口', servicePointId: 2 }
];
const visit = (windowId: number, x: number) => ({ windowId, itemScores: { x }, waitingMinutes: 5 });

const units = aggregateUnits(SET, DEFAULT_WEIGHTS, POINTS, WINDOWS, {
  facility: [
    { servicePointId: 1, earned: { a: 90 } },
    { servicePointId: 1, earned: { a: 70 } },
    { servicePointId: 2, earned: { a: 60 } }
  ],
  // visit scores: W01 100 and 60, W02 80, W21 40
  visits: [visit(11, 80), visit(11, 40), visit(12, 60), visit(21, 20)],
  surveys: [
    { servicePointId: 1, overall: 5 },
    { servicePointId: 1, overall: 3 },
    { servicePointId: null, overall: 1 }
  ]
});
const unit = (key: string) => units.find((u) => u.key === key)!;

describe('results by unit', () => {
  it('lists the bureau first, then service points, then windows, each by rank (ties by code)', () => {
    expect(units.map((u) => u.key)).toEqual([
      'bureau',
      'service_point:P01',
      'service_point:P02',
      'window:W01',
      'window:W02',
      'window:W21'
    ]);
    expect(units.map((u) => u.rank)).toEqual([null, 1, 2, 1, 1, 3]);
  });
  it("gives a window its covert visits' mean, and marks 明察 and 满意度 missing", () => {
    const w01 = unit('window:W01');
    expect(w01.scores).toEqual({ facility: null, visit: 80, survey: null });
    expect(w01.index).toBe(80);
    expect(w01.missing).toEqual(['facility', 'survey']);
    expect(w01.servicePointCode).toBe('P01');
  });
  it("gives a service point its checks' mean, its windows' visits and its questionnaires", () => {
    const p01 = unit('service_point:P01');
    expect(p01.scores.facility).toBe(80);
    expect(p01.scores.visit).toBeCloseTo((100 + 60 + 80) / 3, 10);
    expect(p01.scores.survey).toBe(80);
    expect(p01.counts).toEqual({ facility: 2, visit: 3, survey: 2 });
    expect(p01.index).toBeCloseTo(0.2 * 80 + 0.3 * 80 + 0.5 * 80, 10);
    expect(p01.band).toBe('满意');
    expect(p01.rank).toBe(1);
  });
  it('re-normalises a service point without questionnaires over 明察 and 暗访', () => {
    const p02 = unit('service_point:P02');
    expect(p02.missing).toEqual(['survey']);
    expect(p02.index).toBeCloseTo(0.4 * 60 + 0.6 * 40, 10);
    expect(p02.satisfaction).toBeNull();
  });
  it('pools every record at the bureau, questionnaires without a service point included', () => {
    const bureau = unit('bureau');
    expect(bureau.scores.facility).toBeCloseTo((90 + 70 + 60) / 3, 10);
    expect(bureau.scores.visit).toBeCloseTo((100 + 60 + 80 + 40) / 4, 10);
    expect(bureau.scores.survey).toBeCloseTo(60, 10);
    expect(bureau.satisfaction).toMatchObject({ satisfied: 1, responses: 3, smallSample: true });
    expect(bureau.rank).toBeNull();
  });
  it('sets the change against last month by unit, and none for a unit not evaluated then', () => {
    const changed = withChanges(units, [{ ...unit('service_point:P01'), index: 75 }]);
    expect(changed.find((u) => u.key === 'service_point:P01')!.change).toBeCloseTo(5, 10);
    expect(changed.find((u) => u.key === 'service_point:P02')!.change).toBeNull();
  });
  it('lists nothing for a round without records', () => {
    expect(
      aggregateUnits(SET, DEFAULT_WEIGHTS, POINTS, WINDOWS, { facility: [], visits: [], surveys: [] })
    ).toEqual([]);
  });
});
