import type { ColumnType, Generated } from 'kysely';
import type { SourceRelation } from '../source/source-tables';
import type { QuarantineReason } from './reasons';

// Kysely types of the sync's bookkeeping (migration 20261125020000_synced_source).

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Count = ColumnType<string, number | string | undefined, number | string>;

export interface SyncWatermarkTable {
  relation: SourceRelation;
  /** Newest updated_at read by a committed pass; null before the first. */
  watermark: Date | null;
  /** Rows inserted or changed, all passes together (bigint: a string). */
  rows_synced: Count;
  last_pass_rows_read: ColumnType<number, number | undefined, number>;
  last_pass_rows_changed: ColumnType<number, number | undefined, number>;
  last_pass_quarantined: ColumnType<number, number | undefined, number>;
  /** When the last committed pass ended its work on this relation. */
  last_pass_at: Date | null;
  last_run_id: string | null;
}

export interface SyncQuarantineTable {
  id: Generated<string>;
  relation: SourceRelation;
  /** The row's id as text; '' when it had none. */
  source_id: string;
  reason: QuarantineReason;
  /** Chinese, with the offending value. */
  message: string;
  /** The row as read. */
  payload: ColumnType<Record<string, unknown>, string, string>;
  first_seen_at: Timestamp;
  last_seen_at: Timestamp;
  times_seen: ColumnType<number, number | undefined, number>;
  /** Set when the row synced, or no longer has this fault. */
  resolved_at: Date | null;
}
