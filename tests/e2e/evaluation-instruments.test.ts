import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bureauToday } from '../../src/lib/server/case-clock/bureau-date';
import { startBrowserWorld, stopBrowserWorld } from '../helpers/browser-world';
import { browserTestsEnabled, type BrowserSession } from '../helpers/browser';
import type { ProductServer } from '../helpers/product-server';
import { loadEvaluationWorld } from '../helpers/evaluation-world';
import type { TestDatabases } from '../helpers/test-databases';
import { signInPage } from '../helpers/users';

// A leader makes a new instrument version (adds a checklist item with the keyboard, removes
// an aspect, sees a field error first, saves); a round assigned afterwards shows the new
// item in its facility form, the round assigned before does not.

const SHOTS = 'test-results/screenshots';
const enabled = browserTestsEnabled();

function previousMonth(month: string) {
  const [y, m] = month.split('-').map(Number);
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

describe.runIf(enabled)('instrument versions in Chromium', () => {
  let t: TestDatabases;
  let server: ProductServer;
  let browser: BrowserSession;
  let oldRoundPath: string;
  const month = bureauToday().slice(0, 7);

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    ({ t, server, browser } = await startBrowserWorld(async (t) => {
      oldRoundPath = await loadEvaluationWorld(t, previousMonth(month));
    }));
    await browser.page.setViewportSize({ width: 1280, height: 900 });
  });
  afterAll(() => stopBrowserWorld({ t, server, browser }));

  it('saves a new version; only rounds assigned afterwards use it', async () => {
    const { page } = browser;
    await signInPage(page, server.baseUrl, 'leader');
    await page.goto(`${server.baseUrl}/evaluation`);
    await page.getByRole('link', { name: '测评指标' }).click();
    await page.waitForURL('**/evaluation/instruments');
    await page.getByRole('heading', { name: '测评指标（当前第 1 版）' }).waitFor();

    // Keyboard: the add button, then focus lands on the new row's key.
    await page.getByRole('button', { name: '添加检查项目' }).focus();
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe(
      '明察第 9 项编码'
    );
    await page.keyboard.type('wifi');
    await page.keyboard.press('Tab');
    await page.keyboard.type('无线网络');
    await page.getByRole('button', { name: '删除满意度第 6 项' }).click();
    await page.getByLabel('版本名称').fill('2027 年版');
    await page.getByRole('button', { name: '保存为新版本' }).click();

    await page.getByText('分值应为 1 至 100 的整数').waitFor();
    expect(await page.getByLabel('明察第 9 项分值').getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByLabel('明察第 9 项名称').inputValue()).toBe('无线网络');
    expect(await page.getByRole('button', { name: '删除满意度第 6 项' }).count()).toBe(0);
    await page.screenshot({ path: `${SHOTS}/evaluation-instruments-error.png`, fullPage: true });

    await page.getByLabel('明察第 9 项分值').fill('10');
    await page.getByText('满分合计 110 分').waitFor();
    await page.getByRole('button', { name: '保存为新版本' }).click();
    await page.waitForURL('**/evaluation/instruments?saved=1');
    await page.getByText('已保存为第 2 版').waitFor();
    const newest = page.getByTestId('instrument-version').first();
    expect(await newest.locator('.changes').innerText()).toBe(
      '明察：新增 “无线网络”\n满意度：删除 “廉洁办事”'
    );
    await page.screenshot({ path: `${SHOTS}/evaluation-instruments-saved.png`, fullPage: true });

    await page.goto(`${server.baseUrl}/evaluation/rounds/new`);
    await page.getByLabel('测评月份').fill(month);
    await page.getByLabel(/测评机构代码/).fill('F01');
    await page.getByRole('button', { name: /安排/ }).click();
    await page.waitForURL(/\/evaluation\/rounds\/\d+$/);
    const newRoundPath = new URL(page.url()).pathname;
    expect(newRoundPath).not.toBe(oldRoundPath);
    await page.getByRole('button', { name: '退出登录' }).click();
    await page.waitForURL('**/login');

    await signInPage(page, server.baseUrl, 'evaluator');
    await page.goto(`${server.baseUrl}${newRoundPath}/facility/new`);
    await page.getByLabel(/无线网络/).waitFor();
    await page.screenshot({ path: `${SHOTS}/evaluation-instruments-new-round-form.png`, fullPage: true });
    await page.goto(`${server.baseUrl}${oldRoundPath}/facility/new`);
    await page.getByLabel(/环境整洁/).waitFor();
    expect(await page.getByLabel(/无线网络/).count()).toBe(0);
    const refused = await page.goto(`${server.baseUrl}/evaluation/instruments`);
    expect(refused?.status()).toBe(403);
  });
});
