import type { Kysely } from 'kysely';
import type { Database } from '../db/database';

// Reading users for the admin page; never selects password hashes.
export function listUsers(db: Kysely<Database>) {
  return db
    .selectFrom('users')
    .select([
      'id',
      'login',
      'display_name',
      'roles',
      'section_codes',
      'staff_no',
      'firm_code',
      'active',
      'must_change_password',
      'locked_until',
      'created_at'
    ])
    .orderBy('login')
    .execute();
}

export function listApiTokens(db: Kysely<Database>) {
  return db
    .selectFrom('api_tokens')
    .select(['id', 'name', 'created_by', 'created_at', 'last_used_at', 'revoked_at'])
    .orderBy('id', 'desc')
    .execute();
}
