import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserWorld, stopBrowserWorld } from '../helpers/browser-world';
import { reviewOneKpiFile } from '../helpers/audit-plan';
import { browserTestsEnabled, type BrowserSession } from '../helpers/browser';
import { loadKpiWorld } from '../helpers/kpi-world';
import type { ProductServer } from '../helpers/product-server';
import type { TestDatabases } from '../helpers/test-databases';
import { addRoleUsers, roleActor, signInPage } from '../helpers/users';

// A rectification notice end to end: an inspector issues one from a submitted review
// (the link on the review page), the head of S01 responds, the inspector verifies.

const SHOTS = 'test-results/screenshots';
const enabled = browserTestsEnabled();

describe.runIf(enabled)('rectification notices in Chromium', () => {
  let t: TestDatabases;
  let server: ProductServer;
  let browser: BrowserSession;
  let reviewPath: string;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    ({ t, server, browser } = await startBrowserWorld(async (t) => {
      await loadKpiWorld(t);
      await addRoleUsers(t.db);
      const { drawId, caseNo } = await reviewOneKpiFile(
        t.db,
        await roleActor(t.db, 'inspector'),
        { title: '整改测试', seed: 'rectification-e2e' },
        [{ item: 'notification', deducted: 5, defect: '未一次性告知补正材料' }]
      );
      reviewPath = `/audits/draws/${drawId}/cases/${encodeURIComponent(caseNo)}`;
    }));
  });
  afterAll(() => stopBrowserWorld({ t, server, browser }));

  it('issues from a review, the section head responds, the inspector verifies', async () => {
    const { page } = browser;
    await signInPage(page, server.baseUrl, 'inspector');
    await page.goto(server.baseUrl + reviewPath);
    await page.getByRole('button', { name: '下发整改通知' }).click();
    await page.waitForURL('**/rectification/new?review=*');
    expect(await page.getByLabel('需要整改的问题').inputValue()).toContain('未一次性告知补正材料');
    expect(await page.getByLabel(/整改对象代码/).inputValue()).toBe('S01');
    await page.getByRole('button', { name: '下发' }).click();
    await page.waitForURL(/\/rectification\/\d+$/);
    const noticePath = new URL(page.url()).pathname;
    expect(await page.getByTestId('notice-state').innerText()).toContain('待整改');
    await page.getByRole('button', { name: '退出登录' }).click();
    await page.waitForURL('**/login');

    await signInPage(page, server.baseUrl, 'section');
    await page.goto(server.baseUrl + '/rectification');
    expect(await page.getByTestId('notice-row').count()).toBe(1);
    await page.goto(server.baseUrl + noticePath);
    await page.getByRole('button', { name: '提交回复' }).click();
    expect(await page.getByRole('alert').innerText()).toBe('请填写整改情况');
    await page.getByLabel('整改情况').fill('已组织窗口人员学习一次性告知制度');
    await page.getByRole('button', { name: '提交回复' }).click();
    await page.getByText('已回复待核验').waitFor();
    await page.getByRole('button', { name: '退出登录' }).click();
    await page.waitForURL('**/login');

    await signInPage(page, server.baseUrl, 'inspector');
    await page.goto(server.baseUrl + noticePath);
    await page.getByLabel('核验意见或退回理由').fill('整改到位');
    await page.getByRole('button', { name: '核验通过' }).click();
    await page.getByText('核验通过', { exact: false }).last().waitFor();
    await page.waitForFunction(() =>
      document.querySelector('[data-testid="notice-state"]')?.textContent?.includes('已核验')
    );
    await page.screenshot({ path: `${SHOTS}/rectification.png`, fullPage: true });
    const events = await t.db.selectFrom('rectification_events').select('kind').orderBy('id').execute();
    expect(events.map((e) => e.kind)).toEqual(['responded', 'verified']);
  });
});
