import type { Kysely } from 'kysely';
import type { Database } from '../../src/lib/server/db/database';

/** The audit-log actions written about one kind of entity, oldest first. */
export async function auditActions(db: Kysely<Database>, entity: string): Promise<string[]> {
  const rows = await db
    .selectFrom('audit_log')
    .select('action')
    .where('entity', '=', entity)
    .orderBy('seq')
    .execute();
  return rows.map((r) => r.action);
}

/** The audit-log entries whose action matches `actionLike` (SQL LIKE), oldest first. */
export function auditEntries(db: Kysely<Database>, actionLike: string) {
  return db
    .selectFrom('audit_log')
    .select(['action', 'entity', 'entity_id', 'actor_login', 'before', 'after'])
    .where('action', 'like', actionLike)
    .orderBy('seq')
    .execute();
}
