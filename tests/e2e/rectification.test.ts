import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserWorld, stopBrowserWorld } from '../helpers/browser-world';
import type { Actor } from '../../src/lib/server/audit/audit.repository';
import { createPlan, drawPlan } from '../../src/lib/server/case-audits/draw.service';
import { checkPlanForm } from '../../src/lib/server/case-audits/plan-form';
import { submitReview } from '../../src/lib/server/case-audits/review.service';
import { browserTestsEnabled, type BrowserSession } from '../helpers/browser';
import { loadKpiWorld } from '../helpers/kpi-world';
import type { ProductServer } from '../helpers/product-server';
import type { TestDatabases } from '../helpers/test-databases';
import { addRoleUsers, signInPage } from '../helpers/users';

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
      const user = await t.db
        .selectFrom('users')
        .select('id')
        .where('login', '=', 'inspector')
        .executeTakeFirstOrThrow();
      const inspector: Actor = { userId: user.id, login: 'inspector', roles: ['inspector'] };
      const checked = checkPlanForm(
        {
          title: '整改测试',
          periodFrom: '2025-09-01',
          periodTo: '2025-10-31',
          sectionCodes: ['S01'],
          matterCodes: [],
          strata: 'none',
          ratePercent: '0',
          minimum: '1',
          reviewersPerCase: '1',
          seedMode: 'entered',
          seed: 'rectification-e2e'
        },
        {
          sections: (await t.db.selectFrom('sections').select('code').execute()).map((s) => s.code),
          matters: (await t.db.selectFrom('matters').select('code').execute()).map((m) => m.code)
        }
      );
      if (!('plan' in checked)) throw new Error(JSON.stringify(checked.errors));
      const drawId = await drawPlan(t.db, inspector, await createPlan(t.db, inspector, checked.plan));
      const drawn = await t.db
        .selectFrom('audit_draw_cases')
        .select('case_no')
        .where('draw_id', '=', drawId)
        .executeTakeFirstOrThrow();
      const outcome = await submitReview(t.db, inspector, { drawId, caseNo: drawn.case_no }, [
        { item: 'notification', deducted: 5, defect: '未一次性告知补正材料' }
      ]);
      expect(outcome.ok).toBe(true);
      reviewPath = `/audits/draws/${drawId}/cases/${encodeURIComponent(drawn.case_no)}`;
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
