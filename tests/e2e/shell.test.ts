import { existsSync, mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handlerPath, runBuild } from '../../scripts/lib/build';
import type { JobRunStatus } from '../../src/lib/server/db/database';
import { browserTestsEnabled, launchBrowser, renderedFonts, type BrowserSession } from '../helpers/browser';
import { startProductServer, type ProductServer } from '../helpers/product-server';
import { insertSampleSource } from '../helpers/source-fixtures';
import { adminQuery, createTestDatabases, type TestDatabases } from '../helpers/test-databases';
import { addUser, signInCookie, signInPage } from '../helpers/users';

// The first screen in real Chromium against the product as `npm start` serves it:
// the shell, the overview, the system status page and the health API.

const SHOTS = 'test-results';
const CJK_FONT = /CJK|Source Han|PingFang|YaHei|WenQuanYi/i;

describe.skipIf(!browserTestsEnabled())('application shell in Chromium', () => {
  let t: TestDatabases | undefined;
  let server: ProductServer | undefined;
  let browser: BrowserSession | undefined;
  let page: Page;
  /** Session cookie of the signed-in user, for the API calls made outside the browser. */
  let cookie: string;
  /** Console errors and uncaught exceptions (a CSP violation shows up here). */
  const browserErrors: string[] = [];

  const open = async (path: string) => {
    const response = await page.goto(server!.baseUrl + path, { waitUntil: 'networkidle' });
    expect(response?.status(), `${path} status`).toBe(200);
    expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
  };
  const shoot = (name: string, fullPage = false) =>
    page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage });

  beforeAll(async () => {
    if (!existsSync(handlerPath)) await runBuild(); // npm test builds first; a lone run may not have
    mkdirSync(SHOTS, { recursive: true });
    t = await createTestDatabases();
    await insertSampleSource(t.sourceWriter);
    const run = (
      job_name: string,
      status: JobRunStatus,
      minutesAgo: number,
      finished: number | null,
      extra = {}
    ) => ({
      job_name,
      trigger: job_name === 'source-check' ? ('startup' as const) : ('schedule' as const),
      status,
      started_at: new Date(Date.now() - minutesAgo * 60_000),
      finished_at: finished === null ? null : new Date(Date.now() - finished * 60_000),
      host: 'e2e',
      pid: 1,
      ...extra
    });
    await t.db
      .insertInto('job_runs')
      .values([
        run('source-check', 'succeeded', 30, 29.9, { message: '数据源符合契约' }),
        run('sync', 'failed', 10, 9.5, { error: 'Connection terminated unexpectedly' }),
        run('sync', 'running', 1, null)
      ])
      .execute();
    server = await startProductServer({
      DATABASE_URL: t.urls.product,
      SOURCE_DATABASE_URL: t.urls.sourceReader
    });
    // A leader who is also the administrator sees both the overview and the status page.
    await addUser(t.db, { login: 'chief', displayName: '张局长', roles: ['leader', 'admin'] });
    browser = await launchBrowser();
    page = browser.page;
    await signInPage(page, server.baseUrl, 'chief');
    cookie = await signInCookie(server.baseUrl, 'chief');
    page.on('console', (message) => {
      // The 404 test's own document load is logged as an error; anything else counts.
      if (message.type() === 'error' && !message.text().includes('status of 404')) {
        browserErrors.push(message.text());
      }
    });
    page.on('pageerror', (error) => browserErrors.push(error.message));
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await t?.destroy();
  });

  it('renders the overview in Chinese, with a CJK font, saying that nothing is synced yet', async () => {
    await open('/');
    expect(await page.title()).toBe('总览 · 审批效能监督平台');
    await expect(page.locator('header').innerText()).resolves.toContain('示范区行政审批局');
    expect(await page.locator('main h1').innerText()).toBe('总览');
    // Nothing synced into this database: the figures say what to wait for.
    expect(await page.locator('main').innerText()).toContain('尚未完成首次数据同步');

    const fonts = await renderedFonts(page, '.app-header .product');
    expect(fonts.map((f) => f.familyName).join(', ')).toMatch(CJK_FONT);
    // Fallback evidence: four CJK ideographs in a CJK font are about four ems wide.
    const width = await page.locator('.app-header .product').evaluate((el) => {
      const probe = document.createElement('span');
      probe.textContent = '审批效能';
      probe.style.font = getComputedStyle(el).font;
      document.body.append(probe);
      const ratio = probe.getBoundingClientRect().width / parseFloat(getComputedStyle(el).fontSize);
      probe.remove();
      return ratio;
    });
    expect(width).toBeGreaterThan(3.5);
    await shoot('overview');
  });

  it('is usable from the keyboard: skip link first, then the navigation', async () => {
    await open('/');
    await page.keyboard.press('Tab');
    const skip = page.locator(':focus');
    expect(await skip.innerText()).toBe('跳到主要内容');
    const box = await skip.boundingBox();
    expect(box && box.y >= 0 && box.height > 0).toBe(true); // visible once focused
    await shoot('skip-link-focused');

    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');

    await open('/');
    // skip link, brand, 提醒, 修改密码, 退出登录, 总览
    for (let i = 0; i < 6; i++) await page.keyboard.press('Tab');
    const focused = page.locator(':focus');
    expect(await focused.innerText()).toBe('总览');
    expect(await focused.evaluate((el) => getComputedStyle(el).outlineStyle)).not.toBe('none');
    await shoot('nav-focused');

    // Follow 系统状态 by keyboard alone. The marker survives only a client-side navigation,
    // which proves the app hydrated under the strict CSP.
    await page.evaluate(() => Object.assign(window, { __sameDocument: true }));
    await page.locator('nav a', { hasText: '系统状态' }).focus();
    await page.keyboard.press('Enter');
    await page.waitForURL('**/admin/status');
    await page.locator('main h1', { hasText: '系统状态' }).waitFor();
    await expect(page.locator('nav a[aria-current="page"]').innerText()).resolves.toBe('系统状态');
    expect(await page.evaluate(() => (window as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
  });

  it('shows the system status: databases, contract, row counts and job runs', async () => {
    await open('/admin/status');
    expect(await page.title()).toBe('系统状态 · 审批效能监督平台');
    const text = await page.locator('main').innerText();
    expect(text).toContain('平台数据库');
    expect(text.match(/连接正常/g)).toHaveLength(2);
    expect(text).toContain('符合契约');
    expect(text).toMatch(/PostgreSQL \d+/);
    expect(text).toContain('2026-01-10 11:04:05'); // the sample's newest case change, bureau time
    const casesRow = page.locator('.row-counts tr', { hasText: 'approval.cases' });
    expect(await casesRow.innerText()).toMatch(/办件\s+approval\.cases\s+5\s+精确计数/);
    const statuses = await page.locator('.job-runs tbody tr td:nth-child(3)').allInnerTexts();
    expect(statuses.map((s) => s.trim())).toEqual(['运行中', '失败', '成功']);
    expect(text).toContain('Connection terminated unexpectedly');
    await shoot('status', true);
  });

  it('fits a narrow screen without sideways scrolling of the page', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    try {
      await open('/admin/status');
      await shoot('status-narrow', true);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
    } finally {
      await page.setViewportSize({ width: 1366, height: 900 });
    }
  });

  it('answers an unknown address with a Chinese 404 page inside the shell', async () => {
    const response = await page.goto(`${server!.baseUrl}/no-such-page`);
    expect(response?.status()).toBe(404);
    expect(await page.locator('main h1').innerText()).toBe('页面不存在');
    expect(await page.locator('nav[aria-label="主导航"]').isVisible()).toBe(true);
  });

  it('hides the navigation when printing', async () => {
    await open('/admin/status');
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('nav[aria-label="主导航"]').isVisible()).toBe(false);
    expect(await page.locator('main h1').isVisible()).toBe(true);
    await shoot('status-print', true);
    await page.emulateMedia({ media: 'screen' });
  });

  it('answers GET /api/v1/health as interfaces.md describes', async () => {
    const response = await fetch(`${server!.baseUrl}/api/v1/health`, { headers: { cookie } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('application/json');
    const body = await response.json();
    expect(Object.keys(body).sort()).toEqual(['database', 'jobs', 'source_lag_seconds']);
    expect(body.database).toBe('ok');
    expect(body.jobs).toEqual([
      {
        name: 'source-check',
        last_started_at: expect.any(String),
        last_status: 'succeeded',
        last_error: null
      },
      { name: 'sync', last_started_at: expect.any(String), last_status: 'running', last_error: null }
    ]);
    expect(body.source_lag_seconds).toBeNull(); // nothing synced in this test (NO_SCHEDULER)
  });

  it('ran every page without script errors (e.g. CSP violations)', () => {
    expect(browserErrors).toEqual([]);
  });

  it('still renders the status page, saying so, when the source becomes unreachable', async () => {
    await adminQuery(`REVOKE CONNECT ON DATABASE "${t!.names.source}" FROM approval_reader`);
    await adminQuery(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND usename = 'approval_reader'`,
      [t!.names.source]
    );
    await open('/admin/status');
    const text = await page.locator('main').innerText();
    expect(text).toContain('审批数据源无法连接');
    expect(text).toContain('平台数据库');
    expect(text).not.toMatch(/\n\s+at /); // a message, not a stack
    await shoot('status-source-unreachable', true);

    const health = await (await fetch(`${server!.baseUrl}/api/v1/health`, { headers: { cookie } })).json();
    expect(health).toMatchObject({ database: 'ok', source_lag_seconds: null });
  });
});
