import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken } from '../../src/lib/server/auth/api-tokens.service';
import { SYSTEM_ACTOR } from '../../src/lib/server/audit/audit.repository';
import { runSyncPass } from '../../src/lib/server/sync/sync.service';
import { startProductServer, type ProductServer } from '../helpers/product-server';
import { insertSampleSource } from '../helpers/source-fixtures';
import { createTestDatabases, type TestDatabases } from '../helpers/test-databases';
import { addRoleUsers, ROLE_USERS, signInCookie } from '../helpers/users';
import { EVERYONE, expectedOutcome, ROUTE_PERMISSIONS, type Outcome, type Who } from './route-permissions';

// Walks the whole permission table against the running product (as `npm start` serves
// it): every route, every role, a bearer token and a signed-out visitor.

function outcomeOf(response: Response): Outcome | number {
  if (response.status === 200) return 'ok';
  if (response.status === 303 || response.status === 302) {
    return (response.headers.get('location') ?? '').startsWith('/login') ? 'login' : 'redirect';
  }
  return response.status;
}

describe('permissions of every route for every role', () => {
  let t: TestDatabases;
  let server: ProductServer;
  const headers = new Map<Who, Record<string, string>>();

  beforeAll(async () => {
    t = await createTestDatabases();
    await insertSampleSource(t.sourceWriter);
    await runSyncPass({ databaseUrl: t.urls.product, sourceUrl: t.urls.sourceReader });
    await addRoleUsers(t.db);
    const { token } = await createApiToken(t.db, SYSTEM_ACTOR, 'e2e-monitor');
    server = await startProductServer({
      DATABASE_URL: t.urls.product,
      SOURCE_DATABASE_URL: t.urls.sourceReader
    });
    headers.set('anonymous', {});
    headers.set('token', { authorization: `Bearer ${token}` });
    for (const user of ROLE_USERS) {
      headers.set(user.roles[0], { cookie: await signInCookie(server.baseUrl, user.login) });
    }
  });
  afterAll(async () => {
    await server?.stop();
    await t?.destroy();
  });

  it('matches the table for every route and every role', async () => {
    const differences: string[] = [];
    for (const [routeId, rule] of Object.entries(ROUTE_PERMISSIONS)) {
      for (const who of EVERYONE) {
        const response = await fetch(server.baseUrl + rule.path, {
          redirect: 'manual',
          headers: headers.get(who)
        });
        await response.arrayBuffer();
        const expected = expectedOutcome(rule, who);
        const actual = outcomeOf(response);
        if (actual !== expected)
          differences.push(`${routeId} as ${who}: expected ${expected}, got ${actual}`);
      }
    }
    expect(differences).toEqual([]);
  });

  it('answers the API in its error shape, and refuses writes with a token', async () => {
    const anonymous = await fetch(`${server.baseUrl}/api/v1/health`);
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toMatchObject({ error: { code: 'unauthorized' } });
    const staff = await fetch(`${server.baseUrl}/api/v1/health`, { headers: headers.get('staff') });
    expect(await staff.json()).toMatchObject({ error: { code: 'forbidden' } });
    const bad = await fetch(`${server.baseUrl}/api/v1/health`, {
      headers: { authorization: 'Bearer aeo_forged' }
    });
    expect(bad.status).toBe(401);
    const write = await fetch(`${server.baseUrl}/api/v1/health`, {
      method: 'POST',
      headers: headers.get('token')
    });
    expect(write.status).toBe(405);
    const used = await t.db.selectFrom('api_tokens').select('last_used_at').executeTakeFirstOrThrow();
    expect(used.last_used_at).not.toBeNull();
  });

  it('sends the security headers with every page', async () => {
    const response = await fetch(`${server.baseUrl}/login`);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('referrer-policy')).toBe('same-origin');
    expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
  });

  it('keeps the session cookie HttpOnly and SameSite=Lax', async () => {
    const response = await fetch(`${server.baseUrl}/login`, {
      method: 'POST',
      redirect: 'manual',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        accept: 'text/html',
        origin: server.baseUrl
      },
      body: new URLSearchParams({ login: 'leader', password: 'test-password-2026' })
    });
    const cookie = response.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).not.toMatch(/Secure/i); // plain http here; Secure over https
  });

  it('refuses a cross-site form post (SvelteKit origin check stays on)', async () => {
    const response = await fetch(`${server.baseUrl}/login`, {
      method: 'POST',
      redirect: 'manual',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        accept: 'text/html',
        origin: 'https://evil.example'
      },
      body: new URLSearchParams({ login: 'leader', password: 'test-password-2026' })
    });
    expect(response.status).toBe(403);
  });
});
