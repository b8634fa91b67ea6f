import type { ColumnType, Generated } from 'kysely';
import type { Band } from '../../scoresheet';

// Kysely types of the file reviews (migration 20261125050000_case_reviews). A draft's
// entries, score and status may change; a submitted row is refused any change by a trigger.

type Fixed<T> = ColumnType<T, T, never>;
type FixedDefault<T> = ColumnType<T, T | undefined, never>;
/** jsonb: read parsed, written as JSON text. */
type Json<T> = ColumnType<T, string, string>;

export interface ScoresheetTemplateTable {
  id: Generated<number>;
  name: Fixed<string>;
  items: ColumnType<{ code: string; label: string; points: number }[], string, never>;
  active: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: FixedDefault<Date>;
}

export type ReviewStatus = 'draft' | 'submitted';

export interface StoredEntry {
  item: string;
  deducted: number;
  defect: string | null;
  legality: boolean;
}

export interface AuditReviewTable {
  id: Generated<number>;
  draw_id: Fixed<number>;
  /** bigint: pg returns it as a string. */
  case_id: ColumnType<string, string | number, never>;
  case_no: Fixed<string>;
  reviewer_user_id: Fixed<number>;
  template_id: Fixed<number>;
  status: ColumnType<ReviewStatus, ReviewStatus, ReviewStatus>;
  entries: Json<StoredEntry[]>;
  /** numeric(4,1): pg returns it as a string. */
  score: ColumnType<string, number, number>;
  band: ColumnType<Band, Band, Band>;
  legality_defect: ColumnType<boolean, boolean, boolean>;
  corrects_review_id: ColumnType<number | null, number | null | undefined, never>;
  created_at: FixedDefault<Date>;
  updated_at: ColumnType<Date, Date | undefined, Date>;
  submitted_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
}
