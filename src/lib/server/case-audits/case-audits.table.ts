import type { ColumnType, Generated } from 'kysely';

// Kysely types of the sampling plans and draws (migration 20261125040000_case_audits).
// Insert-only: the database refuses UPDATE and DELETE on every one of these tables, so
// the update types are `never`.

type Fixed<T> = ColumnType<T, T, never>;
type FixedDefault<T> = ColumnType<T, T | undefined, never>;
/** `date` columns: read as 'YYYY-MM-DD' text (see db/connect.ts), written as text. */
type LocalDate = ColumnType<string, string, never>;

export type AuditStrata = 'section' | 'matter' | 'none';
export type SeedOrigin = 'entered' | 'generated';

export interface AuditPlanTable {
  id: Generated<number>;
  title: Fixed<string>;
  period_from: LocalDate;
  period_to: LocalDate;
  section_codes: FixedDefault<string[]>;
  matter_codes: FixedDefault<string[]>;
  strata: Fixed<AuditStrata>;
  /** Millionths: 50000 = 5 %. */
  rate_ppm: Fixed<number>;
  minimum: Fixed<number>;
  reviewers_per_case: Fixed<number>;
  seed: Fixed<string>;
  seed_origin: Fixed<SeedOrigin>;
  created_by: Fixed<number>;
  created_at: FixedDefault<Date>;
}

export interface AuditDrawTable {
  id: Generated<number>;
  plan_id: Fixed<number>;
  drawn_at: FixedDefault<Date>;
  drawn_by: Fixed<number>;
  population_size: Fixed<number>;
  sample_size: Fixed<number>;
  population_digest: Fixed<string>;
  /** A re-draw names the (void) draw of the same plan it supersedes (migration 20261126020000). */
  supersedes_draw_id: ColumnType<number | null, number | null | undefined, never>;
}

/** A draw declared void, with the reason (insert-only; the draw itself is unchanged). */
export interface AuditDrawVoidTable {
  id: Generated<number>;
  draw_id: Fixed<number>;
  reason: Fixed<string>;
  voided_by: Fixed<number>;
  voided_at: FixedDefault<Date>;
}

export interface AuditDrawStratumTable {
  draw_id: Fixed<number>;
  stratum: Fixed<string>;
  population_size: Fixed<number>;
  sample_size: Fixed<number>;
}

export interface AuditDrawPopulationTable {
  draw_id: Fixed<number>;
  case_no: Fixed<string>;
  stratum: Fixed<string>;
}

export interface AuditDrawCaseTable {
  draw_id: Fixed<number>;
  /** bigint: pg returns it as a string. */
  case_id: ColumnType<string, string | number, never>;
  case_no: Fixed<string>;
  stratum: Fixed<string>;
  key: Fixed<string>;
  /** 1-based, in the order of the printout (stratum, then key). */
  position: Fixed<number>;
}

export interface AuditDrawPoolTable {
  draw_id: Fixed<number>;
  reviewer_user_id: Fixed<number>;
  display_name: Fixed<string>;
}

export interface AuditDrawReviewerTable {
  draw_id: Fixed<number>;
  case_no: Fixed<string>;
  reviewer_user_id: Fixed<number>;
  outcome: Fixed<'drawn' | 'skipped'>;
  key: Fixed<string>;
  /** 1-based within the case and outcome, ascending by key. */
  position: Fixed<number>;
}
