import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserWorld, stopBrowserWorld } from '../helpers/browser-world';
import { drawSample } from '../../src/lib/server/case-audits/sampling';
import { browserTestsEnabled, type BrowserSession } from '../helpers/browser';
import { loadKpiWorld, P1 } from '../helpers/kpi-world';
import type { ProductServer } from '../helpers/product-server';
import type { TestDatabases } from '../helpers/test-databases';
import { valueTypedBeforeHydration } from '../helpers/hydration';
import { addRoleUsers, addUser, signInCookie, signInPage } from '../helpers/users';

// An inspector's spot check on the hand-made world of tests/helpers/kpi-world.ts: four
// cases concluded across National Day 2025 (1, 2, 3 in S01; 9 in S02). The inspector
// plans with a seed announced beforehand, draws, prints the sheet and checks it on the
// verify page. A second inspector belongs to S01, so is passed over for S01's cases.

const SHOTS = 'test-results/screenshots';
const SEED = '20251010 局务会';
const enabled = browserTestsEnabled();
const caseNo = (id: number) => `510107-TEST-${String(id).padStart(6, '0')}`;

describe.runIf(enabled)('sampled audits in Chromium', () => {
  let t: TestDatabases;
  let server: ProductServer;
  let browser: BrowserSession;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    ({ t, server, browser } = await startBrowserWorld(async (t) => {
      await loadKpiWorld(t);
      await addRoleUsers(t.db);
      await addUser(t.db, {
        login: 'zhao.jj',
        displayName: '赵纪检',
        roles: ['inspector'],
        sectionCodes: ['S01']
      });
    }));
  });
  afterAll(() => stopBrowserWorld({ t, server, browser }));

  it('plans with an entered seed, draws, prints the sheet and verifies it', async () => {
    const { page } = browser;
    await signInPage(page, server.baseUrl, 'inspector');
    expect(new URL(page.url()).pathname).toBe('/audits');
    expect(await page.getByText('还没有抽查计划').isVisible()).toBe(true);

    await page.getByRole('link', { name: '新建抽查计划' }).first().click();
    await page.waitForURL('**/audits/plans/new');
    // A mistake first: the form says what is wrong, field by field.
    await page.getByLabel('种子', { exact: true }).fill('');
    await page.getByRole('button', { name: '保存计划' }).click();
    await page.getByRole('alert').waitFor();
    expect(await page.getByText('请填写计划名称').isVisible()).toBe(true);
    expect(await page.getByText('请填写随机种子').isVisible()).toBe(true);

    await page.getByLabel('计划名称').fill('2025年国庆前后办件抽查');
    await page.getByLabel('起', { exact: true }).fill(P1.from);
    await page.getByLabel('止', { exact: true }).fill(P1.to);
    await page.getByLabel('抽查比例（%）').fill('5');
    await page.getByLabel('每层最少（件）').fill('1');
    await page.getByLabel('种子', { exact: true }).fill(SEED);
    await Promise.all([
      page.waitForURL(/\/audits\/plans\/\d+$/),
      page.getByRole('button', { name: '保存计划' }).click()
    ]);
    expect(await page.locator('code.seed').innerText()).toBe(SEED);

    await Promise.all([
      page.waitForURL(/\/audits\/draws\/\d+$/),
      page.getByRole('button', { name: '抽取' }).click()
    ]);
    const expected = drawSample({ seed: SEED, rate: 0.05, minimum: 1 }, [
      { caseNo: caseNo(1), stratum: 'S01' },
      { caseNo: caseNo(2), stratum: 'S01' },
      { caseNo: caseNo(3), stratum: 'S01' },
      { caseNo: caseNo(9), stratum: 'S02' }
    ]);
    const wanted = expected.strata.flatMap((s) => s.drawn.map((d) => d.caseNo));
    const rows = page.locator('table.cases tbody tr');
    await expect.poll(() => rows.count()).toBe(2);
    expect(await rows.locator('td:nth-child(3)').allInnerTexts()).toEqual(wanted);
    expect(await page.getByRole('link', { name: wanted[0] }).getAttribute('href')).toBe(
      `/cases/${wanted[0]}`
    );
    // 赵纪检 belongs to S01: never the reviewer of S01's case.
    expect(await rows.first().locator('td:nth-child(7)').innerText()).toContain('纪检监察员');
    expect(await page.getByText('4 件，抽中 2 件').isVisible()).toBe(true);
    await page.screenshot({ path: `${SHOTS}/audit-draw.png`, fullPage: true });

    await page.emulateMedia({ media: 'print' });
    await page.setViewportSize({ width: 794, height: 1123 });
    expect(await page.getByRole('button', { name: '打印' }).isVisible()).toBe(false);
    expect(await page.getByRole('navigation', { name: '主导航' }).isVisible()).toBe(false);
    expect(await page.getByText('抽取人（签字）').isVisible()).toBe(true);
    await page.screenshot({ path: `${SHOTS}/audit-draw-print.png`, fullPage: true });
    await page.emulateMedia({ media: 'screen' });
    await page.setViewportSize({ width: 1400, height: 900 });

    await Promise.all([
      page.waitForURL(/\/audits\/verify\?draw=\d+$/),
      page.getByRole('link', { name: '核验' }).click()
    ]);
    await page.getByLabel('随机种子').fill(SEED);
    await page.getByRole('button', { name: '重新计算并比对' }).click();
    const verdict = page.getByRole('status', { name: '核验结果' }).locator('.verdict');
    await expect.poll(() => verdict.innerText()).toBe('一致');
    await page.screenshot({ path: `${SHOTS}/audit-verify.png`, fullPage: true });
    await page.getByLabel('随机种子').fill('20251011 局务会');
    await page.getByRole('button', { name: '重新计算并比对' }).click();
    await expect.poll(() => verdict.innerText()).toBe('不一致');
  });

  it('keeps a seed typed on the verify page before the page came to life', async () => {
    const cookie = await signInCookie(server.baseUrl, 'inspector');
    const browserOf = browser.page.context().browser()!;
    const typed = await valueTypedBeforeHydration(
      browserOf,
      `${server.baseUrl}/audits/verify`,
      '随机种子',
      SEED,
      cookie
    );
    expect(typed).toBe(SEED);
  });

  it('lets a leader view the plan but not draw from it', async () => {
    const cookie = await signInCookie(server.baseUrl, 'leader');
    const view = await fetch(`${server.baseUrl}/audits/plans/1`, { headers: { cookie } });
    expect(view.status).toBe(200);
    expect(await view.text()).not.toContain('>抽取</button>');
    const draw = await fetch(`${server.baseUrl}/audits/plans/1?/draw`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie, origin: server.baseUrl, 'content-type': 'application/x-www-form-urlencoded' },
      body: ''
    });
    expect(draw.status).toBe(403);
    const draws = await t.db.selectFrom('audit_draws').select('id').execute();
    expect(draws).toHaveLength(1);
  });
  it('lets the drawn inspector review a file: a legality defect scores 0, 不合格', async () => {
    const { page } = browser;
    await page.goto(`${server.baseUrl}/audits/draws/1`);
    const first = page.locator('table.cases tbody tr').first();
    const drawnCase = await first.locator('td:nth-child(3)').innerText();
    expect(await first.locator('td:nth-child(9)').innerText()).toContain('未评查');
    await Promise.all([
      page.waitForURL(`**/audits/draws/1/cases/${drawnCase}`),
      first.getByRole('link', { name: '评查' }).click()
    ]);
    expect(await page.getByRole('heading', { name: '办理过程' }).isVisible()).toBe(true);

    // A deduction without a note is refused, item by item.
    await page.getByLabel('受理 扣分').fill('2');
    await page.getByRole('button', { name: '保存草稿' }).click();
    await page.locator('.field-error').first().waitFor();
    expect(await page.getByText('受理：扣分须写明发现的问题').isVisible()).toBe(true);

    await page.getByLabel('受理 发现的问题').fill('受理登记缺少申请材料清单');
    await page.getByRole('button', { name: '保存草稿' }).click();
    await page.getByText('草稿已保存。').waitFor();
    expect(await page.getByTestId('live-score').innerText()).toBe('98');

    await page.getByLabel('决定 发现的问题').fill('超越法定权限作出许可决定');
    await page.getByLabel('决定 合法性问题').check();
    await expect.poll(() => page.getByTestId('live-score').innerText()).toBe('0');
    expect(await page.locator('.total').innerText()).toContain('不合格');
    await page.screenshot({ path: `${SHOTS}/audit-review.png`, fullPage: true });

    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: '提交' }).click();
    await page.getByText('评查已提交。').waitFor();
    const review = page.getByTestId('submitted-review');
    expect(await review.innerText()).toContain('0 分');
    expect(await review.innerText()).toContain('不合格');
    expect(await page.getByRole('button', { name: '更正评查' }).isVisible()).toBe(true);

    await page.goto(`${server.baseUrl}/audits/draws/1`);
    const cell = page.locator('table.cases tbody tr').first().locator('td:nth-child(9)');
    expect(await cell.innerText()).toContain('0 分 不合格');

    // A leader sees the submitted review but has no form.
    const cookie = await signInCookie(server.baseUrl, 'leader');
    const view = await fetch(`${server.baseUrl}/audits/draws/1/cases/${drawnCase}`, { headers: { cookie } });
    expect(view.status).toBe(200);
    const html = await view.text();
    expect(html).toContain('不合格');
    expect(html).not.toContain('保存草稿');
    const rows = await t.db.selectFrom('audit_reviews').select(['status', 'score', 'band']).execute();
    expect(rows).toEqual([{ status: 'submitted', score: '0.0', band: 'fail' }]);
  });
});
