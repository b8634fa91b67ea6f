import { mkdirSync } from 'node:fs';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SourceDatabase } from '../../src/lib/server/source/source-tables';
import { runSyncPass } from '../../src/lib/server/sync/sync.service';
import { browserTestsEnabled, launchBrowser, type BrowserSession } from '../helpers/browser';
import { startProductServer, type ProductServer } from '../helpers/product-server';
import { insertSampleSource } from '../helpers/source-fixtures';
import { createTestDatabases, type TestDatabases } from '../helpers/test-databases';
import { addRoleUsers, signInCookie, signInPage } from '../helpers/users';

// Cases: row scope by section, masked personal data on the page, the API and the
// export, the audited reveal, and the deadline trace of a case with a stop over a holiday.

const SHOTS = 'test-results';
const ID_NO = '510107199001011234';
const at = (iso: string) => new Date(iso);

/** A case of section S02 (outside the section head's scope) and a case with a stop over National Day 2025. */
async function addCases(writer: Kysely<SourceDatabase>) {
  await writer
    .insertInto('matters')
    .values({
      id: 2,
      code: 'M002',
      name: '民办学校设立审批',
      department_id: 1,
      section_id: 2,
      kind: 'promised',
      statutory_days: 20,
      promised_days: 5,
      online: false
    })
    .execute();
  const base = {
    region_code: '510107',
    service_point_id: 1,
    window_id: 1,
    channel: 'window' as const,
    applicant_kind: 'person' as const,
    applicant_name: '王五',
    applicant_id_no: ID_NO,
    applicant_phone: '13912345678',
    handler_staff_id: 1,
    decision: null,
    concluded_at: null,
    delivered_at: null
  };
  await writer
    .insertInto('cases')
    .values([
      {
        ...base,
        id: 99,
        case_no: 'SP2026000099',
        matter_id: 2,
        received_at: at('2026-11-20T02:00:00Z'),
        accepted_at: at('2026-11-20T02:00:00Z'),
        status: 'accepted'
      },
      // Accepted Fri 2025-09-26; correction requested Mon 09-29, materials back Tue 09-30.
      {
        ...base,
        id: 100,
        case_no: 'SP2025000100',
        matter_id: 2,
        received_at: at('2025-09-26T02:00:00Z'),
        accepted_at: at('2025-09-26T03:00:00Z'),
        status: 'concluded',
        decision: 'approved',
        concluded_at: at('2025-10-14T07:00:00Z')
      }
    ])
    .execute();
  await writer
    .insertInto('case_events')
    .values([
      { id: 990, case_id: 99, kind: 'accepted', occurred_at: at('2026-11-20T02:00:00Z') },
      { id: 1000, case_id: 100, kind: 'received', occurred_at: at('2025-09-26T02:00:00Z') },
      { id: 1001, case_id: 100, kind: 'accepted', occurred_at: at('2025-09-26T03:00:00Z'), staff_id: 1 },
      {
        id: 1002,
        case_id: 100,
        kind: 'correction_requested',
        occurred_at: at('2025-09-29T02:00:00Z'),
        staff_id: 1,
        note: '补充营业执照副本'
      },
      { id: 1003, case_id: 100, kind: 'correction_received', occurred_at: at('2025-09-30T06:00:00Z') },
      { id: 1004, case_id: 100, kind: 'concluded', occurred_at: at('2025-10-14T07:00:00Z'), staff_id: 1 }
    ])
    .execute();
}

describe('cases: scope, masking and the deadline trace', () => {
  let t: TestDatabases;
  let server: ProductServer;
  const cookies: Record<string, string> = {};

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    t = await createTestDatabases();
    await insertSampleSource(t.sourceWriter);
    await addCases(t.sourceWriter);
    await runSyncPass({ databaseUrl: t.urls.product, sourceUrl: t.urls.sourceReader });
    await addRoleUsers(t.db);
    server = await startProductServer({
      DATABASE_URL: t.urls.product,
      SOURCE_DATABASE_URL: t.urls.sourceReader
    });
    for (const login of ['leader', 'inspector', 'section', 'admin'])
      cookies[login] = await signInCookie(server.baseUrl, login);
  });
  afterAll(async () => {
    await server?.stop();
    await t?.destroy();
  });

  const get = (path: string, login: string) =>
    fetch(server.baseUrl + path, { headers: { cookie: cookies[login] }, redirect: 'manual' });

  it("keeps a section head out of another section's case, whatever number is typed", async () => {
    expect((await get('/cases/SP2026000001', 'section')).status).toBe(200);
    expect((await get('/cases/SP2026000099', 'section')).status).toBe(404);
    expect((await get('/api/v1/cases/SP2026000099', 'section')).status).toBe(404);
    expect((await get('/cases/SP2026000099', 'leader')).status).toBe(200);
    const list = await (await get('/cases', 'section')).text();
    expect(list).toContain('SP2026000001');
    expect(list).not.toContain('SP2026000099');
    const forged = await (await get('/cases?section=S02', 'section')).text();
    expect(forged).not.toContain('SP2026000099');
    const csv = await (await get('/cases/export?section=S02', 'section')).text();
    expect(csv).not.toContain('SP2026000099');
  });

  it('masks ID numbers and phones on the page, in the API and in the export', async () => {
    const pageHtml = await (await get('/cases/SP2026000099', 'leader')).text();
    expect(pageHtml).toContain('510107********1234');
    expect(pageHtml).toContain('139****5678');
    expect(pageHtml).not.toContain(ID_NO);
    expect(pageHtml).not.toContain('13912345678');

    const api = await (await get('/api/v1/cases/SP2026000099', 'inspector')).json();
    expect(api.applicant).toMatchObject({ id_no: '510107********1234', phone: '139****5678' });
    expect(JSON.stringify(api)).not.toContain(ID_NO);

    const csv = await get('/cases/export', 'leader');
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const bytes = new Uint8Array(await csv.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // the BOM Excel needs
    const text = new TextDecoder().decode(bytes);
    expect(text).toContain('510107********1234');
    expect(text).not.toContain(ID_NO);
    expect(text.split('\r\n')[0]).toContain('办件编号');
  });

  it('answers the case API as interfaces.md describes', async () => {
    const body = await (await get('/api/v1/cases/SP2025000100', 'leader')).json();
    expect(body).toMatchObject({
      case_no: 'SP2025000100',
      status: 'concluded',
      matter_code: 'M002',
      section_code: 'S02',
      accepted_on: '2025-09-26',
      concluded_on: '2025-10-14',
      colour: null,
      flags: []
    });
    // Promised 5 WD from Fri 09-26: 09-28 (Sun, make-up) and 09-29 count; the stop takes 09-30;
    // National Day 10-01..10-08 is off; 10-09, 10-10 count; Sat 10-11 is a make-up day: due 10-11.
    expect(body.promised).toEqual({ limit_days: 5, due_on: '2025-10-11', on_time: false });
    expect(body.statutory.on_time).toBe(true);
    expect(Array.isArray(body.trace)).toBe(true);
  });

  it.skipIf(!browserTestsEnabled())(
    'lets an inspector reveal personal data, and audits it; shows the trace',
    async () => {
      let browser: BrowserSession | undefined;
      try {
        browser = await launchBrowser();
        const { page } = browser;
        await signInPage(page, server.baseUrl, 'inspector');
        await page.goto(`${server.baseUrl}/cases/SP2025000100`);
        const trace = await page.locator('ol.trace').innerText();
        expect(trace).toContain('受理日');
        expect(trace).toMatch(/10月1日至10月8日/);
        expect(trace).toMatch(/补正/);
        await page.screenshot({ path: `${SHOTS}/case-trace.png`, fullPage: true });
        expect(await page.locator('main').innerText()).not.toContain(ID_NO);
        await page.getByRole('button', { name: /查看完整个人信息/ }).click();
        await page.getByText('本次查看已记入审计日志').waitFor();
        expect(await page.locator('main').innerText()).toContain(ID_NO);
        const entries = await t.db
          .selectFrom('audit_log')
          .select(['action', 'entity_id', 'actor_login'])
          .where('action', '=', 'personal_data.reveal')
          .execute();
        expect(entries).toEqual([
          { action: 'personal_data.reveal', entity_id: 'SP2025000100', actor_login: 'inspector' }
        ]);
      } finally {
        await browser?.close();
      }
    }
  );

  it('shows the sync progress per relation on the status page', async () => {
    const html = await (await get('/admin/status', 'admin')).text();
    expect(html).toContain('同步进度');
    expect(html).toMatch(/办件<\/th>\s*<td class="num[^"]*">7<\/td>/); // 5 sample cases + 2 of this test
    expect(html).toContain('已追平');
  });

  it('refuses the reveal to a leader (no raw personal data)', async () => {
    const response = await fetch(`${server.baseUrl}/cases/SP2026000099?/reveal`, {
      method: 'POST',
      headers: {
        cookie: cookies.leader,
        origin: server.baseUrl,
        accept: 'text/html',
        'content-type': 'application/x-www-form-urlencoded'
      },
      body: ''
    });
    expect(response.status).toBe(403);
    expect(await response.text()).not.toContain(ID_NO);
  });
});
