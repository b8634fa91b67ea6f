import { mkdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bureauToday } from '../../src/lib/server/case-clock/bureau-date';
import { startBrowserWorld, stopBrowserWorld } from '../helpers/browser-world';
import { browserTestsEnabled, type BrowserSession } from '../helpers/browser';
import type { ProductServer } from '../helpers/product-server';
import { loadEvaluationWorld } from '../helpers/evaluation-world';
import type { TestDatabases } from '../helpers/test-databases';
import { signInPage } from '../helpers/users';

// An evaluator of firm F01 downloads the questionnaire template, uploads a CSV with one bad
// row, sees the row/column error, uploads the fixed file, confirms, sees the rows counted
// on the round page, and submits the round.

const SHOTS = 'test-results/screenshots';
const enabled = browserTestsEnabled();

describe.runIf(enabled)('bulk import of questionnaires in Chromium', () => {
  let t: TestDatabases;
  let server: ProductServer;
  let browser: BrowserSession;
  let roundPath: string;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    ({ t, server, browser } = await startBrowserWorld(async (t) => {
      roundPath = await loadEvaluationWorld(t, bureauToday().slice(0, 7));
    }));
  });
  afterAll(() => stopBrowserWorld({ t, server, browser }));

  it('downloads the template, sees a bad row, fixes it, imports and submits', async () => {
    const { page } = browser;
    await signInPage(page, server.baseUrl, 'evaluator');
    await page.goto(server.baseUrl + roundPath);
    await page.getByRole('link', { name: '批量导入' }).last().click();
    await page.waitForURL(`**${roundPath}/import?instrument=surveys`);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'CSV 模板' }).click()
    ]);
    const template = readFileSync((await download.path())!, 'utf8');
    const header = template.replace(/^\uFEFF/, '').trim();
    expect(header.split(',')).toEqual(
      expect.arrayContaining(['记录编号', '服务点编码', '调查日期', '总体满意度', '廉洁办事'])
    );

    // Rows follow the downloaded header, whatever its order.
    const today = bureauToday();
    const columns = header.split(',');
    const row = (no: number, overall: string) =>
      columns
        .map(
          (h) =>
            ({
              记录编号: `Q-${no}`,
              服务点编码: no % 2 ? 'P01' : 'P02',
              调查日期: today,
              调查渠道: '现场',
              办件编号: '',
              总体满意度: overall
            })[h] ?? '4'
        )
        .join(',');
    const file = (bad: boolean) => ({
      name: '满意度问卷.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(
        '\uFEFF' +
          [header, ...[1, 2, 3, 4, 5].map((n) => row(n, bad && n === 4 ? '7' : '5'))].join('\r\n') +
          '\r\n'
      )
    });

    await page.getByLabel('文件（CSV 或 XLSX）').setInputFiles(file(true));
    await page.getByRole('button', { name: '上传并校验' }).click();
    const issues = page.getByTestId('import-issues');
    await issues.waitFor();
    expect(await issues.locator('tbody tr').allInnerTexts()).toEqual([
      '第 5 行\t总体满意度\t请选择“总体满意度”的满意程度'
    ]);
    expect(await page.getByTestId('valid-count').innerText()).toBe('4');
    await page.screenshot({ path: `${SHOTS}/evaluation-import-error.png`, fullPage: true });

    await page.getByLabel('文件（CSV 或 XLSX）').setInputFiles(file(false));
    expect(await page.getByTestId('import-report').count()).toBe(0);
    await page.getByRole('button', { name: '上传并校验' }).click();
    await page.getByRole('button', { name: '确认导入 5 行' }).waitFor();
    expect(await page.getByTestId('import-issues').count()).toBe(0);
    await page.screenshot({ path: `${SHOTS}/evaluation-import-preview.png`, fullPage: true });
    expect(await t.db.selectFrom('evaluation_surveys').select('id').execute()).toEqual([]);

    await page.getByRole('button', { name: '确认导入 5 行' }).click();
    await page.getByTestId('import-done').waitFor();
    expect(await page.getByTestId('import-done').innerText()).toContain('已保存 5 条记录');
    await page.screenshot({ path: `${SHOTS}/evaluation-import-done.png`, fullPage: true });

    await page.getByRole('link', { name: '返回本轮测评' }).click();
    await page.waitForURL(`**${roundPath}`);
    await page.getByText('5 条满意度问卷').waitFor();
    await page.getByLabel(/确认提交/).check();
    await page.getByRole('button', { name: '提交本轮测评' }).click();
    await page.getByTestId('locked').waitFor();
    expect(await page.getByRole('link', { name: '批量导入' }).count()).toBe(0);
    await page.screenshot({ path: `${SHOTS}/evaluation-import-submitted.png`, fullPage: true });
    expect(
      await t.db.selectFrom('evaluation_surveys').select('record_no').orderBy('record_no').execute()
    ).toEqual([1, 2, 3, 4, 5].map((n) => ({ record_no: `Q-${n}` })));
  });
});
