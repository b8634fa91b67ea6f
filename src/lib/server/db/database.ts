import type { ColumnType, Generated } from 'kysely';
import type {
  AppraisalMonthTable,
  ScoreAppealTable,
  ScoreEventEvidenceTable,
  ScoreEventTable,
  ScoreRuleSetTable
} from '../appraisal/appraisal.table';
import type {
  AccountabilityBasisTable,
  AccountabilityDecisionTable,
  AccountabilityGroundsTable,
  AccountabilityLevelTable,
  AccountabilityRecordStateView,
  AccountabilityRecordTable
} from '../accountability/accountability.table';
import type { AuditLogTable } from '../audit/audit.table';
import type { BulletinTable } from '../bulletins/bulletins.table';
import type { ApiTokenTable, SessionTable, UserTable } from '../auth/auth.table';
import type {
  AuditDrawCaseTable,
  AuditDrawPoolTable,
  AuditDrawPopulationTable,
  AuditDrawReviewerTable,
  AuditDrawStratumTable,
  AuditDrawTable,
  AuditDrawVoidTable,
  AuditPlanTable
} from '../case-audits/case-audits.table';
import type { AuditReviewTable, ScoresheetTemplateTable } from '../case-audits/reviews.table';
import type {
  CalendarDayTable,
  CalendarYearTable,
  CaseClockTable,
  MatterSettingsTable
} from '../case-clock/case-clock.table';
import type {
  EvaluationFacilityCheckTable,
  EvaluationFirmTable,
  EvaluationInstrumentSetTable,
  EvaluationRoundTable,
  EvaluationSurveyTable,
  EvaluationVisitTable
} from '../evaluation/evaluation.table';
import type {
  KpiDailyTable,
  KpiDirtyDayTable,
  KpiFlagsTable,
  KpiNowTable,
  KpiRollupStateTable
} from '../kpis/kpis.table';
import type {
  RectificationEventTable,
  RectificationNoticeStateView,
  RectificationNoticeTable
} from '../rectification/rectification.table';
import type {
  RatingExclusionView,
  RatingMarkStateView,
  RatingMarkTable
} from '../ratings/rating-marks.table';
import type { ReminderTable } from '../reminders/reminders.table';
import type { SyncQuarantineTable, SyncWatermarkTable } from '../sync/sync.table';
import type {
  SyncedCaseEventTable,
  SyncedCaseTable,
  SyncedComplaintTable,
  SyncedDepartmentTable,
  SyncedMatterTable,
  SyncedRatingTable,
  SyncedSectionTable,
  SyncedServicePointTable,
  SyncedStaffTable,
  SyncedWindowTable
} from '../sync/synced.table';

// The single Database type of the product's own PostgreSQL database. Each domain adds
// its tables in its own *.table.ts and they are joined here.

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export type JobRunStatus = 'running' | 'succeeded' | 'failed' | 'skipped';
export type JobTrigger = 'schedule' | 'manual' | 'startup';

export interface JobRunTable {
  id: Generated<string>;
  job_name: string;
  trigger: JobTrigger;
  status: JobRunStatus;
  started_at: Timestamp;
  finished_at: Date | null;
  rows_touched: ColumnType<string, number | undefined, number>;
  message: string | null;
  error: string | null;
  host: string;
  pid: number;
}

export interface AppSettingTable {
  key: string;
  value: ColumnType<unknown, string, string>;
  updated_at: Timestamp;
}

export interface Database {
  job_runs: JobRunTable;
  app_settings: AppSettingTable;
  users: UserTable;
  sessions: SessionTable;
  api_tokens: ApiTokenTable;
  audit_log: AuditLogTable;
  // Copies of the source relations, written by the sync only.
  departments: SyncedDepartmentTable;
  sections: SyncedSectionTable;
  service_points: SyncedServicePointTable;
  windows: SyncedWindowTable;
  staff: SyncedStaffTable;
  matters: SyncedMatterTable;
  cases: SyncedCaseTable;
  case_events: SyncedCaseEventTable;
  ratings: SyncedRatingTable;
  complaints: SyncedComplaintTable;
  sync_watermarks: SyncWatermarkTable;
  sync_quarantine: SyncQuarantineTable;
  // The working-day calendar, warning settings and the derived clock of each case.
  calendar_days: CalendarDayTable;
  calendar_years: CalendarYearTable;
  matter_settings: MatterSettingsTable;
  case_clock: CaseClockTable;
  // Pre-summed headline figures and the days whose sums are stale.
  kpi_daily: KpiDailyTable;
  kpi_now: KpiNowTable;
  kpi_flags: KpiFlagsTable;
  kpi_dirty_days: KpiDirtyDayTable;
  kpi_rollup_state: KpiRollupStateTable;
  // Sampling plans and their draws (办件抽查): insert-only, enforced by triggers.
  audit_plans: AuditPlanTable;
  audit_draws: AuditDrawTable;
  audit_draw_strata: AuditDrawStratumTable;
  audit_draw_population: AuditDrawPopulationTable;
  audit_draw_cases: AuditDrawCaseTable;
  audit_draw_pool: AuditDrawPoolTable;
  audit_draw_reviewers: AuditDrawReviewerTable;
  audit_draw_voids: AuditDrawVoidTable;
  // File reviews (案卷评查): a submitted review is immutable, enforced by a trigger.
  audit_scoresheet_templates: ScoresheetTemplateTable;
  audit_reviews: AuditReviewTable;
  // Rectification notices (整改通知): insert-only; the view derives each notice's state.
  rectification_notices: RectificationNoticeTable;
  rectification_events: RectificationEventTable;
  rectification_notice_states: RectificationNoticeStateView;
  // Marks on bad ratings (核实、整改、申诉): append-only; the views derive state and exclusions.
  rating_marks: RatingMarkTable;
  rating_mark_states: RatingMarkStateView;
  rating_exclusions: RatingExclusionView;
  // The thousand-point appraisal (千分制): versioned rules (append-only), score events,
  // their evidence and appeals, closed months.
  score_rule_sets: ScoreRuleSetTable;
  score_events: ScoreEventTable;
  score_event_evidence: ScoreEventEvidenceTable;
  score_appeals: ScoreAppealTable;
  appraisal_months: AppraisalMonthTable;
  // Reminders of rectification deadlines, written by a job; only read_at changes.
  reminders: ReminderTable;
  // Accountability (责任追究): configurable levels and grounds; records, their basis and
  // decisions insert-only; the view derives each record's state.
  accountability_levels: AccountabilityLevelTable;
  accountability_grounds: AccountabilityGroundsTable;
  accountability_records: AccountabilityRecordTable;
  accountability_basis: AccountabilityBasisTable;
  accountability_decisions: AccountabilityDecisionTable;
  accountability_record_states: AccountabilityRecordStateView;
  // Third-party evaluation (第三方测评): firms, versioned instruments, monthly rounds and
  // their records (append-only once the round is submitted, enforced by triggers).
  evaluation_firms: EvaluationFirmTable;
  evaluation_instrument_sets: EvaluationInstrumentSetTable;
  evaluation_rounds: EvaluationRoundTable;
  evaluation_facility_checks: EvaluationFacilityCheckTable;
  evaluation_visits: EvaluationVisitTable;
  evaluation_surveys: EvaluationSurveyTable;
  // The monthly bulletins (每月集中通报): a published row is immutable, enforced by a trigger.
  bulletins: BulletinTable;
}
