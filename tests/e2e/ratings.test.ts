import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserWorld, stopBrowserWorld } from '../helpers/browser-world';
import { browserTestsEnabled, type BrowserSession } from '../helpers/browser';
import { loadKpiWorld } from '../helpers/kpi-world';
import type { ProductServer } from '../helpers/product-server';
import type { TestDatabases } from '../helpers/test-databases';
import { addRoleUsers, signInPage } from '../helpers/users';

// 好差评 in Chromium: a leader opens the rating figures of the KPI world's period, drills to
// the bad ratings, appeals one as a malicious rating; an inspector accepts the appeal and the
// rating leaves the appraisal (rating_exclusions). Then the complaints page.

const SHOTS = 'test-results/screenshots';
const PERIOD = 'period=custom&from=2025-09-22&to=2025-10-09';
const enabled = browserTestsEnabled();

describe.runIf(enabled)('ratings and complaints in Chromium', () => {
  let t: TestDatabases;
  let server: ProductServer;
  let browser: BrowserSession;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    ({ t, server, browser } = await startBrowserWorld(async (t) => {
      await loadKpiWorld(t);
      await addRoleUsers(t.db);
    }));
  });
  afterAll(() => stopBrowserWorld({ t, server, browser }));

  it('drills from the figures to a bad rating, appeals it and has the appeal decided', async () => {
    const { page } = browser;
    await signInPage(page, server.baseUrl, 'leader');
    await page.goto(`${server.baseUrl}/ratings?${PERIOD}`);
    await page.getByRole('heading', { name: '好差评' }).waitFor();
    expect(await page.getByRole('table', { name: /各窗口评价情况/ }).innerText()).toContain('W03');
    await page.screenshot({ path: `${SHOTS}/ratings-overview.png`, fullPage: true });

    await page.getByRole('link', { name: '差评清单与标记 ›' }).click();
    await page.waitForURL('**/ratings/bad?*');
    expect(await page.getByTestId('bad-rating-row').count()).toBe(2);
    await page.screenshot({ path: `${SHOTS}/ratings-bad-list.png`, fullPage: true });

    await page.getByTestId('bad-rating-row').first().getByRole('link', { name: '详情与标记' }).click();
    await page.waitForURL('**/ratings/bad/2');
    await page.getByLabel('申诉为恶意评价').check();
    await page.getByRole('button', { name: '提交标记' }).click();
    expect(await page.getByRole('alert').innerText()).toBe('请写明申诉理由');
    await page.getByLabel('申诉为恶意评价').check();
    await page.getByLabel(/说明/).fill('同一号码当日多次给出差评，评价内容与办件无关');
    await page.getByRole('button', { name: '提交标记' }).click();
    await page.waitForFunction(() =>
      document.querySelector('[data-testid="mark-state"]')?.textContent?.includes('恶意评价申诉待裁定')
    );
    // The appellant cannot decide their own appeal: no form is offered.
    expect(await page.getByRole('button', { name: '提交标记' }).count()).toBe(0);
    await page.getByRole('button', { name: '退出登录' }).click();
    await page.waitForURL('**/login');

    await signInPage(page, server.baseUrl, 'inspector');
    await page.goto(`${server.baseUrl}/ratings/bad/2`);
    await page.getByLabel('申诉成立').check();
    await page.getByLabel(/裁定理由/).fill('经调取评价记录核实，系恶意评价');
    await page.getByRole('button', { name: '提交标记' }).click();
    await page.waitForFunction(() =>
      document.querySelector('[data-testid="mark-state"]')?.textContent?.includes('申诉成立')
    );
    await page.screenshot({ path: `${SHOTS}/ratings-appeal-decided.png`, fullPage: true });
    const excluded = await t.db.selectFrom('rating_exclusions').select('rating_id').execute();
    expect(excluded.map((e) => String(e.rating_id))).toEqual(['2']);

    await page.goto(`${server.baseUrl}/complaints?${PERIOD}`);
    expect(await page.getByTestId('complaint-row').count()).toBe(2);
    expect(await page.getByRole('link', { name: '下发整改通知' }).count()).toBe(2);
    await page.screenshot({ path: `${SHOTS}/ratings-complaints.png`, fullPage: true });
  });
});
