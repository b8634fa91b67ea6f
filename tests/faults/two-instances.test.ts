import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addCases, jobRuns, restoreEvents, slowDownEvents, waitFor } from '../helpers/faults';
import { startProductServer, type ProductServer } from '../helpers/product-server';
import { insertReferenceWorld } from '../helpers/sync-fixtures';
import { createTestDatabases, type TestDatabases } from '../helpers/test-databases';
import { addUser, signInCookie } from '../helpers/users';

// Issue #9 / docs/scaling.md: two instances of the product (`npm start`, web server and
// scheduler each) on one database, as behind a load balancer. A session made through one
// is valid on the other (sessions live in the database), and the sync both schedulers
// launch at start runs once: the other run finds the advisory lock taken and skips.

const T0 = '2025-03-03T09:00:00+08:00';
let t: TestDatabases;
let a: ProductServer | undefined;
let b: ProductServer | undefined;

beforeAll(async () => {
  t = await createTestDatabases();
  await insertReferenceWorld(t.sourceWriter, T0);
  await addCases(t.sourceWriter, 1, 12, T0);
  await addUser(t.db, { login: 'leader', roles: ['leader'] });
  // About a second per event: the first instance's start-up sync is still running when
  // the second instance's scheduler launches its own.
  await slowDownEvents(t.urls.sourceWriter, 1);
  const env = { DATABASE_URL: t.urls.product, SOURCE_DATABASE_URL: t.urls.sourceReader, NO_SCHEDULER: '' };
  [a, b] = await Promise.all([startProductServer(env), startProductServer(env)]);
});
afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
  await t?.destroy();
});

const page = (server: ProductServer, path: string, cookie: string) =>
  fetch(server.baseUrl + path, { headers: { cookie }, redirect: 'manual' });

describe('two instances on one database', () => {
  it('accepts a session made through one instance on the other, until it is signed out anywhere', async () => {
    const cookie = await signInCookie(a!.baseUrl, 'leader');
    const onB = await page(b!, '/account/password', cookie);
    expect(onB.status).toBe(200);
    expect(await onB.text()).toContain('leader');

    const signOut = await fetch(`${b!.baseUrl}/logout`, {
      method: 'POST',
      redirect: 'manual',
      headers: {
        cookie,
        origin: b!.baseUrl,
        accept: 'text/html',
        'content-type': 'application/x-www-form-urlencoded'
      },
      body: ''
    });
    expect(signOut.status).toBe(303);
    const onA = await page(a!, '/account/password', cookie);
    expect(onA.status).toBe(303);
    expect(onA.headers.get('location')).toMatch(/^\/login/);
  });

  it('runs the sync both schedulers start together once: one run succeeded, the other skipped', async () => {
    const startupRuns = () =>
      t.db
        .selectFrom('job_runs')
        .select(['status', 'pid'])
        .where('job_name', '=', 'sync')
        .where('trigger', '=', 'startup')
        .orderBy('id')
        .execute();
    const runs = await waitFor(
      'both start-up syncs to finish',
      async () => {
        const rows = await startupRuns();
        return rows.length === 2 && rows.every((r) => r.status !== 'running') && rows;
      },
      120_000
    );
    expect(runs.map((r) => r.status).sort()).toEqual(['skipped', 'succeeded']);
    expect(new Set(runs.map((r) => r.pid)).size).toBe(2); // one run in each instance
    await restoreEvents(t.urls.sourceWriter);
    expect((await jobRuns(t.db, 'sync')).filter((r) => r.status === 'failed')).toEqual([]);
    const cases = await t.db.selectFrom('cases').select('id').execute();
    expect(cases).toHaveLength(12);
  });
});
