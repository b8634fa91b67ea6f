import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { Database } from '../../src/lib/server/db/database';
import type { CaseStatus, SourceDatabase } from '../../src/lib/server/source/source-tables';
import { runSyncPass, type SyncOptions, type SyncPassResult } from '../../src/lib/server/sync/sync.service';
import type { TestDatabases } from './test-databases';

// A small approval world for the sync tests: one of each reference row, two matters
// (promised 5 / statutory 20 WD, and a 即办件), and helpers to add cases and events.

export const T0 = '2025-03-01T09:00:00+08:00';

export async function insertReferenceWorld(writer: Kysely<SourceDatabase>, updatedAt = T0): Promise<void> {
  await writer
    .insertInto('departments')
    .values({ id: 1, code: 'D01', name: '市场监督管理局', updated_at: updatedAt })
    .execute();
  await writer
    .insertInto('sections')
    .values({ id: 1, code: 'S01', name: '市场准入科', updated_at: updatedAt })
    .execute();
  await writer
    .insertInto('service_points')
    .values([
      {
        id: 1,
        code: 'P01',
        name: '区政务服务中心',
        level: 'district',
        parent_id: null,
        region_code: '510107',
        updated_at: updatedAt
      },
      {
        id: 2,
        code: 'P02',
        name: '石羊街道便民服务中心',
        level: 'street',
        parent_id: 1,
        region_code: '510108',
        updated_at: updatedAt
      }
    ])
    .execute();
  await writer
    .insertInto('windows')
    .values([
      {
        id: 1,
        code: 'W01',
        name: '综合受理 1 号窗口',
        service_point_id: 1,
        section_id: 1,
        updated_at: updatedAt
      },
      {
        id: 2,
        code: 'W02',
        name: '街道综合窗口',
        service_point_id: 2,
        section_id: null,
        updated_at: updatedAt
      }
    ])
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
      active: true,
      updated_at: updatedAt
    })
    .execute();
  await writer
    .insertInto('matters')
    .values([
      {
        id: 1,
        code: 'M001',
        name: '食品经营许可',
        department_id: 1,
        section_id: 1,
        kind: 'promised',
        statutory_days: 20,
        promised_days: 5,
        online: true,
        updated_at: updatedAt
      },
      {
        id: 2,
        code: 'M002',
        name: '个体工商户变更登记',
        department_id: 1,
        section_id: 1,
        kind: 'immediate',
        statutory_days: 5,
        promised_days: 0,
        online: true,
        updated_at: updatedAt
      }
    ])
    .execute();
}

export interface CaseSpec {
  id: number;
  matterId?: number;
  status?: CaseStatus;
  receivedAt?: string;
  acceptedAt?: string | null;
  concludedAt?: string | null;
  updatedAt?: string;
  regionCode?: string;
  channel?: string;
}

export async function insertCase(writer: Kysely<SourceDatabase>, spec: CaseSpec): Promise<void> {
  const status = spec.status ?? 'accepted';
  await writer
    .insertInto('cases')
    .values({
      id: spec.id,
      case_no: `510107-TEST-${String(spec.id).padStart(6, '0')}`,
      region_code: spec.regionCode ?? '510107',
      matter_id: spec.matterId ?? 1,
      service_point_id: 1,
      window_id: 1,
      channel: (spec.channel ?? 'window') as 'window',
      applicant_kind: 'person',
      applicant_name: '李四',
      applicant_id_no: '510107199001011234',
      applicant_phone: '13800000000',
      received_at: spec.receivedAt ?? T0,
      accepted_at: spec.acceptedAt === undefined ? (spec.receivedAt ?? T0) : spec.acceptedAt,
      handler_staff_id: 1,
      status,
      decision: status === 'concluded' ? 'approved' : null,
      concluded_at: spec.concludedAt ?? null,
      delivered_at: null,
      updated_at: spec.updatedAt ?? spec.receivedAt ?? T0
    })
    .execute();
}

export interface EventSpec {
  id: number;
  caseId: number;
  kind: string;
  at: string;
  days?: number | null;
  procedure?: string | null;
  updatedAt?: string;
}

export async function insertEvents(writer: Kysely<SourceDatabase>, events: EventSpec[]): Promise<void> {
  await writer
    .insertInto('case_events')
    .values(
      events.map((e) => ({
        id: e.id,
        case_id: e.caseId,
        kind: e.kind as 'received',
        occurred_at: e.at,
        staff_id: 1,
        procedure: (e.procedure ?? null) as null,
        days: e.days ?? null,
        note: null,
        updated_at: e.updatedAt ?? e.at
      }))
    )
    .execute();
}

/** A pass against the test databases (the product through the app role, the source read-only). */
export function syncOnce(t: TestDatabases, options: SyncOptions = {}): Promise<SyncPassResult> {
  return runSyncPass({
    databaseUrl: t.urls.product,
    sourceUrl: t.urls.sourceReader,
    sourceSchema: 'approval',
    evaluationDate: '2025-03-20',
    ...options
  });
}

export const SYNCED_TABLES = [
  'departments',
  'sections',
  'service_points',
  'windows',
  'staff',
  'matters',
  'cases',
  'case_events',
  'ratings',
  'complaints',
  'case_clock'
] as const;

/** md5 of every synced table's rows (all columns, synced_at and computed_at included), in id order. */
export async function productFingerprint(db: Kysely<Database>): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const table of SYNCED_TABLES) {
    const key = table === 'case_clock' ? 'case_id' : 'id';
    const result = await sql<{ digest: string | null; n: number }>`
      SELECT md5(coalesce(string_agg(t::text, E'\n' ORDER BY t.${sql.ref(key)}), '')) AS digest, count(*)::int AS n
      FROM ${sql.table(table)} t`.execute(db);
    out[table] = `${result.rows[0].n}:${result.rows[0].digest}`;
  }
  return out;
}

export async function watermarks(db: Kysely<Database>): Promise<Record<string, string | null>> {
  const rows = await sql<{ relation: string; watermark: string | null }>`
    SELECT relation, to_char(watermark AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US') AS watermark
    FROM sync_watermarks ORDER BY relation`.execute(db);
  return Object.fromEntries(rows.rows.map((r) => [r.relation, r.watermark]));
}
