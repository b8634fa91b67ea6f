import type { Kysely } from 'kysely';
import { appendAudit, type Actor } from '../audit/audit.repository';
import type { Database } from '../db/database';
import type { Identity } from './identity';
import { newSecret, secretHash } from './tokens';

// Machine API tokens: read-only, stored hashed, revocable, last use recorded. A token
// reads the API as a leader does (every figure, no raw personal data); see docs/rules/security.md.

export const TOKEN_PREFIX = 'aeo_';

export async function createApiToken(
  db: Kysely<Database>,
  actor: Actor,
  name: string
): Promise<{ id: number; token: string }> {
  const token = newSecret(TOKEN_PREFIX);
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('api_tokens')
      .values({ name, token_hash: secretHash(token), created_by: actor.login })
      .returning(['id', 'name', 'created_by'])
      .executeTakeFirstOrThrow();
    await appendAudit(trx, actor, {
      action: 'api_token.create',
      entity: 'api_token',
      entityId: row.id,
      after: row
    });
    return { id: row.id, token };
  });
}

export async function resolveApiToken(
  db: Kysely<Database>,
  token: string,
  now: Date
): Promise<Identity | null> {
  if (!token.startsWith(TOKEN_PREFIX)) return null;
  const row = await db
    .updateTable('api_tokens')
    .set({ last_used_at: now })
    .where('token_hash', '=', secretHash(token))
    .where('revoked_at', 'is', null)
    .returning(['id', 'name'])
    .executeTakeFirst();
  if (!row) return null;
  return {
    userId: null,
    login: `token:${row.name}`,
    displayName: `API 令牌 ${row.name}`,
    roles: ['leader'],
    sectionCodes: [],
    staffNo: null,
    firmCode: null,
    mustChangePassword: false,
    via: 'token'
  };
}

export async function revokeApiToken(db: Kysely<Database>, actor: Actor, id: number): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('api_tokens').set({ revoked_at: new Date() }).where('id', '=', id).execute();
    await appendAudit(trx, actor, { action: 'api_token.revoke', entity: 'api_token', entityId: id });
  });
}
