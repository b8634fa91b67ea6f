import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deriveMonths } from '../../src/lib/server/appraisal/derive.service';
import { browserTestsEnabled, type BrowserSession } from '../helpers/browser';
import { startBrowserWorld, stopBrowserWorld } from '../helpers/browser-world';
import { loadAppraisalWorld, OCTOBER, SEPTEMBER } from '../helpers/appraisal-world';
import type { ProductServer } from '../helpers/product-server';
import type { TestDatabases } from '../helpers/test-databases';
import { addUser, signInPage } from '../helpers/users';

// The monthly results in Chromium: a leader opens /appraisal, reads September 2025's
// ranking and a person's page, closes the month (closable: the server's today is long
// after 2025-10-14) and sees the frozen results and the awards. September by hand:
// 员工3 1000, 员工2 (chief) 955, 张敏 (E001) 910 → star 员工3, best chief 员工2, red flag W01.

const SHOTS = 'test-results/screenshots';
const enabled = browserTestsEnabled();

describe.runIf(enabled)('the appraisal month in Chromium', () => {
  let t: TestDatabases;
  let server: ProductServer;
  let browser: BrowserSession;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    ({ t, server, browser } = await startBrowserWorld(async (t) => {
      await loadAppraisalWorld(t);
      await deriveMonths(t.db, [SEPTEMBER, OCTOBER]);
      await addUser(t.db, { login: 'director', roles: ['leader'] });
    }));
  });
  afterAll(() => stopBrowserWorld({ t, server, browser }));

  it('shows the ranking and a person, closes September, and the awards appear', async () => {
    const { page } = browser;
    await signInPage(page, server.baseUrl, 'director');
    await page.goto(`${server.baseUrl}/appraisal`);
    await page.getByRole('heading', { name: /千分制考核 · \d{4}年\d+月/ }).waitFor();
    expect(await page.getByRole('status').first().innerText()).toContain('2025年9月已到结账日');
    await page.getByRole('link', { name: '前往结账' }).first().click();
    await page.waitForURL('**/appraisal?month=2025-09');
    await page.getByText('可结账', { exact: true }).waitFor();
    const ranking = page.locator('table.ranking tbody tr');
    expect(await ranking.count()).toBe(3);
    expect(await ranking.nth(0).innerText()).toMatch(/^1\s+E003\s+员工3/);
    expect(await ranking.nth(2).innerText()).toMatch(/910$/);
    await page.waitForTimeout(1200); // let the trend chart finish its first animation
    await page.screenshot({ path: `${SHOTS}/appraisal-month-ranking.png`, fullPage: true });

    await page.getByRole('link', { name: '张敏' }).click();
    await page.waitForURL('**/appraisal/staff/1?month=2025-09');
    await page.getByRole('heading', { name: '张敏（E001）· 2025年9月' }).waitFor();
    const events = page.locator('table.events tbody tr');
    expect(await events.count()).toBe(4);
    expect(await page.locator('table.events').innerText()).toContain('办件超法定时限');
    expect(await page.getByRole('row', { name: /办事效率 250/ }).innerText()).toMatch(/−90\s+否\s+160/);
    await page.waitForTimeout(1200); // let the trend chart finish its first animation
    await page.screenshot({ path: `${SHOTS}/appraisal-month-person.png`, fullPage: true });

    await page.goto(`${server.baseUrl}/appraisal?month=2025-09`);
    await page.getByRole('button', { name: '结账并公布 2025年9月' }).click();
    await page.getByText('2025年9月已结账并公布，结果已冻结。').waitFor();
    await page.getByText('已结账', { exact: true }).waitFor();
    const awards = page.locator('.awards');
    expect(await awards.innerText()).toMatch(/五星级服务明星\s[\s\S]*员工3（E003）/);
    expect(await awards.innerText()).toMatch(/优秀首席代表[\s\S]*员工2（E002）/);
    expect(await awards.innerText()).toMatch(/红旗窗口[\s\S]*综合受理 1 号窗口/);
    await page.waitForTimeout(1200); // let the trend chart finish its first animation
    await page.screenshot({ path: `${SHOTS}/appraisal-month-closed.png`, fullPage: true });

    const month = await t.db.selectFrom('appraisal_months').selectAll().executeTakeFirstOrThrow();
    expect(month).toMatchObject({ month: SEPTEMBER, published: true });
  });

  it('refuses rules whose dimensions do not sum to 1000, field by field', async () => {
    const { page } = browser;
    await page.goto(`${server.baseUrl}/appraisal/rules`);
    await page.getByRole('heading', { name: '考核规则（当前第 1 版）' }).waitFor();
    await page.getByLabel('着装礼仪').fill('160');
    expect(await page.getByText('当前填写合计 1010').count()).toBe(1);
    await page.getByRole('button', { name: '保存为新版本' }).click();
    await page.getByRole('alert').filter({ hasText: '五个维度的分值之和须为 1000（当前为 1010）' }).waitFor();
    await page.screenshot({ path: `${SHOTS}/appraisal-month-rules.png`, fullPage: true });
    expect(await t.db.selectFrom('score_rule_sets').select('id').execute()).toHaveLength(1);
  });
});
