import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserTestsEnabled, renderedFonts, type BrowserSession } from '../helpers/browser';
import { startBrowserWorld, stopBrowserWorld } from '../helpers/browser-world';
import { loadKpiWorld } from '../helpers/kpi-world';
import type { ProductServer } from '../helpers/product-server';
import type { TestDatabases } from '../helpers/test-databases';
import { addRoleUsers, signInPage } from '../helpers/users';

// The monthly bulletin end to end: a leader drafts September 2025 of the KPI world, writes
// the commentary, publishes (after the confirmation), finds nothing left to edit, prints
// it to PDF (A4, Chinese fonts, no navigation) and exports it to XLSX.

const SHOTS = 'test-results/screenshots';
const PDF = `${SHOTS}/bulletin.pdf`;
const COMMENTARY = '市场准入科超期办件较多，请于十个工作日内逐件说明原因并整改。';
const enabled = browserTestsEnabled();

/** pdftoppm (poppler-utils) when installed: the PDF's pages as PNG files to look at. */
function pdfPagesToPng(pdf: string, prefix: string): string[] {
  try {
    execFileSync('pdftoppm', ['-png', '-r', '60', pdf, prefix], { stdio: 'ignore' });
  } catch {
    return [];
  }
  const dir = prefix.slice(0, prefix.lastIndexOf('/'));
  const base = prefix.slice(prefix.lastIndexOf('/') + 1);
  return readdirSync(dir).filter((f) => f.startsWith(`${base}-`) && f.endsWith('.png'));
}

describe.runIf(enabled)('the monthly bulletin in Chromium', () => {
  let t: TestDatabases;
  let server: ProductServer;
  let browser: BrowserSession;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    for (const f of readdirSync(SHOTS)) if (f.startsWith('bulletin-page-')) rmSync(`${SHOTS}/${f}`);
    ({ t, server, browser } = await startBrowserWorld(async (t) => {
      await loadKpiWorld(t);
      await addRoleUsers(t.db);
    }));
  });
  afterAll(() => stopBrowserWorld({ t, server, browser }));

  it('a leader drafts, comments, publishes, prints and exports the bulletin', async () => {
    const { page } = browser;
    await signInPage(page, server.baseUrl, 'leader');
    await page.goto(`${server.baseUrl}/bulletins`);
    await page.getByTestId('empty').waitFor();
    await page.getByLabel('通报月份').fill('2025-09');
    await page.getByRole('button', { name: '生成本期草稿' }).click();
    await page.waitForURL(/\/bulletins\/\d+$/);
    const path = new URL(page.url()).pathname;
    expect(await page.getByTestId('bulletin-status').innerText()).toBe('草稿');
    expect(await page.getByTestId('bulletin-document').innerText()).toContain('本月未安排第三方测评');

    await page.getByLabel(/领导点评/).fill(COMMENTARY);
    await page.getByRole('button', { name: '保存点评' }).click();
    await page.getByText('点评已保存').waitFor();
    expect(await page.getByTestId('commentary').innerText()).toContain(COMMENTARY);
    await page.screenshot({ path: `${SHOTS}/bulletin-draft.png`, fullPage: false });

    await page.getByRole('button', { name: '发布通报' }).click();
    expect(await page.getByRole('alert').innerText()).toContain('请先勾选确认');
    await page.getByLabel(/我已核对本期通报/).check();
    await page.getByRole('button', { name: '发布通报' }).click();
    await page.waitForFunction(
      () => document.querySelector('[data-testid="bulletin-status"]')?.textContent === '已发布'
    );
    const year = new Date().getFullYear();
    expect(await page.getByTestId('bulletin-number').innerText()).toMatch(
      new RegExp(`^(${year}|${year + 1})年第1期$`)
    );
    // Nothing left to edit: only a correction.
    expect(await page.getByLabel(/领导点评/).count()).toBe(0);
    expect(await page.getByRole('button', { name: '发布通报' }).count()).toBe(0);
    await page.getByText('发布更正').waitFor();

    // Nobody can edit it through the app: the actions refuse a published bulletin.
    for (const action of ['commentary', 'refresh', 'publish']) {
      const response = await page.request.post(`${server.baseUrl}${path}?/${action}`, {
        form: { commentary: '篡改', confirm: 'yes' },
        headers: { origin: server.baseUrl, accept: 'application/json', 'x-sveltekit-action': 'true' }
      });
      expect(response.status(), action).toBe(409);
      expect((await response.json()).type, action).toBe('error');
    }
    const stored = await t.db.selectFrom('bulletins').select('commentary').executeTakeFirstOrThrow();
    expect(stored.commentary).toBe(COMMENTARY);

    // Print: A4 PDF as Chromium's print-to-PDF makes it, and the print view as a picture.
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.app-header').isVisible()).toBe(false);
    expect(await page.locator('.app-nav').isVisible()).toBe(false);
    expect(await page.getByRole('button', { name: '打印' }).isVisible()).toBe(false);
    await page.screenshot({ path: `${SHOTS}/bulletin-print.png`, fullPage: true });
    expect((await renderedFonts(page, '.heading')).map((f) => f.familyName)).toContain('Noto Sans CJK SC');
    expect((await renderedFonts(page, '.para')).map((f) => f.familyName)).toContain('Noto Serif CJK SC');
    await page.pdf({ path: PDF, preferCSSPageSize: true, printBackground: true });
    await page.emulateMedia({ media: 'screen' });
    const pdf = readFileSync(PDF).toString('latin1');
    expect(pdf.startsWith('%PDF')).toBe(true);
    const pages = [...pdf.matchAll(/\/Type\s*\/Page[^s]/g)].length;
    expect(pages).toBeGreaterThanOrEqual(3); // sections with tables start new pages
    // Every page is A4: 595 × 842 points (Skia writes 594.96 × 841.92).
    const boxes = [...pdf.matchAll(/\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/g)];
    expect(boxes).toHaveLength(pages);
    for (const [, w, h] of boxes) {
      expect(Math.abs(Number(w) - 595)).toBeLessThan(1);
      expect(Math.abs(Number(h) - 842)).toBeLessThan(1);
    }
    if (existsSync('/usr/bin/pdftoppm')) {
      expect(pdfPagesToPng(PDF, `${SHOTS}/bulletin-page`).length).toBe(pages);
    }

    // XLSX: a cover sheet and one sheet per section.
    const xlsx = await page.request.get(`${server.baseUrl}${path}/export`);
    expect(xlsx.status()).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await xlsx.body()) as unknown as ArrayBuffer);
    const names = workbook.worksheets.map((w) => w.name);
    expect(names[0]).toBe('通报');
    expect(names).toContain('一 主要指标');
    expect(names).toHaveLength(10);

    // The list finds it by its commentary.
    await page.goto(`${server.baseUrl}/bulletins?q=${encodeURIComponent('逐件说明')}`);
    expect(await page.getByTestId('bulletin-row').count()).toBe(1);
  });

  it('shows a section head the published bulletin', async () => {
    const { page } = browser;
    await page.getByRole('button', { name: '退出登录' }).click();
    await page.waitForURL('**/login');
    await signInPage(page, server.baseUrl, 'section');
    await page.goto(`${server.baseUrl}/bulletins`);
    expect(await page.getByTestId('bulletin-row').count()).toBe(1);
    expect(await page.getByRole('button', { name: '生成本期草稿' }).count()).toBe(0);
  });
});
