import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../src/lib/server/audit/audit.repository';
import { secretHash } from '../../src/lib/server/auth/tokens';
import { startProductServer, type ProductServer } from '../helpers/product-server';
import { createTestDatabases, type TestDatabases } from '../helpers/test-databases';
import { addUser, TEST_PASSWORD } from '../helpers/users';

// Issue #9: the web server restarted under load loses no acknowledged write. The writes
// are sign-ins: each commits a session and an audit entry in one transaction, and the
// app acknowledges it (303 with the cookie) only after the commit. A stream of them runs
// while the server is stopped (SIGTERM, as a service manager does) and started again.

let t: TestDatabases;
let env: { DATABASE_URL: string; SOURCE_DATABASE_URL: string };
let server: ProductServer | undefined;

beforeAll(async () => {
  t = await createTestDatabases();
  env = { DATABASE_URL: t.urls.product, SOURCE_DATABASE_URL: t.urls.sourceReader };
  await addUser(t.db, { login: 'leader', roles: ['leader'] });
});
afterAll(async () => {
  await server?.stop();
  await t?.destroy();
});

/** One sign-in; the session token when the app acknowledged it, else null (refused or cut off). */
async function signIn(baseUrl: string): Promise<string | null> {
  try {
    const response = await fetch(`${baseUrl}/login`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html', origin: baseUrl },
      body: new URLSearchParams({ login: 'leader', password: TEST_PASSWORD }),
      signal: AbortSignal.timeout(10_000)
    });
    const cookie = response.headers.get('set-cookie');
    if (response.status !== 303 || !cookie) return null;
    return decodeURIComponent(cookie.split(';')[0].split('=')[1]);
  } catch {
    return null; // the connection was refused or closed: not acknowledged
  }
}

describe('the web server restarted under load', () => {
  it('keeps every acknowledged write, and the audit chain verifies', async () => {
    server = await startProductServer(env);
    let baseUrl: string | null = server.baseUrl;
    const acknowledged: string[] = [];
    let attempts = 0;
    let stopping = false;
    const worker = async () => {
      while (!stopping) {
        const target = baseUrl;
        if (!target) {
          await new Promise((resolve) => setTimeout(resolve, 50));
          continue;
        }
        attempts++;
        const token = await signIn(target);
        if (token) acknowledged.push(token);
      }
    };
    const workers = [worker(), worker(), worker()];
    const until = async (count: number) => {
      while (acknowledged.length < count) await new Promise((resolve) => setTimeout(resolve, 50));
    };

    await until(10);
    for (let restart = 1; restart <= 2; restart++) {
      // Requests keep going to the old address while it stops: some are cut off mid-way.
      const stopped = server.stop();
      await stopped;
      baseUrl = null;
      server = await startProductServer(env);
      baseUrl = server.baseUrl;
      await until(10 + restart * 10);
    }
    stopping = true;
    await Promise.all(workers);

    expect(attempts).toBeGreaterThanOrEqual(acknowledged.length);
    const sessions = await t.db.selectFrom('sessions').select('id_hash').execute();
    const stored = new Set(sessions.map((s) => s.id_hash));
    const lost = acknowledged.filter((token) => !stored.has(secretHash(token)));
    expect(lost).toEqual([]);
    // A session and its audit entry commit together: as many of one as of the other.
    const signIns = await t.db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('action', '=', 'auth.sign_in')
      .executeTakeFirstOrThrow();
    expect(Number(signIns.n)).toBe(sessions.length);
    expect(sessions.length).toBeGreaterThanOrEqual(acknowledged.length);
    const chain = await verifyAuditChain(t.db);
    expect(chain.firstBroken).toBeNull();
    expect(chain.checked).toBeGreaterThan(sessions.length);
  });
});
