import type { Role } from './roles';

// Labels and access of accountability (责任追究), shared by the pages. Every decision is
// still taken on the server (requireRole, the service's checks). The labels of levels and
// grounds come from the database (configurable); these are the fixed ones.

/** May open the lists, records and people (security.md: leaders and inspectors). */
export const ACCOUNTABILITY_VIEW_ROLES: readonly Role[] = ['leader', 'inspector'];
/** May propose and correct (security.md: inspectors propose accountability). */
export const ACCOUNTABILITY_PROPOSE_ROLES: readonly Role[] = ['inspector'];
/** May decide or decline (security.md: leaders decide accountability). */
export const ACCOUNTABILITY_DECIDE_ROLES: readonly Role[] = ['leader'];

export const STATE_LABELS: Record<string, string> = {
  proposed: '待决定',
  decided: '已决定',
  declined: '不予追责',
  superseded: '已更正'
};

export const BASIS_LABELS: Record<string, string> = {
  case: '办件',
  review: '案卷评查',
  complaint: '投诉',
  notice: '整改通知'
};

/** What a pending item is, as a tab of the pending-decision list. */
export const PENDING_LABELS: Record<string, string> = {
  case: '超法定时限办件',
  review: '不合格案卷',
  complaint: '属实投诉'
};

export const PENDING_KINDS = ['case', 'review', 'complaint'] as const;
export type PendingKind = (typeof PENDING_KINDS)[number];

export const RECORD_STATE_FILTERS = [
  { value: 'all', label: '全部' },
  { value: 'proposed', label: '待决定' },
  { value: 'decided', label: '已决定' },
  { value: 'declined', label: '不予追责' },
  { value: 'superseded', label: '已更正' }
] as const;

/** One row of the pending-decision list. */
export interface PendingItem {
  kind: PendingKind;
  /** What the proposal form takes: a case number, a review id or a complaint id. */
  ref: string;
  caseNo: string | null;
  /** The statutory due date, the review's submission or the complaint's receipt. */
  date: string | Date | null;
  detail: string;
  drawId: number | null;
  staffId: number | null;
  staffNo: string | null;
  staffName: string | null;
  /** A proposal waiting for the leader's decision, if any. */
  proposalId: number | null;
}

/** The filters of the records list. */
export interface RecordFilter {
  state: 'all' | 'proposed' | 'decided' | 'declined' | 'superseded';
  grounds: string | null;
  /** The decided level. */
  level: number | null;
  /** Year of the decision, or of the proposal while undecided. */
  year: number | null;
  /** Part of a staff number or name. */
  person: string | null;
  /** Decided on these bureau-local days, both included (the inspectors' overview links here). */
  decidedFrom?: string | null;
  decidedTo?: string | null;
}

/** The longest level name: names stand in table cells, select options and printed records. */
export const MAX_LEVEL_NAME = 20;

/** One row of the level-names form as posted and as shown again after an error. */
export interface LevelNameRow {
  level: string;
  /** The stored name the page showed: only rows typed in are saved, others are left alone. */
  was: string;
  label: string;
}
