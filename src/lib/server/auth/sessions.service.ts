import { sql, type Kysely } from 'kysely';
import { appendAudit, type Actor } from '../audit/audit.repository';
import type { Database } from '../db/database';
import {
  LOCKOUT_MS,
  MAX_FAILED_SIGN_INS,
  SESSION_ABSOLUTE_MS,
  SESSION_IDLE_MS,
  type Identity
} from './identity';
import { hashPassword, verifyPassword } from './password';
import { newSecret, secretHash } from './tokens';

// Sign-in, sessions and sign-out. Every function takes `now`, so lockout and expiry are
// tested with a controllable clock.

export type SignInResult =
  | { ok: true; sessionToken: string; expiresAt: Date; mustChangePassword: boolean; userId: number }
  | { ok: false; reason: 'invalid' | 'locked'; lockedUntil?: Date };

interface Client {
  ip?: string | null;
  userAgent?: string | null;
}

// Verifying against a fixed hash when the login is unknown keeps the response time the
// same, so the form does not reveal which logins exist.
let decoyHash: Promise<string> | undefined;

export async function signIn(
  db: Kysely<Database>,
  credentials: { login: string; password: string },
  client: Client,
  now: Date
): Promise<SignInResult> {
  const user = await db
    .selectFrom('users')
    .selectAll()
    .where('login', '=', credentials.login)
    .executeTakeFirst();
  const anonymous: Actor = { userId: null, login: credentials.login.slice(0, 64), roles: [], ip: client.ip };
  if (!user || !user.active) {
    await verifyPassword(await (decoyHash ??= hashPassword('decoy-password-000')), credentials.password);
    await appendAudit(db, anonymous, {
      action: 'auth.sign_in_failed',
      entity: 'user',
      after: { reason: 'unknown_login' }
    });
    return { ok: false, reason: 'invalid' };
  }
  const actor: Actor = { userId: user.id, login: user.login, roles: user.roles, ip: client.ip };
  if (user.locked_until && user.locked_until > now) {
    await appendAudit(db, actor, {
      action: 'auth.sign_in_failed',
      entity: 'user',
      entityId: user.id,
      after: { reason: 'locked' }
    });
    return { ok: false, reason: 'locked', lockedUntil: user.locked_until };
  }
  if (!(await verifyPassword(user.password_hash, credentials.password))) {
    const attempts = user.failed_attempts + 1;
    const lock = attempts >= MAX_FAILED_SIGN_INS;
    const lockedUntil = lock ? new Date(now.getTime() + LOCKOUT_MS) : null;
    await db.transaction().execute(async (trx) => {
      await trx
        .updateTable('users')
        .set({ failed_attempts: lock ? 0 : attempts, locked_until: lockedUntil })
        .where('id', '=', user.id)
        .execute();
      await appendAudit(trx, actor, {
        action: lock ? 'auth.locked' : 'auth.sign_in_failed',
        entity: 'user',
        entityId: user.id,
        after: { reason: 'wrong_password', attempts, locked_until: lockedUntil }
      });
    });
    return lock
      ? { ok: false, reason: 'locked', lockedUntil: lockedUntil! }
      : { ok: false, reason: 'invalid' };
  }
  const sessionToken = newSecret();
  const expiresAt = new Date(now.getTime() + SESSION_ABSOLUTE_MS);
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('users')
      .set({ failed_attempts: 0, locked_until: null })
      .where('id', '=', user.id)
      .execute();
    await trx
      .insertInto('sessions')
      .values({
        id_hash: secretHash(sessionToken),
        user_id: user.id,
        created_at: now,
        last_seen_at: now,
        expires_at: expiresAt,
        ip: client.ip ?? null,
        user_agent: client.userAgent?.slice(0, 300) ?? null
      })
      .execute();
    await appendAudit(trx, actor, { action: 'auth.sign_in', entity: 'user', entityId: user.id });
  });
  return {
    ok: true,
    sessionToken,
    expiresAt,
    mustChangePassword: user.must_change_password,
    userId: user.id
  };
}

/** The identity behind a session cookie, or null when unknown, idle too long or expired. */
export async function resolveSession(
  db: Kysely<Database>,
  sessionToken: string,
  now: Date
): Promise<Identity | null> {
  const idHash = secretHash(sessionToken);
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select([
      'sessions.last_seen_at',
      'sessions.expires_at',
      'users.id',
      'users.login',
      'users.display_name',
      'users.roles',
      'users.section_codes',
      'users.staff_no',
      'users.firm_code',
      'users.must_change_password',
      'users.active'
    ])
    .where('sessions.id_hash', '=', idHash)
    .executeTakeFirst();
  if (!row) return null;
  const idle = now.getTime() - row.last_seen_at.getTime() > SESSION_IDLE_MS;
  if (idle || now >= row.expires_at || !row.active) {
    await db.deleteFrom('sessions').where('id_hash', '=', idHash).execute();
    return null;
  }
  // Touch at most once a minute: idle expiry needs no finer grain, and it spares a write per
  // request. Committed without waiting for the WAL flush: a touch lost to a crash only makes
  // the session look a minute older, while waiting for the flush put every page behind the
  // sync's large commits (docs/benchmarks.md, "Load test").
  if (now.getTime() - row.last_seen_at.getTime() > 60_000) {
    await db.transaction().execute(async (trx) => {
      await sql`SET LOCAL synchronous_commit = off`.execute(trx);
      await trx.updateTable('sessions').set({ last_seen_at: now }).where('id_hash', '=', idHash).execute();
    });
  }
  return {
    userId: row.id,
    login: row.login,
    displayName: row.display_name,
    roles: row.roles,
    sectionCodes: row.section_codes,
    staffNo: row.staff_no,
    firmCode: row.firm_code,
    mustChangePassword: row.must_change_password,
    via: 'session'
  };
}

export async function signOut(db: Kysely<Database>, sessionToken: string, actor: Actor): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('sessions').where('id_hash', '=', secretHash(sessionToken)).execute();
    await appendAudit(trx, actor, { action: 'auth.sign_out', entity: 'user', entityId: actor.userId });
  });
}
