import type { Role } from './roles';

// Labels and access of rectification notices (整改通知), shared by the pages. Every
// decision is still taken on the server (requireRole, the service's checks).

/** May open the list and a notice (section heads and staff: their own only). */
export const RECTIFICATION_VIEW_ROLES: readonly Role[] = ['leader', 'inspector', 'section_head', 'staff'];
/** May issue, verify and reject (shared/spec/security.md: inspectors). */
export const RECTIFICATION_ISSUE_ROLES: readonly Role[] = ['inspector'];

export const SOURCE_LABELS: Record<string, string> = {
  review: '案卷评查',
  complaint: '投诉',
  overdue_case: '超法定时限办件',
  rating: '差评'
};

export const ADDRESSEE_LABELS: Record<string, string> = {
  section: '科室',
  window: '窗口',
  staff: '工作人员'
};

export const STATE_LABELS: Record<string, string> = {
  issued: '待整改',
  responded: '已回复待核验',
  verified: '已核验'
};

export const EVENT_LABELS: Record<string, string> = {
  responded: '回复整改情况',
  verified: '核验通过',
  rejected: '退回重新整改'
};

export const STATE_FILTERS = [
  { value: 'all', label: '全部' },
  { value: 'issued', label: '待整改' },
  { value: 'responded', label: '待核验' },
  { value: 'verified', label: '已核验' },
  { value: 'overdue', label: '已逾期' }
] as const;
