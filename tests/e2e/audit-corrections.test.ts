import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planAndDraw } from '../helpers/audit-plan';
import { startBrowserWorld, stopBrowserWorld } from '../helpers/browser-world';
import { browserTestsEnabled, type BrowserSession } from '../helpers/browser';
import { loadKpiWorld, P1 } from '../helpers/kpi-world';
import type { ProductServer } from '../helpers/product-server';
import type { TestDatabases } from '../helpers/test-databases';
import { addRoleUsers, roleActor, signInPage } from '../helpers/users';

// An inspector makes a new scoresheet version (a mistake first: the total must be 100),
// then voids a draw; the header links to the reminders page.

const SHOTS = 'test-results/screenshots';
const enabled = browserTestsEnabled();

describe.runIf(enabled)('audit corrections in Chromium', () => {
  let t: TestDatabases;
  let server: ProductServer;
  let browser: BrowserSession;
  let drawId: number;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    ({ t, server, browser } = await startBrowserWorld(async (t) => {
      await loadKpiWorld(t);
      await addRoleUsers(t.db);
      ({ drawId } = await planAndDraw(
        t.db,
        await roleActor(t.db, 'inspector'),
        { title: '作废测试计划', seed: 'e2e-void', periodFrom: P1.from, periodTo: P1.to, minimum: '2' },
        { sections: ['S01', 'S02'], matters: [] }
      ));
    }));
  });
  afterAll(() => stopBrowserWorld({ t, server, browser }));

  it('saves a new template version after a total that is not 100', async () => {
    const { page } = browser;
    await signInPage(page, server.baseUrl, 'inspector');
    await page.goto(`${server.baseUrl}/audits/templates`);
    await page.getByRole('button', { name: '删除第 9 项' }).click();
    await page.getByRole('button', { name: '保存为新版本' }).click();
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').innerText()).toContain('现为 90 分');
    await page.getByLabel('第 3 项分值').fill('35');
    await page.getByRole('button', { name: '第 3 项上移' }).click();
    await page.getByLabel('模板名称').fill('案卷评查表（2026 版）');
    await page.getByRole('button', { name: '保存为新版本' }).click();
    await page.getByText('已保存为新版本。').waitFor();
    await expect.poll(() => page.getByTestId('template-version').count()).toBe(2);
    expect(await page.getByTestId('template-version').first().innerText()).toContain(
      '第 2 版：案卷评查表（2026 版）'
    );
    await page.screenshot({ path: `${SHOTS}/audit-templates.png`, fullPage: true });
  });

  it('voids a draw with a reason, after a confirmation', async () => {
    const { page } = browser;
    page.once('dialog', (dialog) => void dialog.accept());
    await page.goto(`${server.baseUrl}/audits/draws/${drawId}`);
    await page.getByLabel('作废理由').fill('抽查期间填写有误');
    await page.getByRole('button', { name: '作废抽取单' }).click();
    await page.getByTestId('draw-void').waitFor();
    expect(await page.getByTestId('draw-void').innerText()).toContain('抽查期间填写有误');
    await page.screenshot({ path: `${SHOTS}/audit-draw-void.png`, fullPage: true });
    await page.getByTestId('reminder-link').click();
    await page.waitForURL('**/reminders');
    expect(await page.getByText('目前没有提醒。').isVisible()).toBe(true);
  });
});
