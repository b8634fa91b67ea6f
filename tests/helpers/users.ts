import type { Kysely } from 'kysely';
import type { Page } from 'playwright-core';
import type { Role } from '../../src/lib/roles';
import { SYSTEM_ACTOR, type Actor } from '../../src/lib/server/audit/audit.repository';
import { createUser, type NewUser } from '../../src/lib/server/auth/users.service';
import type { Database } from '../../src/lib/server/db/database';

// Users for tests: one per role with a known password and no forced change.

export const TEST_PASSWORD = 'test-password-2026';

export interface TestUser {
  login: string;
  roles: Role[];
}

export async function addUser(
  db: Kysely<Database>,
  user: Partial<NewUser> & { login: string; roles: Role[] }
) {
  const { id } = await createUser(db, SYSTEM_ACTOR, { displayName: user.login, ...user }, TEST_PASSWORD);
  await db.updateTable('users').set({ must_change_password: false }).where('id', '=', id).execute();
  return id;
}

/** One user per role, scoped: the section head to section S01, staff to W0001, evaluator to F01. */
export const ROLE_USERS: (NewUser & { roles: [Role] })[] = [
  { login: 'leader', displayName: '局长', roles: ['leader'] },
  { login: 'inspector', displayName: '纪检监察员', roles: ['inspector'] },
  { login: 'section', displayName: '科长', roles: ['section_head'], sectionCodes: ['S01'] },
  { login: 'staff', displayName: '窗口人员', roles: ['staff'], staffNo: 'W0001' },
  { login: 'evaluator', displayName: '测评员', roles: ['evaluator'], firmCode: 'F01' },
  { login: 'admin', displayName: '管理员', roles: ['admin'] },
  { login: 'auditor', displayName: '审计员', roles: ['auditor'] }
];

export async function addRoleUsers(db: Kysely<Database>): Promise<void> {
  for (const user of ROLE_USERS) await addUser(db, user);
}

/** The actor of one of the ROLE_USERS (added by addRoleUsers), as a service sees it. */
export async function roleActor(db: Kysely<Database>, login: string): Promise<Actor> {
  const user = ROLE_USERS.find((u) => u.login === login);
  if (!user) throw new Error(`no role user ${login}`);
  const { id } = await db
    .selectFrom('users')
    .select('id')
    .where('login', '=', login)
    .executeTakeFirstOrThrow();
  return { userId: id, login, roles: user.roles };
}

/** Signs in over HTTP like the login form does; returns the session cookie header. */
export async function signInCookie(
  baseUrl: string,
  login: string,
  password = TEST_PASSWORD
): Promise<string> {
  const response = await fetch(`${baseUrl}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html', origin: baseUrl },
    body: new URLSearchParams({ login, password })
  });
  const cookie = response.headers.get('set-cookie');
  if (response.status !== 303 || !cookie) throw new Error(`sign-in as ${login} failed: ${response.status}`);
  return cookie.split(';')[0];
}

/**
 * Signs in through the real form in the browser. A sign-in that does not leave /login fails
 * with the URL, the page's alert and a screenshot (test-results/screenshots/
 * signin-stuck-<login>.png): that is how the login page's hydration wiping a name typed
 * early was found (src/routes/login/+page.svelte).
 */
export async function signInPage(page: Page, baseUrl: string, login: string, password = TEST_PASSWORD) {
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel('登录名').fill(login);
  await page.getByLabel('密码').fill(password);
  try {
    await Promise.all([
      page.waitForURL((url) => !url.pathname.startsWith('/login')),
      page.getByRole('button', { name: '登录' }).click()
    ]);
  } catch (error) {
    const alert = await page
      .getByRole('alert')
      .allInnerTexts()
      .catch(() => []);
    await page
      .screenshot({ path: `test-results/screenshots/signin-stuck-${login}.png` })
      .catch(() => undefined);
    const errors = await page
      .locator('.field-error')
      .allInnerTexts()
      .catch(() => []);
    throw new Error(
      `sign-in as ${login} did not leave ${page.url()} (alert: ${alert.join(' / ') || 'none'}; field errors: ${errors.join(' / ') || 'none'})`,
      { cause: error }
    );
  }
}
