import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  assembleKpis,
  KPI_NAMES,
  sectionCut,
  type KpiFigures,
  type KpiPeriod
} from '../../src/lib/server/kpis/kpi-definitions';
import { loadKpiCounts } from '../../src/lib/server/kpis/kpis.repository';
import { insertCase, insertEvents, insertReferenceWorld, syncOnce } from '../helpers/sync-fixtures';
import { createTestDatabases, type TestDatabases } from '../helpers/test-databases';

// The headline figures (shared/spec/kpis.md) on a hand-made approval world, synced into the
// product and evaluated on Fri 2025-10-10. Every figure below is worked out by hand.
//
// Calendar around the National Day holiday 2025: Sun 09-28 is a make-up working day,
// 10-01..10-08 are off, Sat 10-11 is a make-up working day.
//
// Sections and matters (limits promised / statutory, in working days):
//   S01: M1 promised 5 / 20, online;  M2 即办件 0 / 5, online
//   S02: M3 promised 3 / 10, not online
//   S03: M4 promised 10 / 15, online — no cases at all
//
// Cases (local times, +08:00):
//   1  S01 M1 online  rec+acc 09-26 10:00, concluded 10-09 15:00 approved.
//      WD after 09-26: 09-28=1, 09-29=2, 09-30=3, 10-09=4, 10-10=5 → promised due 10-10,
//      on time; statutory on time; processing 4.
//   2  S01 M1 window  rec+acc 09-22 09:00, concluded 09-30 16:00 denied.
//      WD after 09-22: 23,24,25,26,28,29,30 → processing 7; promised due 09-28 → late;
//      statutory (20) on time.
//   3  S01 M2 online  rec+acc 09-29 10:00, concluded 09-29 11:00 approved: same day, 0.
//   4  S01 M1 window  rec+acc 09-30 23:30 (15:30 UTC), open: elapsed at 10-10 = 2 → green.
//   5  S01 M1 window  rec+acc 09-01 09:00, open: elapsed at 10-10 = 24 → promised due 09-08,
//      statutory due 09-28, both overdue → red.
//   6  S01 M1 window  rec+acc 09-26 11:00, open: elapsed 5 = L, due 10-10 = T → yellow.
//   7  S01 M1 window  received 09-24, never accepted, `rejected` event 09-25.
//   8  S01 M1 window  rec+acc 09-15, `withdrawn` event 09-23.
//   9  S02 M3 window  rec+acc 09-23 09:00, concluded 10-09 07:30 (10-08 23:30 UTC) approved.
//      WD after 09-23: 24,25,26,28,29,30,10-09 → processing 7; promised due 09-26 → late;
//      statutory due 10-13 (10-10=8, 10-11 Sat=9, 10-13=10) → on time.
//  10  S02 M3 online  rec+acc 10-10 09:00, open: elapsed 0, remaining 3 → green.
//
// Ratings: R1 case 1 level 5 10-09 16:00; R2 case 2 level 1 10-08 10:00; R3 case 9 level 4
// 10-10 09:00; R4 no case, window W03 (S02) level 2 09-25; R5 no case, window W02 (no
// section) level 3 09-25.
// Complaints: C1 case 2 09-30 substantiated, closed 10-09; C2 no case, window W03 (S02)
// 10-01 not substantiated, open; C3 no case, window W01 (S01) 10-20.

const EVALUATION_DATE = '2025-10-10';
const local = (s: string) => `${s}+08:00`;

let t: TestDatabases;

async function loadWorld() {
  const w = t.sourceWriter;
  const updated_at = local('2025-10-10T12:00:00');
  await insertReferenceWorld(w);
  await w
    .insertInto('sections')
    .values([
      { id: 2, code: 'S02', name: '建设审批科', updated_at },
      { id: 3, code: 'S03', name: '社会事务科', updated_at }
    ])
    .execute();
  await w
    .insertInto('windows')
    .values({ id: 3, code: 'W03', name: '建设窗口', service_point_id: 1, section_id: 2, updated_at })
    .execute();
  const matter = { department_id: 1, kind: 'promised' as const, updated_at };
  await w
    .insertInto('matters')
    .values([
      {
        ...matter,
        id: 3,
        code: 'M003',
        name: '建筑工程施工许可',
        section_id: 2,
        statutory_days: 10,
        promised_days: 3,
        online: false
      },
      {
        ...matter,
        id: 4,
        code: 'M004',
        name: '民办非企业登记',
        section_id: 3,
        statutory_days: 15,
        promised_days: 10,
        online: true
      }
    ])
    .execute();

  const concluded = (id: number, matterId: number, rec: string, end: string, channel = 'window') =>
    insertCase(w, {
      id,
      matterId,
      channel,
      status: 'concluded',
      receivedAt: local(rec),
      concludedAt: local(end),
      updatedAt: updated_at
    });
  const open = (id: number, matterId: number, rec: string, channel = 'window') =>
    insertCase(w, { id, matterId, channel, receivedAt: local(rec), updatedAt: updated_at });

  await concluded(1, 1, '2025-09-26T10:00:00', '2025-10-09T15:00:00', 'online');
  await concluded(2, 1, '2025-09-22T09:00:00', '2025-09-30T16:00:00');
  await concluded(3, 2, '2025-09-29T10:00:00', '2025-09-29T11:00:00', 'online');
  await open(4, 1, '2025-09-30T23:30:00');
  await open(5, 1, '2025-09-01T09:00:00');
  await open(6, 1, '2025-09-26T11:00:00');
  await insertCase(w, {
    id: 7,
    status: 'rejected',
    receivedAt: local('2025-09-24T10:00:00'),
    acceptedAt: null,
    updatedAt: updated_at
  });
  await insertCase(w, {
    id: 8,
    status: 'withdrawn',
    receivedAt: local('2025-09-15T10:00:00'),
    updatedAt: updated_at
  });
  await concluded(9, 3, '2025-09-23T09:00:00', '2025-10-09T07:30:00');
  await open(10, 3, '2025-10-10T09:00:00', 'online');
  await w.updateTable('cases').set({ decision: 'denied' }).where('id', '=', '2').execute();
  await insertEvents(w, [
    { id: 71, caseId: 7, kind: 'rejected', at: local('2025-09-25T10:00:00'), updatedAt: updated_at },
    { id: 81, caseId: 8, kind: 'withdrawn', at: local('2025-09-23T10:00:00'), updatedAt: updated_at }
  ]);

  const rating = { staff_id: null, channel: 'hall_device' as const, comment: null, updated_at };
  await w
    .insertInto('ratings')
    .values([
      { ...rating, id: 1, case_id: 1, window_id: 1, level: 5, rated_at: local('2025-10-09T16:00:00') },
      { ...rating, id: 2, case_id: 2, window_id: 1, level: 1, rated_at: local('2025-10-08T10:00:00') },
      { ...rating, id: 3, case_id: 9, window_id: 1, level: 4, rated_at: local('2025-10-10T09:00:00') },
      { ...rating, id: 4, case_id: null, window_id: 3, level: 2, rated_at: local('2025-09-25T10:00:00') },
      { ...rating, id: 5, case_id: null, window_id: 2, level: 3, rated_at: local('2025-09-25T11:00:00') }
    ])
    .execute();
  const complaint = { staff_id: null, source: 'hotline' as const, category: '服务态度', updated_at };
  await w
    .insertInto('complaints')
    .values([
      {
        ...complaint,
        id: 1,
        case_id: 2,
        window_id: 1,
        received_at: local('2025-09-30T10:00:00'),
        substantiated: true,
        closed_at: local('2025-10-09T10:00:00')
      },
      {
        ...complaint,
        id: 2,
        case_id: null,
        window_id: 3,
        received_at: local('2025-10-01T10:00:00'),
        substantiated: false,
        closed_at: null
      },
      {
        ...complaint,
        id: 3,
        case_id: null,
        window_id: 1,
        received_at: local('2025-10-20T10:00:00'),
        substantiated: null,
        closed_at: null
      }
    ])
    .execute();
  const result = await syncOnce(t, { evaluationDate: EVALUATION_DATE });
  expect(result.rowsQuarantined).toBe(0);
  expect(result.evaluationDate).toBe(EVALUATION_DATE);
}

beforeAll(async () => {
  t = await createTestDatabases();
  await loadWorld();
});
afterAll(async () => t?.destroy());

async function figures(
  period: KpiPeriod,
  section?: string,
  scope: 'all' | string[] = 'all'
): Promise<KpiFigures> {
  const result = assembleKpis(await loadKpiCounts(t.db, period, sectionCut(section, scope)));
  expect(Object.keys(result).sort()).toEqual([...KPI_NAMES].sort());
  return result;
}

const ratio = (numerator: number, denominator: number) => ({
  value: denominator === 0 ? null : numerator / denominator,
  numerator,
  denominator
});

/** The period across the National Day holiday. */
const P1 = { from: '2025-09-22', to: '2025-10-09' };

describe('KPI figures on a hand-made world', () => {
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
});
