import type { ColumnType, Generated } from 'kysely';

// Kysely types of the rectification notices (migration 20261125060000_rectification).
// Both tables are insert-only: a trigger refuses UPDATE, DELETE and TRUNCATE.

type Fixed<T> = ColumnType<T, T, never>;
type FixedOptional<T> = ColumnType<T, T | undefined, never>;
/** bigint columns: pg returns them as strings. */
type BigId = ColumnType<string | null, string | number | null | undefined, never>;

export type SourceKind = 'review' | 'complaint' | 'overdue_case' | 'rating';
export type AddresseeKind = 'section' | 'window' | 'staff';
export type EventKind = 'responded' | 'verified' | 'rejected';
export type NoticeState = 'issued' | 'responded' | 'verified';

export interface RectificationNoticeTable {
  id: Generated<number>;
  source_kind: Fixed<SourceKind>;
  review_id: ColumnType<number | null, number | null | undefined, never>;
  complaint_id: BigId;
  rating_id: BigId;
  case_id: BigId;
  addressee_kind: Fixed<AddresseeKind>;
  addressee_code: Fixed<string>;
  section_id: ColumnType<number | null, number | null | undefined, never>;
  defects: Fixed<string>;
  deadline_days: Fixed<number>;
  issued_by: Fixed<number>;
  issued_at: FixedOptional<Date>;
  /** date: read as 'YYYY-MM-DD' (see db/connect type parsers). */
  deadline_on: Fixed<string>;
}

export interface RectificationEventTable {
  id: Generated<number>;
  notice_id: Fixed<number>;
  kind: Fixed<EventKind>;
  body: Fixed<string>;
  by_user_id: Fixed<number>;
  at: FixedOptional<Date>;
  evidence_filename: ColumnType<string | null, string | null | undefined, never>;
  evidence_content_type: ColumnType<string | null, string | null | undefined, never>;
  evidence: ColumnType<Buffer | null, Buffer | null | undefined, never>;
}

/** The view rectification_notice_states: each notice with its derived state. */
export interface RectificationNoticeStateView {
  id: ColumnType<number, never, never>;
  source_kind: ColumnType<SourceKind, never, never>;
  review_id: ColumnType<number | null, never, never>;
  complaint_id: ColumnType<string | null, never, never>;
  rating_id: ColumnType<string | null, never, never>;
  case_id: ColumnType<string | null, never, never>;
  addressee_kind: ColumnType<AddresseeKind, never, never>;
  addressee_code: ColumnType<string, never, never>;
  section_id: ColumnType<number | null, never, never>;
  defects: ColumnType<string, never, never>;
  deadline_days: ColumnType<number, never, never>;
  issued_by: ColumnType<number, never, never>;
  issued_at: ColumnType<Date, never, never>;
  deadline_on: ColumnType<string, never, never>;
  state: ColumnType<NoticeState, never, never>;
  responded_at: ColumnType<Date | null, never, never>;
  verified_at: ColumnType<Date | null, never, never>;
}
