import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KpiCut } from '../../src/lib/kpis/cuts';
import {
  assembleKpis,
  KPI_NAMES,
  type KpiFigures,
  type KpiPeriod
} from '../../src/lib/server/kpis/kpi-definitions';
import { resolveKpiFilter } from '../../src/lib/server/kpis/kpi-filter';
import { loadRollupCounts } from '../../src/lib/server/kpis/kpi-rollups.repository';
import { loadKpiCounts } from '../../src/lib/server/kpis/kpis.repository';
import { refreshKpiRollups } from '../../src/lib/server/kpis/rollup-refresh.service';
import { EVALUATION_DATE, loadKpiWorld, local, P1 } from '../helpers/kpi-world';
import { syncOnce } from '../helpers/sync-fixtures';
import { createTestDatabases, type TestDatabases } from '../helpers/test-databases';

// The headline figures on the hand-made world of tests/helpers/kpi-world.ts (every figure
// worked out by hand there and below), by the plain aggregates and by the rollups.

let t: TestDatabases;

beforeAll(async () => {
  t = await createTestDatabases();
  await loadKpiWorld(t);
});
afterAll(async () => t?.destroy());

type Load = typeof loadKpiCounts;
const PATHS: [string, Load][] = [
  ['plain aggregates', loadKpiCounts],
  ['rollups', loadRollupCounts]
];

async function figuresBy(
  load: Load,
  period: KpiPeriod,
  cut: KpiCut = {},
  scope: 'all' | string[] = 'all'
): Promise<KpiFigures> {
  const result = assembleKpis(await load(t.db, period, await resolveKpiFilter(t.db, cut, scope)));
  expect(Object.keys(result).sort()).toEqual([...KPI_NAMES].sort());
  return result;
}

const ratio = (numerator: number, denominator: number) => ({
  value: denominator === 0 ? null : numerator / denominator,
  numerator,
  denominator
});

describe.each(PATHS)('KPI figures on a hand-made world, by %s', (_name, load) => {
  const figures = (period: KpiPeriod, section?: string, scope: 'all' | string[] = 'all') =>
    figuresBy(load, period, section === undefined ? {} : { section }, scope);
  const cutFigures = (period: KpiPeriod, cut: KpiCut) => figuresBy(load, period, cut);

  it('computes every figure for a period across the National Day holiday, uncut', async () => {
    const f = await figures(P1);
    // received: 1, 2, 3, 4 (09-30 23:30 local), 6, 7, 9; not 5, 8 (before), 10 (10-10).
    expect(f.received).toEqual({ value: 7 });
    expect(f.accepted).toEqual({ value: 6 }); // 7 never accepted
    expect(f.rejected).toEqual({ value: 1 });
    expect(f.withdrawn).toEqual({ value: 1 });
    expect(f.concluded).toEqual({ value: 4 }); // 1, 2, 3, 9
    expect(f.approved).toEqual({ value: 3 });
    expect(f.denied).toEqual({ value: 1 });
    expect(f.on_time_rate_promised).toEqual(ratio(2, 4)); // 1 and 3; 2 and 9 late
    expect(f.on_time_rate_statutory).toEqual(ratio(4, 4));
    // Now figures (evaluated 10-10): open 4, 5, 6, 10; 5 red and overdue both ways; 6 yellow.
    expect(f.open_now).toEqual({ value: 4 });
    expect(f.overdue_open_promised).toEqual({ value: 1 });
    expect(f.overdue_open_statutory).toEqual({ value: 1 });
    expect(f.yellow_now).toEqual({ value: 1 });
    expect(f.red_now).toEqual({ value: 1 });
    // Processing 4 + 7 + 0 + 7 = 18 over 4 cases; statutory 20 + 20 + 5 + 10 = 55.
    expect(f.avg_processing_days).toEqual(ratio(18, 4));
    expect(f.time_compression).toEqual({ value: 1 - 18 / 55, numerator: 18, denominator: 55 });
    expect(f.efficiency_gain).toEqual({ value: 55 / 18 - 1, numerator: 55, denominator: 18 });
    expect(f.same_day_rate).toEqual(ratio(1, 4)); // case 3
    expect(f.online_rate).toEqual(ratio(2, 7)); // 1, 3
    expect(f.matters_online_share).toEqual(ratio(3, 4)); // M1, M2, M4
    // Ratings in the period: R1 (5), R2 (1), R4 (2), R5 (3); R3 is on 10-10.
    expect(f.good_rating_rate).toEqual(ratio(1, 4));
    expect(f.bad_ratings).toEqual({ value: 2 });
    // Concluded 1 (R1), 2 (R2), 9 (R3, rated after the period) are rated; 3 is not.
    expect(f.rating_coverage).toEqual(ratio(3, 4));
    expect(f.complaints).toEqual({ value: 2, substantiated: 1, closed: 1 }); // C1, C2
  });

  it('cuts by section: cases by their matter, ratings and complaints by case, else window', async () => {
    const s1 = await figures(P1, 'S01');
    expect(s1.received).toEqual({ value: 6 });
    expect(s1.accepted).toEqual({ value: 5 });
    expect(s1.rejected).toEqual({ value: 1 });
    expect(s1.withdrawn).toEqual({ value: 1 });
    expect(s1.concluded).toEqual({ value: 3 });
    expect(s1.approved).toEqual({ value: 2 });
    expect(s1.denied).toEqual({ value: 1 });
    expect(s1.on_time_rate_promised).toEqual(ratio(2, 3));
    expect(s1.on_time_rate_statutory).toEqual(ratio(3, 3));
    expect(s1.open_now).toEqual({ value: 3 });
    expect(s1.avg_processing_days).toEqual(ratio(11, 3));
    expect(s1.time_compression).toEqual({ value: 1 - 11 / 45, numerator: 11, denominator: 45 });
    expect(s1.efficiency_gain).toEqual({ value: 45 / 11 - 1, numerator: 45, denominator: 11 });
    expect(s1.same_day_rate).toEqual(ratio(1, 3));
    expect(s1.online_rate).toEqual(ratio(2, 6));
    expect(s1.matters_online_share).toEqual(ratio(2, 2));
    expect(s1.good_rating_rate).toEqual(ratio(1, 2)); // R1, R2
    expect(s1.bad_ratings).toEqual({ value: 1 });
    expect(s1.rating_coverage).toEqual(ratio(2, 3));
    expect(s1.complaints).toEqual({ value: 1, substantiated: 1, closed: 1 });

    const s2 = await figures(P1, 'S02');
    expect(s2.received).toEqual({ value: 1 }); // 9
    expect(s2.online_rate).toEqual(ratio(0, 1));
    expect(s2.concluded).toEqual({ value: 1 });
    expect(s2.denied).toEqual({ value: 0 });
    expect(s2.on_time_rate_promised).toEqual(ratio(0, 1));
    expect(s2.on_time_rate_statutory).toEqual(ratio(1, 1));
    expect(s2.open_now).toEqual({ value: 1 }); // 10, green
    expect(s2.yellow_now).toEqual({ value: 0 });
    expect(s2.red_now).toEqual({ value: 0 });
    expect(s2.overdue_open_promised).toEqual({ value: 0 });
    expect(s2.avg_processing_days).toEqual(ratio(7, 1));
    expect(s2.time_compression).toEqual({ value: 1 - 7 / 10, numerator: 7, denominator: 10 });
    expect(s2.efficiency_gain).toEqual({ value: 10 / 7 - 1, numerator: 10, denominator: 7 });
    expect(s2.matters_online_share).toEqual(ratio(0, 1));
    expect(s2.good_rating_rate).toEqual(ratio(0, 1)); // R4 by its window
    expect(s2.bad_ratings).toEqual({ value: 1 });
    expect(s2.rating_coverage).toEqual(ratio(1, 1));
    expect(s2.complaints).toEqual({ value: 1, substantiated: 0, closed: 0 }); // C2 by its window
  });

  it('gives a section with no cases zero counts and null rates', async () => {
    const s3 = await figures(P1, 'S03');
    for (const name of ['received', 'accepted', 'rejected', 'concluded', 'open_now', 'red_now'] as const) {
      expect(s3[name]).toEqual({ value: 0 });
    }
    expect(s3.on_time_rate_promised).toEqual(ratio(0, 0));
    expect(s3.efficiency_gain).toEqual({ value: null, numerator: 0, denominator: 0 });
    expect(s3.time_compression).toEqual({ value: null, numerator: 0, denominator: 0 });
    expect(s3.matters_online_share).toEqual(ratio(1, 1)); // M4
    expect(s3.good_rating_rate).toEqual(ratio(0, 0));
    expect(s3.complaints).toEqual({ value: 0, substantiated: 0, closed: 0 });
  });

  it('gives an empty period zero counts and null rates, but the now figures', async () => {
    const f = await figures({ from: '2025-03-01', to: '2025-03-31' });
    expect(f.received).toEqual({ value: 0 });
    expect(f.concluded).toEqual({ value: 0 });
    expect(f.withdrawn).toEqual({ value: 0 });
    expect(f.online_rate).toEqual(ratio(0, 0));
    expect(f.same_day_rate).toEqual(ratio(0, 0));
    expect(f.rating_coverage).toEqual(ratio(0, 0));
    expect(f.avg_processing_days).toEqual(ratio(0, 0));
    expect(f.efficiency_gain.value).toBeNull();
    expect(f.bad_ratings).toEqual({ value: 0 });
    expect(f.open_now).toEqual({ value: 4 });
    expect(f.overdue_open_statutory).toEqual({ value: 1 });
    expect(f.yellow_now).toEqual({ value: 1 });
    expect(f.matters_online_share).toEqual(ratio(3, 4));
  });

  it('takes local dates in Asia/Shanghai', async () => {
    // 10-09: cases 1 (15:00) and 9 (07:30 local = 10-08 23:30 UTC) concluded; R1 rated.
    const day = await figures({ from: '2025-10-09', to: '2025-10-09' });
    expect(day.concluded).toEqual({ value: 2 });
    expect(day.approved).toEqual({ value: 2 });
    expect(day.on_time_rate_promised).toEqual(ratio(1, 2));
    expect(day.avg_processing_days).toEqual(ratio(11, 2));
    expect(day.efficiency_gain).toEqual({ value: 30 / 11 - 1, numerator: 30, denominator: 11 });
    expect(day.good_rating_rate).toEqual(ratio(1, 1));
    // 09-30: case 4 received at 23:30 local; case 2 concluded; C1.
    const eve = await figures({ from: '2025-09-30', to: '2025-09-30' });
    expect(eve.received).toEqual({ value: 1 });
    expect(eve.denied).toEqual({ value: 1 });
    expect(eve.complaints).toEqual({ value: 1, substantiated: 1, closed: 1 });
    // The holiday itself: C2 and R2 only.
    const holiday = await figures({ from: '2025-10-01', to: '2025-10-08' });
    expect(holiday.concluded).toEqual({ value: 0 });
    expect(holiday.bad_ratings).toEqual({ value: 1 });
    expect(holiday.complaints).toEqual({ value: 1, substantiated: 0, closed: 0 });
  });

  it('restricts a section head to their sections', async () => {
    const own = await figures(P1, undefined, ['S02']);
    expect(own.received).toEqual({ value: 1 });
    const outside = await figures(P1, 'S01', ['S02']);
    expect(outside.received).toEqual({ value: 0 });
    expect(outside.open_now).toEqual({ value: 0 });
    expect(outside.matters_online_share).toEqual(ratio(0, 0));
  });

  it('cuts by service-point level and window: cases 3 and 9 at the street centre, R5 by its window', async () => {
    for (const cut of [{ level: 'street' }, { window: 'W02' }, { service_point: 'P02' }]) {
      const f = await cutFigures(P1, cut);
      expect(f.received).toEqual({ value: 2 }); // 3 (online), 9
      expect(f.online_rate).toEqual(ratio(1, 2));
      expect(f.concluded).toEqual({ value: 2 });
      expect(f.on_time_rate_promised).toEqual(ratio(1, 2)); // 3 on time, 9 late
      expect(f.avg_processing_days).toEqual(ratio(7, 2)); // 0 + 7
      expect(f.time_compression).toEqual({ value: 1 - 7 / 15, numerator: 7, denominator: 15 });
      expect(f.open_now).toEqual({ value: 0 });
      expect(f.good_rating_rate).toEqual(ratio(0, 1)); // R5 (level 3) by window W02; R3 is on 10-10
      expect(f.rating_coverage).toEqual(ratio(1, 2)); // 9 rated by R3
      expect(f.complaints).toEqual({ value: 0, substantiated: 0, closed: 0 });
      expect(f.matters_online_share).toEqual(ratio(3, 4)); // a place cut keeps every matter
    }
    const district = await cutFigures(P1, { level: 'district' });
    expect(district.received).toEqual({ value: 5 }); // 1, 2, 4, 6, 7
    expect(district.open_now).toEqual({ value: 4 });
    expect(district.red_now).toEqual({ value: 1 });
  });

  it('cuts by staff member: the handler of the case; a rating without a case by its own staff', async () => {
    const f = await cutFigures(P1, { staff: 'E001' });
    expect(f.received).toEqual({ value: 6 }); // not 9 (no handler)
    expect(f.concluded).toEqual({ value: 3 }); // 1, 2, 3
    expect(f.rejected).toEqual({ value: 1 });
    expect(f.good_rating_rate).toEqual(ratio(1, 2)); // R1, R2; R4 and R5 name no staff
    expect(f.open_now).toEqual({ value: 4 });
  });

  it('cuts by channel, matter and department', async () => {
    const online = await cutFigures(P1, { channel: 'online' });
    expect(online.received).toEqual({ value: 2 }); // 1, 3
    expect(online.online_rate).toEqual(ratio(2, 2));
    expect(online.concluded).toEqual({ value: 2 });
    expect(online.good_rating_rate).toEqual(ratio(1, 1)); // R1 (case 1)
    expect(online.open_now).toEqual({ value: 1 }); // 10
    const m2 = await cutFigures(P1, { matter: 'M002' });
    expect(m2.received).toEqual({ value: 1 });
    expect(m2.same_day_rate).toEqual(ratio(1, 1));
    expect(m2.matters_online_share).toEqual(ratio(1, 1));
    const d1 = await cutFigures(P1, { department: 'D01' });
    expect(d1.received).toEqual({ value: 7 });
    expect(d1.good_rating_rate).toEqual(ratio(1, 2)); // R1, R2: R4, R5 have no case, so no department
    expect(d1.matters_online_share).toEqual(ratio(3, 4));
  });

  it('covers nothing for an unknown code', async () => {
    const f = await cutFigures(P1, { window: 'W99' });
    expect(f.received).toEqual({ value: 0 });
    expect(f.open_now).toEqual({ value: 0 });
  });
});

describe('KPI rollups', () => {
  const periods = [P1, { from: '2025-10-09', to: '2025-10-09' }, { from: '2025-09-01', to: '2025-10-31' }];
  const cuts: KpiCut[] = [
    {},
    { section: 'S01' },
    { section: 'S02' },
    { department: 'D01' },
    ...['M001', 'M002', 'M003', 'M004'].map((matter) => ({ matter })),
    { level: 'district' },
    { level: 'street' },
    { service_point: 'P01' },
    { window: 'W01' },
    { window: 'W03' },
    { staff: 'E001' },
    { channel: 'window' },
    { section: 'S01', channel: 'online' },
    { section: 'S02', window: 'W02' }
  ];

  it('agree with the plain aggregates for every period and single cut', async () => {
    for (const period of periods) {
      for (const cut of cuts) {
        const plain = await figuresBy(loadKpiCounts, period, cut);
        const rolled = await figuresBy(loadRollupCounts, period, cut);
        expect({ period, cut, figures: rolled }).toEqual({ period, cut, figures: plain });
      }
    }
  });

  it('follow a change in the source after the next sync and refresh', async () => {
    const before = await figuresBy(loadRollupCounts, P1, { section: 'S02' });
    await t.sourceWriter
      .updateTable('cases')
      .set({ matter_id: 1, updated_at: local('2025-10-10T13:00:00') })
      .where('id', '=', '9')
      .execute();
    await syncOnce(t, { evaluationDate: EVALUATION_DATE });
    const refresh = await refreshKpiRollups(t.db);
    expect(refresh.days).toBeGreaterThan(0);
    const after = await figuresBy(loadRollupCounts, P1, { section: 'S02' });
    expect(after.received.value).toBe((before.received.value ?? 0) - 1);
    expect(after).toEqual(await figuresBy(loadKpiCounts, P1, { section: 'S02' }));
    expect(await figuresBy(loadRollupCounts, P1, { section: 'S01' })).toEqual(
      await figuresBy(loadKpiCounts, P1, { section: 'S01' })
    );
  });
});
