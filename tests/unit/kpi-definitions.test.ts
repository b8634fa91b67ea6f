import { describe, expect, it } from 'vitest';
import {
  assembleKpis,
  checkPeriod,
  EMPTY_COUNTS,
  KPI_NAMES,
  rate,
  sectionCut,
  type KpiCounts
} from '../../src/lib/server/kpis/kpi-definitions';

// The pure side of the headline figures (shared/spec/kpis.md, docs/rules/kpis.md).

describe('rate', () => {
  it('is a fraction with its numerator and denominator, null over nothing', () => {
    expect(rate(3, 4)).toEqual({ value: 0.75, numerator: 3, denominator: 4 });
    expect(rate(0, 0)).toEqual({ value: null, numerator: 0, denominator: 0 });
    expect(rate(0, 5)).toEqual({ value: 0, numerator: 0, denominator: 5 });
  });
});

describe('assembleKpis', () => {
  const counts: KpiCounts = {
    ...EMPTY_COUNTS,
    received: 10,
    receivedOnline: 4,
    accepted: 9,
    rejected: 1,
    concluded: 8,
    approved: 7,
    denied: 1,
    withdrawn: 2,
    promisedOnTime: 6,
    statutoryOnTime: 8,
    openNow: 5,
    overdueOpenPromised: 2,
    overdueOpenStatutory: 1,
    yellowNow: 1,
    redNow: 2,
    withProcessing: 8,
    processingDays: 20,
    statutoryDays: 80,
    sameDay: 2,
    rated: 4,
    matters: 7,
    mattersOnline: 6,
    ratings: 14,
    goodRatings: 9,
    badRatings: 4,
    badRatingsRectified: 3,
    badRatingsRectifiedOnTime: 2,
    complaints: 3,
    complaintsSubstantiated: 1,
    complaintsClosed: 2
  };

  it('gives exactly the names of interfaces.md, and the two rectified shares of bad ratings', () => {
    expect(Object.keys(assembleKpis(counts))).toEqual([...KPI_NAMES]);
    expect(KPI_NAMES).toHaveLength(26);
    expect(KPI_NAMES.filter((name) => name.startsWith('bad_rating_rectified'))).toHaveLength(2);
  });

  it('gives the rectified shares over the bad ratings', () => {
    const f = assembleKpis(counts);
    expect(f.bad_rating_rectified_rate).toEqual({ value: 0.75, numerator: 3, denominator: 4 });
    expect(f.bad_rating_rectified_on_time_rate).toEqual({ value: 0.5, numerator: 2, denominator: 4 });
  });

  it('gives counts as a bare value and rates with numerator and denominator', () => {
    const f = assembleKpis(counts);
    expect(f.received).toEqual({ value: 10 });
    expect(f.bad_ratings).toEqual({ value: 4 });
    expect(f.open_now).toEqual({ value: 5 });
    expect(f.on_time_rate_promised).toEqual({ value: 0.75, numerator: 6, denominator: 8 });
    expect(f.on_time_rate_statutory).toEqual({ value: 1, numerator: 8, denominator: 8 });
    expect(f.online_rate).toEqual({ value: 0.4, numerator: 4, denominator: 10 });
    expect(f.avg_processing_days).toEqual({ value: 2.5, numerator: 20, denominator: 8 });
    expect(f.same_day_rate).toEqual({ value: 0.25, numerator: 2, denominator: 8 });
    expect(f.rating_coverage).toEqual({ value: 0.5, numerator: 4, denominator: 8 });
    expect(f.good_rating_rate).toEqual({ value: 9 / 14, numerator: 9, denominator: 14 });
    expect(f.matters_online_share).toEqual({ value: 6 / 7, numerator: 6, denominator: 7 });
    expect(f.complaints).toEqual({ value: 3, substantiated: 1, closed: 2 });
  });

  it('computes time compression and efficiency gain from the day sums', () => {
    const f = assembleKpis(counts);
    // 1 − 20/80 = 0.75 ("压缩 75%"); 80/20 − 1 = 3 ("提升 300%").
    expect(f.time_compression).toEqual({ value: 0.75, numerator: 20, denominator: 80 });
    expect(f.efficiency_gain).toEqual({ value: 3, numerator: 80, denominator: 20 });
  });

  it('leaves efficiency gain undefined when every case was same-day', () => {
    const f = assembleKpis({ ...counts, processingDays: 0, sameDay: 8 });
    expect(f.efficiency_gain).toEqual({ value: null, numerator: 80, denominator: 0 });
    expect(f.time_compression).toEqual({ value: 1, numerator: 0, denominator: 80 });
  });

  it('gives an empty world zero counts and null rates', () => {
    const f = assembleKpis(EMPTY_COUNTS);
    for (const name of KPI_NAMES) {
      const figure = f[name] as { value: number | null; denominator?: number };
      expect(figure.value).toBe('denominator' in figure ? null : 0);
    }
  });
});

describe('checkPeriod', () => {
  it('accepts a period of local dates, both ends inclusive', () => {
    expect(checkPeriod('2025-01-01', '2025-12-31')).toEqual({
      ok: true,
      period: { from: '2025-01-01', to: '2025-12-31' }
    });
    expect(checkPeriod('2025-03-01', '2025-03-01').ok).toBe(true);
    expect(checkPeriod('2024-02-29', '2024-03-01').ok).toBe(true);
  });

  it('names the bad parameter', () => {
    expect(checkPeriod(null, '2025-01-01')).toMatchObject({ ok: false, parameter: 'from' });
    expect(checkPeriod('2025-1-1', '2025-01-01')).toMatchObject({ ok: false, parameter: 'from' });
    expect(checkPeriod('2025-02-29', '2025-03-01')).toMatchObject({ ok: false, parameter: 'from' });
    expect(checkPeriod('2025-01-01', null)).toMatchObject({ ok: false, parameter: 'to' });
    expect(checkPeriod('2025-01-01', '2025-13-01')).toMatchObject({ ok: false, parameter: 'to' });
    expect(checkPeriod('2025-01-02', '2025-01-01')).toMatchObject({ ok: false, parameter: 'to' });
  });

  it('allows at most three years', () => {
    expect(checkPeriod('2023-01-01', '2025-12-31').ok).toBe(true);
    expect(checkPeriod('2023-01-01', '2026-01-01')).toMatchObject({ ok: false, parameter: 'to' });
  });
});

describe('sectionCut', () => {
  it('covers every section, or the one asked for, for a leader or inspector', () => {
    expect(sectionCut(undefined, 'all')).toBeNull();
    expect(sectionCut('S01', 'all')).toEqual(['S01']);
  });

  it('restricts a section head to their sections, without refusing', () => {
    expect(sectionCut(undefined, ['S01', 'S02'])).toEqual(['S01', 'S02']);
    expect(sectionCut('S02', ['S01', 'S02'])).toEqual(['S02']);
    expect(sectionCut('S03', ['S01', 'S02'])).toEqual([]);
    expect(sectionCut(undefined, [])).toEqual([]);
  });
});
