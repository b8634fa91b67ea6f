import { mkdirSync } from 'node:fs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bureauToday } from '../../src/lib/server/case-clock/bureau-date';
import { runSyncPass } from '../../src/lib/server/sync/sync.service';
import { browserTestsEnabled, launchBrowser, type BrowserSession } from '../helpers/browser';
import { startProductServer, type ProductServer } from '../helpers/product-server';
import { insertSampleSource } from '../helpers/source-fixtures';
import { createTestDatabases, type TestDatabases } from '../helpers/test-databases';
import { addRoleUsers, signInPage } from '../helpers/users';

// The administrator's calendar and matter settings in Chromium: 2027 shown as unconfirmed,
// a holiday added with the number of recomputed cases, a year imported from an ICS file
// after its preview, and a matter's warning settings changed.

const SHOTS = 'test-results';

const ICS_2027 = [
  'BEGIN:VCALENDAR',
  'VERSION:2.0',
  'BEGIN:VEVENT',
  'DTSTART;VALUE=DATE:20270101',
  'DTEND;VALUE=DATE:20270104',
  'SUMMARY:元旦 休',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'DTSTART;VALUE=DATE:20270205',
  'DTEND;VALUE=DATE:20270213',
  'SUMMARY:春节 休',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'DTSTART;VALUE=DATE:20270214',
  'SUMMARY:春节 补班',
  'END:VEVENT',
  'END:VCALENDAR'
].join('\r\n');

/** The next Monday–Friday after `date` that is no exception yet. */
async function nextPlainWeekday(t: TestDatabases, date: string): Promise<string> {
  const taken = new Set((await t.db.selectFrom('calendar_days').select('date').execute()).map((d) => d.date));
  const d = new Date(`${date}T00:00:00Z`);
  for (;;) {
    d.setUTCDate(d.getUTCDate() + 1);
    const iso = d.toISOString().slice(0, 10);
    if (d.getUTCDay() !== 0 && d.getUTCDay() !== 6 && !taken.has(iso)) return iso;
  }
}

describe.skipIf(!browserTestsEnabled())('admin: working calendar and matter settings', () => {
  let t: TestDatabases;
  let server: ProductServer;
  let browser: BrowserSession;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    t = await createTestDatabases();
    await insertSampleSource(t.sourceWriter);
    await runSyncPass({ databaseUrl: t.urls.product, sourceUrl: t.urls.sourceReader });
    await addRoleUsers(t.db);
    server = await startProductServer({
      DATABASE_URL: t.urls.product,
      SOURCE_DATABASE_URL: t.urls.sourceReader
    });
    browser = await launchBrowser();
    await signInPage(browser.page, server.baseUrl, 'admin');
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await t?.destroy();
  });

  it('flags 2027 as unconfirmed, adds a holiday and shows how many cases were recomputed', async () => {
    const { page } = browser;
    const date = await nextPlainWeekday(t, bureauToday());
    const year = date.slice(0, 4);
    const spanning = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM case_clock WHERE ${date}::date BETWEEN span_from AND span_to`.execute(
      t.db
    );
    const expected = spanning.rows[0].n;
    expect(expected).toBeGreaterThanOrEqual(1); // the sample's case accepted today

    await page.goto(`${server.baseUrl}/admin/calendar?year=${year}`);
    const row2027 = page.locator('tr[data-year="2027"]');
    expect(await row2027.innerText()).toContain('未确认');
    expect(await page.locator('tr[data-year="2026"]').innerText()).toContain('已确认');
    await page.screenshot({ path: `${SHOTS}/admin-calendar-years.png`, fullPage: true });

    const form = page.locator('form[action*="/setDay"]');
    await form.locator('input[name="date"]').fill(date);
    await form.getByLabel('放假（工作日休息）').check();
    await form.locator('input[name="note"]').fill('临时停电');
    await form.getByRole('button', { name: '保存' }).click();
    const status = page.getByRole('status');
    await status.getByText('已重新计算').waitFor();
    expect(await status.innerText()).toContain(`已将 ${date} 设为放假（临时停电）`);
    expect(await status.locator('.count').innerText()).toBe(String(expected));
    expect(await page.locator(`tr[data-date="${date}"]`).innerText()).toContain('临时停电');
    await page.screenshot({ path: `${SHOTS}/admin-calendar-holiday-added.png`, fullPage: true });

    const audit = await t.db
      .selectFrom('audit_log')
      .select(['action', 'actor_login'])
      .where('entity_id', '=', date)
      .execute();
    expect(audit).toEqual([{ action: 'calendar.day_set', actor_login: 'admin' }]);
  });

  it('imports 2027 from an ICS file after showing the difference', async () => {
    const { page } = browser;
    await page.goto(`${server.baseUrl}/admin/calendar?year=2027`);
    expect(await page.getByRole('note').innerText()).toContain('2027 年的日历尚未确认');
    const form = page.locator('form[enctype="multipart/form-data"]');
    await form
      .locator('input[name="file"]')
      .setInputFiles({ name: 'holidays-2027.ics', mimeType: 'text/calendar', buffer: Buffer.from(ICS_2027) });
    await form.getByRole('button', { name: '预览' }).click();
    const preview = page.locator('.preview');
    await preview.getByText('2027 年导入预览').waitFor();
    // 8 days, unless the first test's holiday (the next weekday after today) fell in 2027 too.
    expect(await preview.innerText()).toMatch(/新增 [78] 天/);
    expect(await preview.innerText()).toContain('2027-02-14（周日）调休上班 · 春节 补班');
    await page.screenshot({ path: `${SHOTS}/admin-calendar-import-preview.png`, fullPage: true });

    await preview.getByRole('button', { name: '确认导入 2027 年' }).click();
    await page.getByRole('status').getByText('已导入 2027 年日历').waitFor();
    expect(await page.locator('tr[data-year="2027"]').innerText()).toContain('已确认');
    expect(await page.locator('tr[data-date="2027-02-14"]').innerText()).toContain('调休上班');
    await page.screenshot({ path: `${SHOTS}/admin-calendar-imported.png`, fullPage: true });
  });

  it('checks a pasted notice against the year and says what is wrong', async () => {
    const { page } = browser;
    await page.goto(`${server.baseUrl}/admin/calendar?year=2028`);
    const form = page.locator('form').filter({ has: page.locator('textarea[name="text"]') });
    await form.locator('select[name="year"]').selectOption('2028');
    await form
      .locator('textarea[name="text"]')
      .fill('一、元旦：1月1日（周五）至3日（周日）放假调休，共3天。1月4日（周一）上班。');
    await form.getByRole('button', { name: '预览' }).click();
    await form.getByText('2028-01-01 是周六').waitFor();
    expect(await form.locator('textarea[name="text"]').inputValue()).toContain('元旦'); // kept for correction
    await page.screenshot({ path: `${SHOTS}/admin-calendar-notice-error.png`, fullPage: true });
    expect(
      await t.db.selectFrom('calendar_days').select('date').where('date', '>=', '2028-01-01').execute()
    ).toEqual([]);
  });

  it("changes a matter's warning settings, with field errors in Chinese", async () => {
    const { page } = browser;
    await page.goto(`${server.baseUrl}/admin/matters`);
    const row = page.locator('tr[data-matter="M001"]');
    expect(await row.innerText()).toContain('10 个工作日');
    await row.locator('input[name="yellowRatio"]').fill('1.5');
    await row.getByRole('button', { name: '保存' }).click();
    await row.getByText('黄灯比例应大于 0 且不超过 1').waitFor();
    await page.screenshot({ path: `${SHOTS}/admin-matters-error.png`, fullPage: true });

    await row.locator('input[name="yellowRatio"]').fill('0.5');
    await row.locator('input[name="yellowDays"]').fill('2');
    await row.getByRole('button', { name: '保存' }).click();
    await page.getByRole('status').getByText('已保存 M001').waitFor();
    expect(await row.innerText()).toContain('已单独设置');
    await page.screenshot({ path: `${SHOTS}/admin-matters-saved.png`, fullPage: true });
    const stored = await t.db
      .selectFrom('matter_settings')
      .select(['matter_id', 'yellow_ratio', 'yellow_days'])
      .execute();
    expect(stored).toEqual([{ matter_id: 1, yellow_ratio: '0.5', yellow_days: 2 }]);
  });
});
