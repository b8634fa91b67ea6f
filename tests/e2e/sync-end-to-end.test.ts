import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../src/lib/server/audit/audit.repository';
import { createApiToken } from '../../src/lib/server/auth/api-tokens.service';
import { createKysely } from '../../src/lib/server/db/connect';
import {
  grantSourceReader,
  provisionDatabases,
  startEmbeddedCluster,
  type EmbeddedCluster
} from '../../src/lib/server/db/embedded';
import { migrateDemoSource } from '../../src/lib/server/db/migrate';
import type { SourceDatabase } from '../../src/lib/server/source/source-tables';
import { startProductServer, type ProductServer } from '../helpers/product-server';
import { runScript } from '../helpers/run-command';
import { insertReferenceRows } from '../helpers/source-fixtures';
import { addUser, signInCookie } from '../helpers/users';
import { createTestDatabases, type TestDatabases } from '../helpers/test-databases';

// The whole engine as an operator runs it: a separate PostgreSQL holds a hand-made
// approval database; `npm run job -- sync` pulls it; the API answers each case with the
// due dates, on-time, colour and flags worked out by hand from time-limits.md.

const at = (iso: string) => new Date(iso);

async function loadHandMadeSource(w: Kysely<SourceDatabase>) {
  await insertReferenceRows(w);
  await w
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
        online: true
      },
      {
        id: 2,
        code: 'M002',
        name: '个体工商户名称变更',
        department_id: 1,
        section_id: 1,
        kind: 'immediate',
        statutory_days: 1,
        promised_days: 0,
        online: true
      }
    ])
    .execute();
  const base = {
    region_code: '510107',
    service_point_id: 1,
    window_id: 1,
    channel: 'window' as const,
    applicant_kind: 'person' as const,
    applicant_name: '李四',
    applicant_id_no: '510107199001011234',
    applicant_phone: '13800000000',
    handler_staff_id: 1,
    delivered_at: null
  };
  const now = new Date();
  const cases = [
    {
      id: 1,
      case_no: 'E2E-1',
      matter_id: 1,
      accepted: '2025-09-26T03:00:00Z',
      concluded: '2025-10-10T07:00:00Z'
    },
    {
      id: 2,
      case_no: 'E2E-2',
      matter_id: 1,
      accepted: '2025-03-03T02:00:00Z',
      concluded: '2025-03-13T07:00:00Z'
    },
    {
      id: 3,
      case_no: 'E2E-3',
      matter_id: 2,
      accepted: '2026-02-13T02:00:00Z',
      concluded: '2026-02-14T03:00:00Z'
    },
    { id: 4, case_no: 'E2E-4', matter_id: 1, accepted: '2026-11-02T02:00:00Z', concluded: null },
    {
      id: 5,
      case_no: 'E2E-5',
      matter_id: 1,
      accepted: '2025-09-26T03:00:00Z',
      concluded: '2025-11-03T07:00:00Z'
    },
    { id: 6, case_no: 'E2E-6', matter_id: 1, accepted: now.toISOString(), concluded: null }
  ];
  await w
    .insertInto('cases')
    .values(
      cases.map((c) => ({
        ...base,
        id: c.id,
        case_no: c.case_no,
        matter_id: c.matter_id,
        received_at: at(c.accepted),
        accepted_at: at(c.accepted),
        status: c.concluded ? ('concluded' as const) : ('accepted' as const),
        decision: c.concluded ? ('approved' as const) : null,
        concluded_at: c.concluded ? at(c.concluded) : null
      }))
    )
    .execute();
  let id = 0;
  const event = (
    case_id: number,
    kind: SourceDatabase['case_events']['kind'],
    iso: string,
    days: number | null = null
  ) => ({
    id: ++id,
    case_id,
    kind,
    occurred_at: at(iso),
    staff_id: 1,
    days
  });
  await w
    .insertInto('case_events')
    .values([
      ...cases.map((c) => event(c.id, 'accepted', c.accepted)),
      ...cases.filter((c) => c.concluded).map((c) => event(c.id, 'concluded', c.concluded!)),
      event(2, 'correction_requested', '2025-03-04T02:00:00Z'),
      event(2, 'correction_received', '2025-03-06T02:00:00Z'),
      event(5, 'extended', '2025-11-05T02:00:00Z', 5) // after the statutory due date 10-30: invalid
    ])
    .execute();
}

describe('sync end to end: a separate source database, npm run job -- sync, the case API', () => {
  let sourceCluster: EmbeddedCluster;
  let sourceDir: string;
  let t: TestDatabases;
  let server: ProductServer;
  let token: string;

  beforeAll(async () => {
    sourceDir = mkdtempSync(path.join(os.tmpdir(), 'oversight-e2e-source-'));
    sourceCluster = await startEmbeddedCluster({
      baseDir: sourceDir,
      preferredPort: 58000 + Math.floor(Math.random() * 500)
    });
    await provisionDatabases(sourceCluster, { product: 'unused', source: 'approval' });
    const writer = createKysely<SourceDatabase>(sourceCluster.url('approval'), { max: 2 });
    await migrateDemoSource(writer);
    await grantSourceReader(sourceCluster.url('approval'), 'approval');
    await loadHandMadeSource(writer.withSchema('approval'));
    await writer.destroy();

    t = await createTestDatabases();
    const env = {
      DATABASE_URL: t.urls.product,
      SOURCE_DATABASE_URL: sourceCluster.url('approval', 'reader')
    };
    const sync = await runScript('scripts/job.ts', ['sync'], env, 120_000);
    expect(sync.code, sync.stdout + sync.stderr).toBe(0);
    ({ token } = await createApiToken(t.db, SYSTEM_ACTOR, 'e2e'));
    await addUser(t.db, { login: 'leader', roles: ['leader'] });
    server = await startProductServer(env);
  });
  afterAll(async () => {
    await server?.stop();
    await t?.destroy();
    await sourceCluster?.stop();
    if (sourceDir) rmSync(sourceDir, { recursive: true, force: true });
  });

  const api = async (path: string) => {
    const response = await fetch(server.baseUrl + path, { headers: { authorization: `Bearer ${token}` } });
    expect(response.status, path).toBe(200);
    return response.json();
  };

  it.each([
    // Worked example: Fri 09-26 + 5 WD = 10-10 (Sun 09-28 works; 10-01..10-08 off).
    [
      'E2E-1',
      {
        accepted_on: '2025-09-26',
        concluded_on: '2025-10-10',
        promised: { limit_days: 5, due_on: '2025-10-10', on_time: true },
        statutory: { limit_days: 20, due_on: '2025-10-30', on_time: true },
        colour: null,
        flags: []
      }
    ],
    // Worked example: stop opened 03-04, closed 03-06; 03-05 and 03-06 not counted; due 03-12, concluded 03-13.
    [
      'E2E-2',
      {
        accepted_on: '2025-03-03',
        promised: { limit_days: 5, due_on: '2025-03-12', on_time: false },
        statutory: { limit_days: 20, due_on: '2025-04-02', on_time: true },
        colour: null,
        flags: []
      }
    ],
    // 即办件 accepted Fri 02-13, concluded on make-up Saturday 02-14: not the same day.
    [
      'E2E-3',
      {
        accepted_on: '2026-02-13',
        promised: { limit_days: 0, due_on: '2026-02-13', on_time: false },
        statutory: { limit_days: 1, due_on: '2026-02-14', on_time: true },
        colour: null,
        flags: ['immediate_not_same_day']
      }
    ],
    // Open since Mon 2026-11-02, promised due Mon 11-09: red from 11-10 on.
    [
      'E2E-4',
      {
        accepted_on: '2026-11-02',
        concluded_on: null,
        promised: { limit_days: 5, due_on: '2026-11-09', on_time: null },
        statutory: { limit_days: 20, due_on: '2026-11-30', on_time: null },
        colour: 'red'
      }
    ],
    // Extension logged 11-05, after the statutory due date 10-30: invalid, extends nothing.
    [
      'E2E-5',
      {
        promised: { limit_days: 5, due_on: '2025-10-10', on_time: false },
        statutory: { limit_days: 20, due_on: '2025-10-30', on_time: false },
        flags: ['invalid_extension']
      }
    ]
  ])('%s has the deadlines worked out by hand', async (caseNo, expected) => {
    expect(await api(`/api/v1/cases/${caseNo}`)).toMatchObject({ case_no: caseNo, ...expected });
  });

  it('shows a case accepted today as green, with no verdict yet', async () => {
    expect(await api('/api/v1/cases/E2E-6')).toMatchObject({
      colour: 'green',
      promised: { on_time: null },
      elapsed_days: 0
    });
  });

  it('lists the open case past its promised deadline in GET /api/v1/overdue', async () => {
    const body = await api('/api/v1/overdue?basis=promised');
    expect(body.cases.map((c: { case_no: string }) => c.case_no)).toEqual(['E2E-4']);
    expect(body.cases[0]).toMatchObject({ due_on: '2026-11-09' });
    expect(body.cases[0].overdue_days).toBeGreaterThan(0);
  });

  it('answers a bad parameter with a 400 naming it', async () => {
    const response = await fetch(`${server.baseUrl}/api/v1/overdue?basis=weekly`, {
      headers: { authorization: `Bearer ${token}` }
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { code: 'bad_parameter', parameter: 'basis' } });
  });

  it('lights the warnings page: the red case listed, the green one counted as open', async () => {
    const cookie = await signInCookie(server.baseUrl, 'leader');
    const html = await (await fetch(`${server.baseUrl}/warnings`, { headers: { cookie } })).text();
    const tile = (label: string) =>
      new RegExp(`<span[^>]*>${label}</span><strong[^>]*>(\\d+)</strong>`).exec(html)?.[1];
    expect(tile('在办件')).toBe('2'); // E2E-4 and E2E-6
    expect(tile('红灯（逾期）')).toBe('1'); // E2E-4
    expect(html).toContain('E2E-4');
    expect(html).toMatch(/逾期 \d+ 个工作日/);
    expect(html).toContain('无效延长'); // E2E-5's flag, counted among the clock's flags
  });
});
