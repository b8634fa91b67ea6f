import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bureauToday } from '../../src/lib/server/case-clock/bureau-date';
import { startBrowserWorld, stopBrowserWorld } from '../helpers/browser-world';
import { browserTestsEnabled, type BrowserSession } from '../helpers/browser';
import type { ProductServer } from '../helpers/product-server';
import { loadEvaluationWorld } from '../helpers/evaluation-world';
import type { TestDatabases } from '../helpers/test-databases';
import { signInPage } from '../helpers/users';

// An evaluator of firm F01 on a tablet-sized screen enters a covert visit (a field error
// first, then fixed), the draft survives a reload, the visit is saved, the round is
// submitted and shows locked.

const SHOTS = 'test-results/screenshots';
const enabled = browserTestsEnabled();

describe.runIf(enabled)('covert-visit entry on a tablet in Chromium', () => {
  let t: TestDatabases;
  let server: ProductServer;
  let browser: BrowserSession;
  let roundPath: string;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    ({ t, server, browser } = await startBrowserWorld(async (t) => {
      roundPath = await loadEvaluationWorld(t, bureauToday().slice(0, 7));
    }));
    await browser.page.setViewportSize({ width: 1024, height: 768 });
  });
  afterAll(() => stopBrowserWorld({ t, server, browser }));

  it('enters a visit, keeps the draft over a reload, saves and submits the round', async () => {
    const { page } = browser;
    await signInPage(page, server.baseUrl, 'evaluator');
    await page.goto(`${server.baseUrl}/evaluation`);
    await page.getByRole('link', { name: /年\d+月/ }).click();
    await page.waitForURL(`**${roundPath}`);
    await page.getByRole('link', { name: '录入暗访记录' }).click();
    await page.waitForURL(`**${roundPath}/visits/new`);

    expect(await page.getByLabel('记录编号').inputValue()).toBe('V-001');
    await page.getByLabel('窗口').selectOption('W01');
    await page.getByLabel('暗访时间').fill('10:15');
    await page.getByLabel('咨询的事项').fill('食品经营许可');
    await page.getByLabel(/主动问候/).fill('15');
    await page.getByLabel(/着装规范/).fill('10');
    await page.getByLabel(/一次性告知/).fill('99');
    await page.getByLabel(/答复准确/).fill('30');
    await page.getByLabel(/等候时间/).fill('12');
    await page.getByLabel(/发现的问题/).fill('未主动告知办理时限');
    await page.getByRole('button', { name: '保存' }).click();
    const fieldError = page.getByText('“一次性告知”的得分须为 0 至 25 之间的数（最多一位小数）');
    await fieldError.waitFor();
    await page.screenshot({ path: `${SHOTS}/evaluation-field-error.png`, fullPage: true });

    await page.getByLabel(/一次性告知/).fill('20');
    await page.reload();
    await page.getByText('已恢复上次未保存的草稿').waitFor();
    expect(await page.getByLabel(/一次性告知/).inputValue()).toBe('20');
    expect(await page.getByLabel('咨询的事项').inputValue()).toBe('食品经营许可');
    expect(await page.getByLabel('窗口').inputValue()).toBe('W01');
    await page.screenshot({ path: `${SHOTS}/evaluation-draft-restored.png`, fullPage: true });

    await page.getByRole('button', { name: '保存' }).click();
    await page.waitForURL('**/visits/new?saved=V-001');
    await page.getByText('已保存记录 V-001').waitFor();
    expect(
      await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('evaluation-draft')))
    ).toEqual([]);
    expect(await page.getByLabel('记录编号').inputValue()).toBe('V-002');

    await page.goto(server.baseUrl + roundPath);
    await page.getByRole('button', { name: '提交本轮测评' }).click();
    await page.getByText('请勾选确认').waitFor();
    await page.getByLabel(/确认提交/).check();
    await page.getByRole('button', { name: '提交本轮测评' }).click();
    await page.getByTestId('locked').waitFor();
    expect(await page.getByText('已提交（锁定）').first().isVisible()).toBe(true);
    expect(await page.getByRole('link', { name: '录入暗访记录' }).count()).toBe(0);
    await page.screenshot({ path: `${SHOTS}/evaluation-round-locked.png`, fullPage: true });

    const stored = await t.db.selectFrom('evaluation_visits').selectAll().execute();
    expect(stored).toMatchObject([
      { record_no: 'V-001', waiting_minutes: 12, problems: '未主动告知办理时限' }
    ]);

    await page.goto(`${server.baseUrl}${roundPath}/results`);
    await page.getByText('暗访发现的问题').waitFor();
    await page.screenshot({ path: `${SHOTS}/evaluation-results.png`, fullPage: true });
  });
});
