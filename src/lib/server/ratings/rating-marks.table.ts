import type { ColumnType, Generated } from 'kysely';
import type { MarkKind } from '../../rating-marks';

// Kysely types of the marks on bad ratings (migration 20261126050000_rating_marks).
// Append-only: a trigger refuses UPDATE, DELETE and TRUNCATE.

type Fixed<T> = ColumnType<T, T, never>;
type ReadOnly<T> = ColumnType<T, never, never>;

export interface RatingMarkTable {
  id: Generated<number>;
  /** bigint: pg returns it as a string. */
  rating_id: Fixed<string>;
  kind: Fixed<MarkKind>;
  reason: ColumnType<string | null, string | null | undefined, never>;
  by_user_id: Fixed<number>;
  at: ColumnType<Date, Date | undefined, never>;
}

/** The view rating_mark_states: each marked rating with its latest mark and its appeal. */
export interface RatingMarkStateView {
  rating_id: ReadOnly<string>;
  state: ReadOnly<MarkKind>;
  reason: ReadOnly<string | null>;
  by_user_id: ReadOnly<number>;
  at: ReadOnly<Date>;
  appeal_kind: ReadOnly<'appealed_mistaken' | 'appealed_malicious' | null>;
}

/** The view rating_exclusions: ratings left out of the appraisal (accepted appeals). */
export interface RatingExclusionView {
  rating_id: ReadOnly<string>;
}
