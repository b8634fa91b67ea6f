import type { ColumnType, Generated } from 'kysely';
import type { Dimension, EventStatus, RuleTarget, ScoreRule } from '../../appraisal/catalogue';

// Kysely types of the thousand-point appraisal (migration 20261126040000_appraisal).
// numeric columns are read as strings (exact: '-7.5'), bigint ids as strings, dates as
// 'YYYY-MM-DD' (db/connect.ts).

type Fixed<T> = ColumnType<T, T, never>;
type FixedDefault<T> = ColumnType<T, T | undefined, never>;
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
/** jsonb: read parsed, written as JSON text. */
type Json<T> = ColumnType<T, string, string>;
type Numeric = ColumnType<string, number | string, number | string>;

export type EventOrigin = 'automatic' | 'manual' | 'correction';
export type EventSourceKind = 'case' | 'rating' | 'complaint' | 'review' | 'event';

/** Append-only (a trigger refuses UPDATE, DELETE, TRUNCATE). */
export interface ScoreRuleSetTable {
  id: Generated<number>;
  dimension_points: ColumnType<Record<Dimension, number>, string, never>;
  bonus_cap: Fixed<number>;
  /** numeric(4,3), e.g. '0.500'. */
  chief_share: ColumnType<string, number | string, never>;
  rules: ColumnType<ScoreRule[], string, never>;
  note: ColumnType<string | null, string | null | undefined, never>;
  created_by: ColumnType<number | null, number | null | undefined, never>;
  created_at: FixedDefault<Date>;
}

export interface ScoreEventTable {
  id: Generated<string>;
  staff_id: number;
  /** First day of the bureau-local month, 'YYYY-MM-01'. */
  month: string;
  occurred_on: string;
  rule_code: string;
  target: RuleTarget;
  /** numeric(6,1), signed. */
  points: Numeric;
  origin: EventOrigin;
  /** Unique; set exactly for automatic events. */
  source_key: string | null;
  source_kind: EventSourceKind | null;
  source_ref: string | null;
  note: string | null;
  entered_by: number | null;
  entered_at: Timestamp;
  status: ColumnType<EventStatus, EventStatus | undefined, EventStatus>;
  retracted_at: Date | null;
  retracted_reason: string | null;
  rule_set_id: number;
  updated_at: Timestamp;
}

export interface ScoreEventEvidenceTable {
  id: Generated<number>;
  event_id: Fixed<string | number>;
  file_name: Fixed<string>;
  mime: Fixed<string>;
  bytes: Fixed<Buffer>;
  uploaded_by: Fixed<number>;
  uploaded_at: FixedDefault<Date>;
}

export interface ScoreAppealTable {
  id: Generated<number>;
  event_id: Fixed<string | number>;
  reason: Fixed<string>;
  appealed_by: Fixed<number>;
  appealed_at: FixedDefault<Date>;
  reviewer_user_id: number | null;
  decision: 'upheld' | 'revoked' | null;
  decision_reason: string | null;
  decided_at: Date | null;
}

export interface AppraisalMonthTable {
  /** 'YYYY-MM-01'. */
  month: string;
  closed_at: Date | null;
  closed_by: number | null;
  rule_set_id: number | null;
  results: Json<unknown> | null;
  published: ColumnType<boolean, boolean | undefined, boolean>;
}
