import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decide } from '../../src/lib/server/accountability/accountability.service';
import { proposeOverdue } from '../helpers/accountability-records';
import { auditActions } from '../helpers/audit-log';
import { browserTestsEnabled, renderedFonts, type BrowserSession } from '../helpers/browser';
import { startBrowserWorld, stopBrowserWorld } from '../helpers/browser-world';
import { loadKpiWorld } from '../helpers/kpi-world';
import type { ProductServer } from '../helpers/product-server';
import type { TestDatabases } from '../helpers/test-databases';
import { addRoleUsers, roleActor, signInPage } from '../helpers/users';

// The administrator renames an accountability level in Chromium: a clash is refused with
// the typed names kept, then the rename is saved and audited. A record decided at that
// level before the rename still shows the old name to the leader; new proposals offer the
// new one (docs/rules/accountability.md "Levels and grounds").

const SHOTS = 'test-results/screenshots';

describe.runIf(browserTestsEnabled())('admin: accountability level names in Chromium', () => {
  let t: TestDatabases;
  let server: ProductServer;
  let browser: BrowserSession;
  let recordId: number;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    ({ t, server, browser } = await startBrowserWorld(async (t) => {
      await loadKpiWorld(t);
      await addRoleUsers(t.db);
      const inspector = await roleActor(t.db, 'inspector');
      recordId = await proposeOverdue(t.db, inspector, 2);
      const leader = await roleActor(t.db, 'leader');
      await decide(t.db, leader, recordId, { outcome: 'decided', level: 2, reason: '同意' });
    }));
  });
  afterAll(() => stopBrowserWorld({ t, server, browser }));

  it('refuses a name already taken, keeps what was typed, then saves the rename', async () => {
    const { page } = browser;
    const base = server.baseUrl;
    await signInPage(page, base, 'admin');
    await page.goto(`${base}/admin`);
    await page.locator('#main').getByRole('link', { name: '追责级别' }).click();
    await page.waitForURL('**/admin/accountability-levels');
    expect(await page.getByRole('note').innerText()).toContain('级别的序号和轻重顺序固定');
    expect(await page.locator('tr[data-level]').count()).toBe(7);

    await page.getByLabel('第 2 级名称').fill('诫勉谈话');
    await page.getByLabel('第 3 级名称').fill('警告提醒');
    await page.getByRole('button', { name: '保存名称' }).click();
    await page.getByText('与第 1 级重名，各级名称不能相同').waitFor();
    expect(await page.getByLabel('第 2 级名称').inputValue()).toBe('诫勉谈话');
    expect(await page.getByLabel('第 3 级名称').inputValue()).toBe('警告提醒');
    expect(await page.getByLabel('第 3 级名称').getAttribute('aria-invalid')).toBe('true');
    await page.screenshot({ path: `${SHOTS}/admin-accountability-levels-error.png`, fullPage: true });

    await page.getByLabel('第 3 级名称').fill('通报批评');
    await page.getByRole('button', { name: '保存名称' }).click();
    const status = page.getByRole('status');
    await status.getByText('已保存 1 个级别的新名称').waitFor();
    expect(await status.innerText()).toContain('第 2 级：「警示谈话」改为「诫勉谈话」');
    expect(await page.getByLabel('第 2 级名称').inputValue()).toBe('诫勉谈话');
    expect((await renderedFonts(page, 'h1')).map((f) => f.familyName)).toContain('Noto Sans CJK SC');
    await page.screenshot({ path: `${SHOTS}/admin-accountability-levels-saved.png`, fullPage: true });
    expect(await auditActions(t.db, 'accountability_levels')).toEqual(['accountability.levels_rename']);
  });

  it('keeps a name typed before the page came to life (hydration must not reset it)', async () => {
    const { page } = browser;
    // Hold the page's scripts back, type, then let them run: a slow first load.
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/_app/immutable/**', async (route) => {
      await released;
      await route.continue();
    });
    try {
      await page.goto(`${server.baseUrl}/admin/accountability-levels`, { waitUntil: 'commit' });
      await page.getByLabel('第 4 级名称').fill('取消评优资格');
      release();
      await page.waitForLoadState('networkidle');
      expect(await page.getByLabel('第 4 级名称').inputValue()).toBe('取消评优资格');
      await page.getByText('原名称：取消评先评优资格').waitFor(); // the state has the typed name
    } finally {
      await page.unrouteAll();
    }
    await page.getByRole('button', { name: '退出登录' }).click();
    await page.waitForURL('**/login');
  });

  it('shows the leader the name an earlier record was decided under, and the new name for new ones', async () => {
    const { page } = browser;
    const base = server.baseUrl;
    await signInPage(page, base, 'leader');
    await page.goto(`${base}/accountability/${recordId}`);
    expect(await page.getByTestId('record-state').innerText()).toContain('第 2 级「警示谈话」');
    await page.goto(`${base}/accountability?tab=records`);
    const levels = await page.locator('select[name="level"] option').allInnerTexts();
    expect(levels).toContain('2 诫勉谈话');
  });
});
