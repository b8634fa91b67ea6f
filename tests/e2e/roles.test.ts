import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLE_LABELS } from '../../src/lib/roles';
import { SYSTEM_ACTOR } from '../../src/lib/server/audit/audit.repository';
import { createUser } from '../../src/lib/server/auth/users.service';
import { browserTestsEnabled, launchBrowser, type BrowserSession } from '../helpers/browser';
import { startProductServer, type ProductServer } from '../helpers/product-server';
import { insertSampleSource } from '../helpers/source-fixtures';
import { createTestDatabases, type TestDatabases } from '../helpers/test-databases';
import { valueTypedBeforeHydration } from '../helpers/hydration';
import { addRoleUsers, ROLE_USERS, signInPage } from '../helpers/users';

// Each role signs in through the real form and lands on its own home page.

const SHOTS = 'test-results';

describe.skipIf(!browserTestsEnabled())('signing in as each role', () => {
  let t: TestDatabases;
  let server: ProductServer;
  let browser: BrowserSession;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    t = await createTestDatabases();
    await insertSampleSource(t.sourceWriter);
    await addRoleUsers(t.db);
    server = await startProductServer({
      DATABASE_URL: t.urls.product,
      SOURCE_DATABASE_URL: t.urls.sourceReader
    });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await t?.destroy();
  });

  it('keeps a login name typed before the page came to life (hydration must not clear it)', async () => {
    const browserOf = browser.page.context().browser()!;
    expect(await valueTypedBeforeHydration(browserOf, `${server.baseUrl}/login`, '登录名', 'leader')).toBe(
      'leader'
    );
  });

  it('shows the sign-in page in Chinese and a signed-out visitor is sent there', async () => {
    const { page } = browser;
    await page.goto(`${server.baseUrl}/warnings`);
    expect(new URL(page.url()).pathname).toBe('/login');
    expect(await page.locator('main h1').innerText()).toBe('登录');
    expect(await page.locator('nav[aria-label="主导航"]').count()).toBe(0);
    await page.getByLabel('登录名').fill('leader');
    await page.getByLabel('密码').fill('wrong-password');
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').innerText()).toBe('登录名或密码不正确');
    await page.screenshot({ path: `${SHOTS}/login-failed.png` });
  });

  const HOMES: Record<string, string> = {
    leader: '/',
    inspector: '/audits',
    section_head: '/',
    staff: '/appraisal/me',
    evaluator: '/evaluation',
    admin: '/admin/status',
    auditor: '/audit'
  };

  for (const user of ROLE_USERS) {
    const role = user.roles[0];
    it(`signs in as ${role} (${ROLE_LABELS[role]}) and lands on its home page`, async () => {
      const { page } = browser;
      await page.context().clearCookies();
      await signInPage(page, server.baseUrl, user.login);
      expect(new URL(page.url()).pathname).toBe(HOMES[role]);
      expect(await page.locator('header .roles').innerText()).toBe(ROLE_LABELS[role]);
      await page.waitForLoadState('networkidle');
      await page.screenshot({ path: `${SHOTS}/home-${role}.png`, fullPage: true });
      await page.getByRole('button', { name: '退出登录' }).click();
      await page.waitForURL('**/login');
    });
  }

  it('makes a new user replace the one-time password before anything else', async () => {
    const { page } = browser;
    await createUser(
      t.db,
      SYSTEM_ACTOR,
      { login: 'newcomer', displayName: '新同事', roles: ['leader'] },
      'one-time-pass-123'
    );
    await page.context().clearCookies();
    await signInPage(page, server.baseUrl, 'newcomer', 'one-time-pass-123');
    expect(new URL(page.url()).pathname).toBe('/account/password');
    await page.goto(`${server.baseUrl}/warnings`);
    expect(new URL(page.url()).pathname).toBe('/account/password');
    await page.screenshot({ path: `${SHOTS}/password-change.png` });
    await page.getByLabel('当前密码（或一次性密码）').fill('one-time-pass-123');
    await page.getByLabel('新密码（至少 10 个字符）').fill('Fresh-start-2026!');
    await page.getByLabel('再次输入新密码').fill('Fresh-start-2026!');
    await page.getByRole('button', { name: '保存新密码' }).click();
    await page.waitForURL(`${server.baseUrl}/`);
    const audit = await t.db
      .selectFrom('audit_log')
      .select('action')
      .where('actor_login', '=', 'newcomer')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['auth.sign_in', 'user.password_changed']);
  });
});
