import type { Kysely } from 'kysely';
import type { CaseStatus, SourceDatabase } from '../../src/lib/server/source/source-tables';

// A handful of source rows for tests that need "some data" rather than the demo's
// realism: one of each reference row and a few cases in different states.

export interface SampleSource {
  /** Rows inserted per relation. */
  rows: Record<keyof SourceDatabase, number>;
  /** The newest case updated_at written. */
  newestCaseChange: Date;
}

const at = (iso: string) => new Date(iso);

/** One department, two sections (S01, S02), one service point, window and staff member (E001). */
export async function insertReferenceRows(writer: Kysely<SourceDatabase>): Promise<void> {
  await writer.insertInto('departments').values({ id: 1, code: 'D01', name: '市场监督管理局' }).execute();
  await writer
    .insertInto('sections')
    .values([
      { id: 1, code: 'S01', name: '市场准入科' },
      { id: 2, code: 'S02', name: '社会事务科' }
    ])
    .execute();
  await writer
    .insertInto('service_points')
    .values({
      id: 1,
      code: 'P01',
      name: '区政务服务中心',
      level: 'district',
      parent_id: null,
      region_code: '510107'
    })
    .execute();
  await writer
    .insertInto('windows')
    .values({ id: 1, code: 'W01', name: '综合受理 1 号窗口', service_point_id: 1, section_id: 1 })
    .execute();
  await writer
    .insertInto('staff')
    .values({
      id: 1,
      staff_no: 'E001',
      name: '张敏',
      window_id: 1,
      section_id: 1,
      position: 'window',
      employment: 'civil_servant',
      active: true
    })
    .execute();
}

export async function insertSampleSource(
  writer: Kysely<SourceDatabase>,
  today = new Date()
): Promise<SampleSource> {
  await insertReferenceRows(writer);
  await writer
    .insertInto('matters')
    .values({
      id: 1,
      code: 'M001',
      name: '食品经营许可',
      department_id: 1,
      section_id: 1,
      kind: 'promised',
      statutory_days: 20,
      promised_days: 10,
      online: true
    })
    .execute();

  const statuses: [CaseStatus, Date, Date | null][] = [
    ['accepted', today, null],
    ['suspended', at('2026-01-05T02:00:00Z'), null],
    ['received', today, null],
    ['concluded', at('2026-01-02T02:00:00Z'), at('2026-01-09T08:00:00Z')],
    ['rejected', at('2026-01-03T02:00:00Z'), null]
  ];
  const newestCaseChange = at('2026-01-10T03:04:05Z');
  await writer
    .insertInto('cases')
    .values(
      statuses.map(([status, receivedAt, concludedAt], i) => ({
        id: i + 1,
        case_no: `SP2026${String(i + 1).padStart(6, '0')}`,
        region_code: '510107',
        matter_id: 1,
        service_point_id: 1,
        window_id: 1,
        channel: 'window' as const,
        applicant_kind: 'person' as const,
        applicant_name: '李四',
        applicant_id_no: '510107199001011234',
        applicant_phone: '13800000000',
        received_at: receivedAt,
        accepted_at: status === 'received' || status === 'rejected' ? null : receivedAt,
        handler_staff_id: 1,
        status,
        decision: status === 'concluded' ? ('approved' as const) : null,
        concluded_at: concludedAt,
        delivered_at: null,
        // The last case carries the newest change; the others are older.
        updated_at: i === statuses.length - 1 ? newestCaseChange : at('2026-01-09T09:00:00Z')
      }))
    )
    .execute();
  await writer
    .insertInto('case_events')
    .values([
      { id: 1, case_id: 1, kind: 'received', occurred_at: today },
      { id: 2, case_id: 1, kind: 'accepted', occurred_at: today },
      { id: 3, case_id: 4, kind: 'concluded', occurred_at: at('2026-01-09T08:00:00Z') }
    ])
    .execute();
  await writer
    .insertInto('ratings')
    .values({
      id: 1,
      case_id: 4,
      staff_id: 1,
      window_id: 1,
      level: 5,
      channel: 'hall_device',
      rated_at: today
    })
    .execute();

  return {
    rows: {
      departments: 1,
      sections: 2,
      service_points: 1,
      windows: 1,
      staff: 1,
      matters: 1,
      cases: statuses.length,
      case_events: 3,
      ratings: 1,
      complaints: 0
    },
    newestCaseChange
  };
}
