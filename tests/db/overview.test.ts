import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extremes, loadOverview, type RankingRow } from '../../src/lib/server/kpis/overview.service';
import { loadKpiWorld, P1 } from '../helpers/kpi-world';
import { createTestDatabases, type TestDatabases } from '../helpers/test-databases';

// The overview's assembly on the hand-made world of tests/helpers/kpi-world.ts: the
// comparison periods, the trend (its buckets add up to the figures), the ranking of a
// dimension within the scope, and what a cut the rollups do not hold still gets.

let t: TestDatabases;
beforeAll(async () => {
  t = await createTestDatabases();
  await loadKpiWorld(t);
});
afterAll(async () => t?.destroy());

const request = {
  period: P1,
  cut: {},
  scope: 'all' as const,
  rankBy: 'section' as const,
  metric: 'received' as const
};

describe('the overview', () => {
  it('compares with as many days before and with the same dates a year earlier', async () => {
    const o = await loadOverview(t.db, request);
    expect(o.previous).toEqual({ from: '2025-09-04', to: '2025-09-21' });
    expect(o.yearEarlier).toEqual({ from: '2024-09-22', to: '2024-10-09' });
    expect(o.figures.received.value).toBe(7);
    expect(o.previousFigures.received.value).toBe(1); // case 8 (09-15); case 5 came on 09-01
    expect(o.yearEarlierFigures.received.value).toBe(0);
  });

  it('buckets the trend by day, adding up to the figures', async () => {
    const o = await loadOverview(t.db, request);
    expect(o.trend?.grain).toBe('day');
    const sum = (key: 'received' | 'concluded') => o.trend!.points.reduce((s, p) => s + p[key], 0);
    expect(sum('received')).toBe(7);
    expect(sum('concluded')).toBe(4);
    const day = o.trend!.points.find((p) => p.bucket === '2025-10-09')!;
    expect(day).toMatchObject({ concluded: 2, onTimePromised: 0.5, avgProcessingDays: 5.5 });
  });

  it('ranks the sections of the scope, best first, with their names and codes', async () => {
    const all = await loadOverview(t.db, request);
    expect(all.ranking?.rows.map((r) => [r.code, r.label, r.figure.value])).toEqual([
      ['S01', '市场准入科', 6],
      ['S02', '建设审批科', 1]
    ]);
    const own = await loadOverview(t.db, { ...request, scope: ['S02'] });
    expect(own.ranking?.rows.map((r) => r.code)).toEqual(['S02']);
    expect(own.figures.received.value).toBe(1);
  });

  it('gives a cut of two members exact figures but no trend or ranking', async () => {
    const o = await loadOverview(t.db, { ...request, cut: { channel: 'online', matter: 'M002' } });
    expect(o.rolledUp).toBe(false);
    expect(o.figures.received.value).toBe(1); // case 3
    expect(o.trend).toBeNull();
    expect(o.ranking).toBeNull();
  });
});

describe('the best and worst matters', () => {
  const row = (key: string, value: number | null, denominator: number): RankingRow => ({
    key,
    code: key,
    label: key,
    figure: { value, numerator: value === null ? 0 : value * denominator, denominator }
  });

  it('leaves out small samples and lists the worst from the bottom up, never twice', () => {
    const rows = [
      row('a', 1, 40),
      row('b', 0.9, 10),
      row('c', 0.8, 30),
      row('d', null, 0),
      row('e', 0.5, 50)
    ];
    expect(extremes(rows)).toEqual({ best: [rows[0], rows[2], rows[4]], worst: [] });
    const many = Array.from({ length: 12 }, (_, i) => row(`m${i}`, 1 - i / 20, 30));
    const { best, worst } = extremes(many);
    expect(best.map((r) => r.key)).toEqual(['m0', 'm1', 'm2', 'm3', 'm4']);
    expect(worst.map((r) => r.key)).toEqual(['m11', 'm10', 'm9', 'm8', 'm7']);
  });
});
