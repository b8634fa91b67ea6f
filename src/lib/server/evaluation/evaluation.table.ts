import type { ColumnType, Generated } from 'kysely';

// Kysely types of third-party evaluation (migration 20261126060000_evaluation). Records of
// a submitted round are append-only (trigger); a correction is a new row, next revision.

type Fixed<T> = ColumnType<T, T, never>;
type FixedOptional<T> = ColumnType<T, T | undefined, never>;
/** date columns read as 'YYYY-MM-DD' (db/connect type parsers). */
type DateText = ColumnType<string, string, string>;
/** numeric columns read as strings. */
type Weight = ColumnType<string, number | undefined, number>;
type Json<T> = ColumnType<T, string, string>;

export interface EvaluationFirmTable {
  code: string;
  name: string;
  created_at: FixedOptional<Date>;
}

export interface EvaluationInstrumentSetTable {
  id: Generated<number>;
  label: Fixed<string>;
  facility_items: Json<unknown>;
  visit_items: Json<unknown>;
  waiting: Json<unknown>;
  survey_aspects: Json<unknown>;
  created_by: FixedOptional<number | null>;
  created_at: FixedOptional<Date>;
}

export type RoundStatus = 'draft' | 'submitted';

export interface EvaluationRoundTable {
  id: Generated<number>;
  month: DateText;
  period_from: DateText;
  period_to: DateText;
  firm_code: string;
  instrument_set_id: number;
  weight_facility: Weight;
  weight_visit: Weight;
  weight_survey: Weight;
  status: ColumnType<RoundStatus, RoundStatus | undefined, RoundStatus>;
  created_by: Fixed<number>;
  created_at: FixedOptional<Date>;
  submitted_by: number | null;
  submitted_at: Date | null;
}

interface RecordColumns {
  id: Generated<number>;
  round_id: number;
  record_no: string;
  revision: ColumnType<number, number | undefined, number>;
  corrects_id: number | null;
  correction_reason: string | null;
  voided: ColumnType<boolean, boolean | undefined, boolean>;
  entered_by: number;
  entered_at: FixedOptional<Date>;
}

export interface EvaluationFacilityCheckTable extends RecordColumns {
  service_point_id: number;
  checked_on: DateText;
  earned: Json<Record<string, number | null>>;
  notes: string | null;
}

export interface EvaluationVisitTable extends RecordColumns {
  window_id: number;
  visited_on: DateText;
  /** 'HH:MM:SS' */
  visited_time: string;
  matter: string;
  item_scores: Json<Record<string, number>>;
  waiting_minutes: number;
  problems: string | null;
}

export interface EvaluationSurveyTable extends RecordColumns {
  service_point_id: number | null;
  answered_on: DateText;
  channel: string;
  case_no: string | null;
  overall: number;
  aspects: Json<Record<string, number>>;
}
