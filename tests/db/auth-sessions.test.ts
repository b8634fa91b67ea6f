import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCKOUT_MS, SESSION_ABSOLUTE_MS, SESSION_IDLE_MS } from '../../src/lib/server/auth/identity';
import { resolveSession, signIn, signOut } from '../../src/lib/server/auth/sessions.service';
import { changePassword, createUser } from '../../src/lib/server/auth/users.service';
import { SYSTEM_ACTOR } from '../../src/lib/server/audit/audit.repository';
import { createTestDatabases, type TestDatabases } from '../helpers/test-databases';

const PASSWORD = 'Correct-Horse-42';
const minutes = (n: number) => n * 60_000;

describe('sign-in and sessions (controllable clock)', () => {
  let t: TestDatabases;
  const t0 = new Date('2026-03-02T01:00:00Z');
  const at = (ms: number) => new Date(t0.getTime() + ms);
  const client = { ip: '127.0.0.1', userAgent: 'vitest' };

  beforeAll(async () => {
    t = await createTestDatabases();
    for (const login of ['lockme', 'idle', 'longday', 'newbie']) {
      await createUser(t.db, SYSTEM_ACTOR, { login, displayName: login, roles: ['leader'] }, PASSWORD);
    }
  });
  afterAll(() => t.destroy());

  const actions = async (login: string) =>
    (
      await t.db
        .selectFrom('audit_log')
        .select('action')
        .where('actor_login', '=', login)
        .orderBy('seq')
        .execute()
    ).map((r) => r.action);

  it('locks an account for 15 minutes after five failures, and says so even with the right password', async () => {
    for (let i = 1; i <= 4; i++) {
      expect(
        await signIn(t.db, { login: 'lockme', password: 'wrong-password' }, client, at(i * 1000))
      ).toEqual({
        ok: false,
        reason: 'invalid'
      });
    }
    const fifth = await signIn(t.db, { login: 'lockme', password: 'wrong-password' }, client, at(5000));
    expect(fifth).toMatchObject({ ok: false, reason: 'locked' });
    expect(
      await signIn(t.db, { login: 'lockme', password: PASSWORD }, client, at(5000 + minutes(14)))
    ).toMatchObject({
      ok: false,
      reason: 'locked'
    });
    const after = await signIn(
      t.db,
      { login: 'lockme', password: PASSWORD },
      client,
      at(5000 + LOCKOUT_MS + 1)
    );
    expect(after.ok).toBe(true);
    expect(await actions('lockme')).toEqual([
      ...Array(4).fill('auth.sign_in_failed'),
      'auth.locked',
      'auth.sign_in_failed',
      'auth.sign_in'
    ]);
  });

  it('logs a failure for an unknown login without revealing that it is unknown', async () => {
    expect(await signIn(t.db, { login: 'ghost', password: PASSWORD }, client, t0)).toEqual({
      ok: false,
      reason: 'invalid'
    });
    expect(await actions('ghost')).toEqual(['auth.sign_in_failed']);
  });

  it('ends a session after 30 minutes without a request', async () => {
    const result = await signIn(t.db, { login: 'idle', password: PASSWORD }, client, t0);
    if (!result.ok) throw new Error('sign-in failed');
    expect(await resolveSession(t.db, result.sessionToken, at(minutes(29)))).toMatchObject({ login: 'idle' });
    // The request at minute 29 counts as activity: idle is measured from it.
    expect(
      await resolveSession(t.db, result.sessionToken, at(minutes(29) + SESSION_IDLE_MS - 1000))
    ).not.toBeNull();
    const late = at(minutes(29) + SESSION_IDLE_MS - 1000 + SESSION_IDLE_MS + 1000);
    expect(await resolveSession(t.db, result.sessionToken, late)).toBeNull();
  });

  it('ends a session after 12 hours however active it is', async () => {
    const result = await signIn(t.db, { login: 'longday', password: PASSWORD }, client, t0);
    if (!result.ok) throw new Error('sign-in failed');
    for (let m = 20; m < 12 * 60; m += 20) {
      expect(await resolveSession(t.db, result.sessionToken, at(minutes(m))), `minute ${m}`).not.toBeNull();
    }
    expect(await resolveSession(t.db, result.sessionToken, at(SESSION_ABSOLUTE_MS))).toBeNull();
  });

  it('requires a new user to change the one-time password, then signs out', async () => {
    const result = await signIn(t.db, { login: 'newbie', password: PASSWORD }, client, t0);
    if (!result.ok) throw new Error('sign-in failed');
    expect(result.mustChangePassword).toBe(true);
    const identity = await resolveSession(t.db, result.sessionToken, t0);
    expect(identity?.mustChangePassword).toBe(true);
    const actor = { userId: identity!.userId!, login: 'newbie', roles: identity!.roles };
    expect(await changePassword(t.db, actor, 'not-the-password', 'Another-Pass-77')).toEqual({
      current: '当前密码不正确'
    });
    expect(await changePassword(t.db, actor, PASSWORD, 'short')).toEqual({ next: '密码至少 10 个字符' });
    expect(await changePassword(t.db, actor, PASSWORD, 'Another-Pass-77')).toEqual({});
    expect((await resolveSession(t.db, result.sessionToken, t0))?.mustChangePassword).toBe(false);
    await signOut(t.db, result.sessionToken, actor);
    expect(await resolveSession(t.db, result.sessionToken, t0)).toBeNull();
    expect(await actions('newbie')).toEqual(['auth.sign_in', 'user.password_changed', 'auth.sign_out']);
  });
});
