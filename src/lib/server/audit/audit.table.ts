import type { ColumnType, Generated } from 'kysely';

// Append-only, hash-chained (see the security migration): prev_hash and hash are set by
// the insert trigger, never by the application.
export interface AuditLogTable {
  seq: Generated<string>;
  occurred_at: ColumnType<Date, Date | undefined, never>;
  actor_user_id: number | null;
  actor_login: string;
  actor_roles: ColumnType<string[], string[] | undefined, never>;
  action: string;
  entity: string;
  entity_id: string | null;
  before: ColumnType<unknown, string | null | undefined, never>;
  after: ColumnType<unknown, string | null | undefined, never>;
  ip: string | null;
  prev_hash: ColumnType<string, string | undefined, never>;
  hash: ColumnType<string, string | undefined, never>;
}
