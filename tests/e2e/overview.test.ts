import { mkdirSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserWorld, stopBrowserWorld } from '../helpers/browser-world';
import { browserTestsEnabled, type BrowserSession } from '../helpers/browser';
import { loadKpiWorld } from '../helpers/kpi-world';
import type { ProductServer } from '../helpers/product-server';
import type { TestDatabases } from '../helpers/test-databases';
import { addRoleUsers, signInPage } from '../helpers/users';

// A leader's morning: the overview on the hand-made world of tests/helpers/kpi-world.ts
// (received 7 in the period across National Day 2025, 6 of them in S01), the period and a
// section changed in the filter bar (the URL follows, Back restores), a figure opened as
// its case list, the list exported to Excel and read back, a case opened. Screenshots of
// the overview, the warnings and the case are saved under test-results/screenshots.

const SHOTS = 'test-results/screenshots';

/** Clicks a download link and reads the first sheet's rows (cell values from column A). */
async function downloadSheet(page: Page, link: string): Promise<unknown[][]> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByText(link).click()]);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(await download.path());
  const rows: unknown[][] = [];
  workbook.worksheets[0].eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return rows;
}
const enabled = browserTestsEnabled();

describe.runIf(enabled)('the overview in Chromium', () => {
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

  const received = () =>
    browser.page.locator('a.figure-card', { hasText: '收件量' }).locator('.value').textContent();

  it('changes period and section in the URL, restores them with Back, and drills down to a case', async () => {
    const { page } = browser;
    const scripts: string[] = [];
    page.on('response', (response) => {
      if (response.url().endsWith('.js')) scripts.push(response.url());
    });
    await signInPage(page, server.baseUrl, 'leader');
    await page.goto(`${server.baseUrl}/`);
    await expect.poll(() => page.getByRole('heading', { name: '总览' }).count()).toBe(1);

    // The JavaScript the overview ships (the budget: 350 kB gzipped).
    let shipped = 0;
    for (const url of new Set(scripts)) {
      const body = await (await fetch(url)).arrayBuffer();
      shipped += gzipSync(Buffer.from(body), { level: 9 }).length;
    }
    console.log(`overview JavaScript: ${(shipped / 1024).toFixed(1)} kB gzipped in ${scripts.length} files`);
    expect(shipped).toBeLessThan(350 * 1024);

    // Each change navigates at once: wait for it before the next one.
    await page.getByLabel('统计期间').selectOption('custom');
    await page.waitForURL(/period=custom/);
    await page.getByLabel('开始日期').fill('2025-09-22');
    await page.waitForURL(/from=2025-09-22/);
    await page.getByLabel('结束日期').fill('2025-10-09');
    await page.waitForURL(/from=2025-09-22&to=2025-10-09/);
    await expect.poll(received).toBe('7');
    await page.screenshot({ path: `${SHOTS}/overview.png`, fullPage: true });

    // The figures and the ranking as Excel files of the same period and cut.
    const figures = await downloadSheet(page, '导出指标 Excel');
    expect(figures.find((row) => row[0] === '收件量')?.slice(1, 2)).toEqual([7]);
    expect(figures.find((row) => row[0] === '承诺时限按时办结率（%）')?.slice(1, 4)).toEqual([50, 2, 4]);
    const ranking = await downloadSheet(page, '导出排行 Excel');
    expect(ranking.filter((row) => row[1] === 'S01' || row[1] === 'S02').map((row) => row[2])).toEqual([
      '市场准入科',
      '建设审批科'
    ]);
    // On A4 paper: no filter bar, the period and filters written out.
    await page.emulateMedia({ media: 'print' });
    await page.setViewportSize({ width: 794, height: 1123 });
    expect(await page.getByText('统计期间：2025-09-22 至 2025-10-09；筛选条件：全部').isVisible()).toBe(true);
    expect(await page.getByRole('form', { name: '筛选条件' }).isVisible()).toBe(false);
    await page.screenshot({ path: `${SHOTS}/overview-print.png`, fullPage: true });
    await page.emulateMedia({ media: 'screen' });
    await page.setViewportSize({ width: 1400, height: 900 });

    await page.getByLabel('科室', { exact: true }).selectOption('S01');
    await page.waitForURL(/section=S01/);
    await expect.poll(received).toBe('6');
    await page.goBack();
    await page.waitForURL((url) => !url.search.includes('section='));
    await expect.poll(received).toBe('7');
    expect(await page.getByLabel('科室', { exact: true }).inputValue()).toBe('');

    await page.locator('a.figure-card', { hasText: '收件量' }).click();
    await page.waitForURL(/\/cases\?basis=received/);
    await expect.poll(() => page.locator('tbody tr').count()).toBe(7);
    await expect
      .poll(() => page.getByRole('status').textContent())
      .toContain('期间收件 2025-09-22 至 2025-10-09');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByText('导出 Excel').click()
    ]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(await download.path());
    const sheet = workbook.worksheets[0];
    const values: string[] = [];
    sheet.eachRow((row) => values.push(String(row.getCell(1).value ?? '')));
    const header = values.indexOf('办件编号');
    expect(header).toBeGreaterThanOrEqual(0);
    const caseNumbers = values.slice(header + 1);
    expect(caseNumbers).toHaveLength(7);
    expect(caseNumbers.every((no) => no.startsWith('510107-TEST-'))).toBe(true);

    await page.getByRole('link', { name: '510107-TEST-000009' }).click();
    await page.waitForURL(/\/cases\/510107-TEST-000009/);
    await expect.poll(() => page.getByText('时限计算过程').count()).toBeGreaterThan(0);
    await page.screenshot({ path: `${SHOTS}/case.png`, fullPage: true });
  });

  it('shows the warnings of the open cases', async () => {
    const { page } = browser;
    await page.goto(`${server.baseUrl}/warnings`);
    await expect.poll(() => page.getByRole('heading', { name: '逾期预警' }).count()).toBe(1);
    await page.screenshot({ path: `${SHOTS}/warnings.png`, fullPage: true });
  });
});
