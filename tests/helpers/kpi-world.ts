import { expect } from 'vitest';
import { refreshKpiRollups } from '../../src/lib/server/kpis/rollup-refresh.service';
import { insertCase, insertEvents, insertReferenceWorld, syncOnce } from './sync-fixtures';
import type { TestDatabases } from './test-databases';

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
// Every case is at service point P01 (district), window W01, handled by E001, except 3 and
// 9: at P02 (street) through window W02 (no section); 9 has no handler.
//
// Ratings: R1 case 1 level 5 10-09 16:00; R2 case 2 level 1 10-08 10:00; R3 case 9 level 4
// 10-10 09:00; R4 no case, window W03 (S02) level 2 09-25; R5 no case, window W02 (no
// section) level 3 09-25.
// Complaints: C1 case 2 09-30 substantiated, closed 10-09; C2 no case, window W03 (S02)
// 10-01 not substantiated, open; C3 no case, window W01 (S01) 10-20.

export const EVALUATION_DATE = '2025-10-10';
export const local = (s: string) => `${s}+08:00`;

/** The period across the National Day holiday. */
export const P1 = { from: '2025-09-22', to: '2025-10-09' };

/** Writes the world into the source, syncs it and refreshes the rollups. */
export async function loadKpiWorld(t: TestDatabases) {
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
  await w
    .updateTable('cases')
    .set({ service_point_id: 2, window_id: 2 })
    .where('id', 'in', ['3', '9'])
    .execute();
  await w.updateTable('cases').set({ handler_staff_id: null }).where('id', '=', '9').execute();
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
  await refreshKpiRollups(t.db);
}
