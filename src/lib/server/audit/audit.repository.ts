import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../db/database';

// Appending to and reading the audit trail. Append inside the transaction of the write
// it records, so that a write and its audit entry commit or fail together.

export interface Actor {
  userId: number | null;
  login: string;
  roles: readonly string[];
  ip?: string | null;
}

export interface AuditEntry {
  action: string;
  entity: string;
  entityId?: string | number | null;
  before?: unknown;
  after?: unknown;
}

/** The actor for writes made by the system itself (jobs, start-up). */
export const SYSTEM_ACTOR: Actor = { userId: null, login: 'system', roles: [] };

export async function appendAudit(
  db: Kysely<Database> | Transaction<Database>,
  actor: Actor,
  entry: AuditEntry
): Promise<string> {
  const row = await db
    .insertInto('audit_log')
    .values({
      actor_user_id: actor.userId,
      actor_login: actor.login,
      actor_roles: [...actor.roles],
      action: entry.action,
      entity: entry.entity,
      entity_id: entry.entityId == null ? null : String(entry.entityId),
      before: entry.before === undefined ? null : JSON.stringify(entry.before),
      after: entry.after === undefined ? null : JSON.stringify(entry.after),
      ip: actor.ip ?? null
    })
    .returning('seq')
    .executeTakeFirstOrThrow();
  return row.seq;
}

export interface AuditFilter {
  actor?: string;
  action?: string;
  entity?: string;
  from?: Date;
  to?: Date;
  limit?: number;
  beforeSeq?: string;
}

export async function listAudit(db: Kysely<Database>, filter: AuditFilter) {
  let query = db
    .selectFrom('audit_log')
    .selectAll()
    .orderBy('seq', 'desc')
    .limit(filter.limit ?? 100);
  if (filter.actor) query = query.where('actor_login', '=', filter.actor);
  if (filter.action) query = query.where('action', 'like', `${filter.action}%`);
  if (filter.entity) query = query.where('entity', '=', filter.entity);
  if (filter.from) query = query.where('occurred_at', '>=', filter.from);
  if (filter.to) query = query.where('occurred_at', '<', filter.to);
  if (filter.beforeSeq) query = query.where('seq', '<', filter.beforeSeq);
  return query.execute();
}

export interface ChainVerification {
  checked: number;
  firstBroken: { seq: string; reason: 'content_changed' | 'link_broken' } | null;
}

/**
 * Recomputes every row's digest (the same SQL function the insert trigger uses) and
 * checks each row links to its predecessor. Reports the first row that fails.
 */
export async function verifyAuditChain(db: Kysely<Database>): Promise<ChainVerification> {
  const result = await sql<{ checked: string; seq: string | null; reason: string | null }>`
    WITH chain AS (
      SELECT seq, hash, prev_hash, audit_row_digest(a) AS expected,
             lag(hash, 1, repeat('0', 64)) OVER (ORDER BY seq) AS predecessor
      FROM audit_log a
    )
    SELECT (SELECT count(*) FROM chain) AS checked, b.seq, b.reason FROM (SELECT 1) one
    LEFT JOIN LATERAL (
      SELECT seq, CASE WHEN hash <> expected THEN 'content_changed' ELSE 'link_broken' END AS reason
      FROM chain WHERE hash <> expected OR prev_hash <> predecessor
      ORDER BY seq LIMIT 1
    ) b ON true`.execute(db);
  const row = result.rows[0];
  return {
    checked: Number(row.checked),
    firstBroken: row.seq ? { seq: row.seq, reason: row.reason as 'content_changed' | 'link_broken' } : null
  };
}
