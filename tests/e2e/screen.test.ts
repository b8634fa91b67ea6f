import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemoSource } from '../../src/lib/server/demo/generate-demo';
import { refreshKpiRollups } from '../../src/lib/server/kpis/rollup-refresh.service';
import { runSyncPass } from '../../src/lib/server/sync/sync.service';
import { browserTestsEnabled, launchBrowser, type BrowserSession } from '../helpers/browser';
import { startProductServer, type ProductServer } from '../helpers/product-server';
import { createTestDatabases, type TestDatabases } from '../helpers/test-databases';
import { addRoleUsers, signInCookie, signInPage } from '../helpers/users';

// 大屏: the wall at 1920×1080 with demo data up to now, its own refresh, and how it rides
// out a network outage, a failing server and an expired session. The product server's
// helper picks a new port on every start, so a restart cannot be resumed by the same page:
// the outage is the browser going offline, the failing server a 503 injected on the route.

const SHOTS = 'test-results/screenshots';

describe('the big screen', () => {
  let t: TestDatabases;
  let server: ProductServer;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    t = await createTestDatabases();
    await generateDemoSource(t.urls.sourceWriter, { seed: 5, scale: 0.05, months: 2, now: new Date() });
    await runSyncPass({ databaseUrl: t.urls.product, sourceUrl: t.urls.sourceReader });
    await refreshKpiRollups(t.db, { everything: true });
    // The freshness line reads the last successful sync job.
    await t.db
      .insertInto('job_runs')
      .values({
        job_name: 'sync',
        trigger: 'manual',
        host: 'e2e',
        pid: process.pid,
        status: 'succeeded',
        finished_at: new Date()
      })
      .execute();
    await addRoleUsers(t.db);
    server = await startProductServer({
      DATABASE_URL: t.urls.product,
      SOURCE_DATABASE_URL: t.urls.sourceReader
    });
  });
  afterAll(async () => {
    await server?.stop();
    await t?.destroy();
  });

  it("limits a section head's wall to their section", async () => {
    const cookie = await signInCookie(server.baseUrl, 'section');
    const response = await fetch(`${server.baseUrl}/screen/data`, { headers: { cookie } });
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.scopeLabel).toBe('市场准入审批科');
    expect(body.ranking.map((r: { label: string }) => r.label)).toEqual(['市场准入审批科']);
    expect(body.urgent.every((c: { section: string }) => c.section === '市场准入审批科')).toBe(true);
  });

  it.skipIf(!browserTestsEnabled())(
    'fills 1920×1080, refreshes itself, and recovers from outages',
    async () => {
      let browser: BrowserSession | undefined;
      try {
        browser = await launchBrowser();
        const { page, context } = browser;
        await signInPage(page, server.baseUrl, 'leader');
        await page.setViewportSize({ width: 1920, height: 1080 });
        await page.goto(`${server.baseUrl}/screen?refresh=5`);
        await page.locator('[data-figure="month.received"]').waitFor();
        await page.locator('.trend svg').first().waitFor();
        await page.locator('.ranking svg').first().waitFor();
        await page.waitForTimeout(800); // let the charts finish their first layout
        await page.screenshot({ path: `${SHOTS}/screen.png` });

        // No app chrome, no scroll bars.
        expect(await page.locator('nav').count()).toBe(0);
        expect(await page.getByText('审批效能实时监控', { exact: true }).count()).toBe(1);
        const overflow = await page.evaluate(() => ({
          x: document.documentElement.scrollWidth - window.innerWidth,
          y: document.documentElement.scrollHeight - window.innerHeight
        }));
        expect(overflow).toEqual({ x: 0, y: 0 });
        expect(await page.locator('.fresh').innerText()).toMatch(/数据更新于 \d\d:\d\d:\d\d/);

        const wall = page.locator('.wall');
        const refreshedAt = () => wall.getAttribute('data-refreshed-at');
        const first = await refreshedAt();
        await page.waitForFunction(
          (before) => document.querySelector('.wall')?.getAttribute('data-refreshed-at') !== before,
          first,
          { timeout: 15_000 }
        );

        const banner = page.getByText(/数据连接中断，正在重试…（上次更新 \d\d:\d\d:\d\d）/);
        await context.setOffline(true);
        await banner.waitFor({ timeout: 15_000 });
        expect(await page.locator('[data-figure="month.received"]').count()).toBe(1); // figures stay
        await page.screenshot({ path: `${SHOTS}/screen-offline.png` });
        await context.setOffline(false);
        await banner.waitFor({ state: 'detached', timeout: 15_000 });
        expect(await wall.getAttribute('data-connection')).toBe('live');

        // A server that answers 5xx (restarting behind a proxy) is an outage too.
        await page.route('**/screen/data', (route) => route.fulfill({ status: 503, body: 'restarting' }));
        await banner.waitFor({ timeout: 15_000 });
        await page.unroute('**/screen/data');
        await banner.waitFor({ state: 'detached', timeout: 15_000 });

        // A smaller display scales the wall down instead of scrolling.
        await page.setViewportSize({ width: 1366, height: 768 });
        await page.waitForTimeout(500);
        await page.screenshot({ path: `${SHOTS}/screen-1366.png` });

        // An expired session: a message on the wall, never a sign-in form.
        await t.db.deleteFrom('sessions').execute();
        const notice = page.getByRole('alert');
        await notice.waitFor({ timeout: 15_000 });
        expect(await notice.innerText()).toContain('登录已过期');
        expect(new URL(page.url()).pathname).toBe('/screen');
        expect(await page.locator('input[type="password"]').count()).toBe(0);
        await page.screenshot({ path: `${SHOTS}/screen-signed-out.png` });
      } finally {
        await browser?.close();
      }
    }
  );
});
