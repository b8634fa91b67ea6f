import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueNotice } from '../../src/lib/server/rectification/rectification.service';
import { caseNo, drawAndReview, insertAuditCases } from '../helpers/audit-world';
import { browserTestsEnabled, type BrowserSession } from '../helpers/browser';
import { startBrowserWorld, stopBrowserWorld } from '../helpers/browser-world';
import type { ProductServer } from '../helpers/product-server';
import type { TestDatabases } from '../helpers/test-databases';
import { addRoleUsers, roleActor, signInCookie, signInPage } from '../helpers/users';

// An inspector opens 督查概览 on the world of tests/helpers/audit-world.ts (seven files
// drawn today, six reviewed, three 不合格) with one overdue notice and one issued today,
// and follows S02's 不合格 count to the reviews list and on to a review.

const SHOTS = 'test-results/screenshots';
const enabled = browserTestsEnabled();

describe.runIf(enabled)('the inspectors overview in Chromium', () => {
  let t: TestDatabases;
  let server: ProductServer;
  let browser: BrowserSession;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    ({ t, server, browser } = await startBrowserWorld(async (t) => {
      await insertAuditCases(t);
      await addRoleUsers(t.db);
      const inspector = await roleActor(t.db, 'inspector');
      const world = await drawAndReview(t, inspector);
      const notice = (sectionRef: number, now: Date) =>
        issueNotice(
          t.db,
          inspector,
          {
            sourceKind: 'review',
            sourceRef: String(world.reviewIds[sectionRef]),
            addresseeKind: 'section',
            addresseeCode: sectionRef === 5 ? 'S02' : 'S01',
            deadlineDays: 10,
            defects: '案卷评查发现的问题'
          },
          now
        );
      expect((await notice(5, new Date('2025-09-29T10:00:00+08:00'))).ok).toBe(true); // long overdue
      expect((await notice(3, new Date())).ok).toBe(true);
    }));
  });
  afterAll(() => stopBrowserWorld({ t, server, browser }));

  it('shows the figures and leads from a band count to the files and their review', async () => {
    const { page } = browser;
    await signInPage(page, server.baseUrl, 'inspector');
    await page.goto(`${server.baseUrl}/audits`);
    await Promise.all([
      page.waitForURL('**/audits/overview'),
      page.getByRole('link', { name: '督查概览' }).click()
    ]);
    const card = (label: string) =>
      page
        .locator('.figure-card')
        .filter({ has: page.locator('.label').getByText(label, { exact: true }) })
        .locator('.value');
    expect(await card('抽中案卷').innerText()).toBe('7');
    expect(await card('已评查').innerText()).toBe('6');
    expect(await card('待评查').innerText()).toBe('1');
    expect(await card('不合格率（抽样）').innerText()).toBe('50.0%');
    expect(await card('本期下发').innerText()).toBe('1');
    expect(await card('当前逾期未核验').innerText()).toBe('1');
    expect(await page.getByTestId('wilson-line').innerText()).toContain('18.8% 至 81.2%');
    expect(await page.getByTestId('overdue-notices').locator('tbody tr').count()).toBe(1);
    expect(await page.getByTestId('accountability-empty').isVisible()).toBe(true);
    // The histogram drew (SVG renderer) next to its data table.
    await page.locator('.echart svg').first().waitFor();
    await page.screenshot({ path: `${SHOTS}/audit-overview-page.png`, fullPage: true });

    const s02 = page.locator('table.bands tbody tr', { hasText: '建设审批科' });
    expect(await s02.locator('td').nth(2).innerText()).toBe('64.8');
    await Promise.all([
      page.waitForURL(/\/audits\/reviews\?.*section=S02.*band=fail/),
      s02.getByTestId('fail-count').getByRole('link').click()
    ]);
    expect(await page.getByTestId('file-count').innerText()).toBe('共 2 份案卷');
    const rows = page.locator('table.files tbody tr');
    // In the order of the draw sheet (by key), not by case number.
    const cases = await rows.locator('td:nth-child(2)').allInnerTexts();
    const scores = await rows.locator('td:nth-child(5)').allInnerTexts();
    expect(cases.map((c, i) => [c, scores[i]]).sort()).toEqual([
      [caseNo(5), '45'],
      [caseNo(7), '59.5']
    ]);
    await page.screenshot({ path: `${SHOTS}/audit-overview-reviews.png`, fullPage: true });

    await Promise.all([
      page.waitForURL(`**/audits/draws/*/cases/${caseNo(7)}`),
      rows
        .filter({ hasText: caseNo(7) })
        .getByRole('link', { name: '评查表' })
        .click()
    ]);

    await page.goto(`${server.baseUrl}/audits/overview`);
    await Promise.all([
      page.waitForURL('**/rectification?state=overdue'),
      page.locator('a.figure-card', { hasText: '当前逾期未核验' }).click()
    ]);
    expect(await page.getByTestId('notice-row').count()).toBe(1);
    await page.screenshot({ path: `${SHOTS}/audit-overview-overdue.png`, fullPage: true });

    // 本期下发: the notices issued this month only (the overdue one dates from 2025).
    await page.goBack();
    await Promise.all([
      page.waitForURL(/\/rectification\?issued_from=/),
      page.getByRole('link', { name: '本期下发 1' }).click()
    ]);
    expect(await page.getByTestId('date-filter').innerText()).toContain('下发于');
    expect(await page.getByTestId('notice-row').count()).toBe(1);
    expect(await page.getByTestId('notice-row').innerText()).toContain('科室 S01');
  });

  it('refuses the overview and the list to a section head', async () => {
    const cookie = await signInCookie(server.baseUrl, 'section');
    for (const path of ['/audits/overview', '/audits/reviews', '/audits/overview/export?format=xlsx']) {
      const response = await fetch(`${server.baseUrl}${path}`, { headers: { cookie }, redirect: 'manual' });
      expect(response.status, path).toBe(403);
    }
  });
});
