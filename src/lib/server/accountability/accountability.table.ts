import type { ColumnType, Generated } from 'kysely';

// Kysely types of accountability (migration 20261126010000_accountability). Records, their
// basis and decisions are insert-only (triggers refuse UPDATE, DELETE and TRUNCATE); the
// levels and grounds are configuration.

type Fixed<T> = ColumnType<T, T, never>;
type FixedOptional<T> = ColumnType<T, T | undefined, never>;
type Never<T> = ColumnType<T, never, never>;
/** bigint columns: pg returns them as strings. */
type BigId = ColumnType<string | null, string | number | null | undefined, never>;

export type GroundsCode =
  'illegal_approval' | 'ultra_vires' | 'overdue' | 'failed_file' | 'substantiated_complaint' | 'other';
export type BasisKind = 'case' | 'review' | 'complaint' | 'notice';
export type DecisionOutcome = 'decided' | 'declined';
export type RecordState = 'proposed' | DecisionOutcome | 'superseded';

export interface AccountabilityLevelTable {
  level: number;
  label: string;
}

export interface AccountabilityGroundsTable {
  code: GroundsCode;
  label: string;
  start_level: number;
}

export interface AccountabilityRecordTable {
  id: Generated<number>;
  staff_id: Fixed<number>;
  staff_no: Fixed<string>;
  staff_name: Fixed<string>;
  grounds: Fixed<GroundsCode>;
  grounds_note: ColumnType<string | null, string | null | undefined, never>;
  proposed_level: Fixed<number>;
  proposed_level_label: Fixed<string>;
  facts: Fixed<string>;
  proposed_by: Fixed<number>;
  proposed_at: FixedOptional<Date>;
  corrects_id: ColumnType<number | null, number | null | undefined, never>;
}

export interface AccountabilityBasisTable {
  id: Generated<number>;
  record_id: Fixed<number>;
  kind: Fixed<BasisKind>;
  case_id: BigId;
  review_id: ColumnType<number | null, number | null | undefined, never>;
  complaint_id: BigId;
  notice_id: ColumnType<number | null, number | null | undefined, never>;
  ref: Fixed<string>;
}

export interface AccountabilityDecisionTable {
  id: Generated<number>;
  record_id: Fixed<number>;
  outcome: Fixed<DecisionOutcome>;
  level: ColumnType<number | null, number | null, never>;
  level_label: ColumnType<string | null, string | null, never>;
  reason: Fixed<string>;
  decided_by: Fixed<number>;
  decided_at: FixedOptional<Date>;
}

/** The view accountability_record_states: a record with its decision and state. */
export interface AccountabilityRecordStateView {
  id: Never<number>;
  staff_id: Never<number>;
  staff_no: Never<string>;
  staff_name: Never<string>;
  grounds: Never<GroundsCode>;
  grounds_note: Never<string | null>;
  proposed_level: Never<number>;
  proposed_level_label: Never<string>;
  facts: Never<string>;
  proposed_by: Never<number>;
  proposed_at: Never<Date>;
  corrects_id: Never<number | null>;
  decision_id: Never<number | null>;
  outcome: Never<DecisionOutcome | null>;
  decided_level: Never<number | null>;
  decided_level_label: Never<string | null>;
  decision_reason: Never<string | null>;
  decided_by: Never<number | null>;
  decided_at: Never<Date | null>;
  corrected_by_id: Never<number | null>;
  state: Never<RecordState>;
}
