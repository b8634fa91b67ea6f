import type { Role } from './roles';

// Marks on bad ratings (差评标记) and who may set which: pure and browser-safe, so that the
// page offers only what the server will accept. The server repeats every check, and the
// database's trigger repeats the state machine (migration 20261126050000_rating_marks).
// Rules: docs/rules/ratings.md.

export const MARK_KINDS = [
  'verified',
  'rectified',
  'appealed_mistaken',
  'appealed_malicious',
  'appeal_accepted',
  'appeal_rejected'
] as const;
export type MarkKind = (typeof MARK_KINDS)[number];
export type MarkState = MarkKind | 'none';

export const APPEAL_KINDS: readonly MarkKind[] = ['appealed_mistaken', 'appealed_malicious'];
export const DECISION_KINDS: readonly MarkKind[] = ['appeal_accepted', 'appeal_rejected'];

/** The mark as an action (buttons, audit). */
export const MARK_LABELS: Record<MarkKind, string> = {
  verified: '已核实',
  rectified: '已整改',
  appealed_mistaken: '申诉为误评',
  appealed_malicious: '申诉为恶意评价',
  appeal_accepted: '申诉成立',
  appeal_rejected: '申诉驳回'
};

/** The mark as a state (lists). */
export const MARK_STATE_LABELS: Record<MarkState, string> = {
  none: '未标记',
  verified: '已核实',
  rectified: '已整改',
  appealed_mistaken: '误评申诉待裁定',
  appealed_malicious: '恶意评价申诉待裁定',
  appeal_accepted: '申诉成立（不计考核）',
  appeal_rejected: '申诉驳回'
};

/** The list's mark filter: a state, or every pending appeal. */
export const MARK_FILTERS = [
  { value: '', label: '全部' },
  { value: 'none', label: '未标记' },
  { value: 'verified', label: '已核实' },
  { value: 'rectified', label: '已整改' },
  { value: 'appealed', label: '申诉待裁定' },
  { value: 'appeal_accepted', label: '申诉成立' },
  { value: 'appeal_rejected', label: '申诉驳回' }
] as const;
export type MarkFilter = Exclude<(typeof MARK_FILTERS)[number]['value'], ''>;

export function isMarkFilter(value: string | null): value is MarkFilter {
  return MARK_FILTERS.some((f) => f.value !== '' && f.value === value);
}

export function isMarkKind(value: string | null): value is MarkKind {
  return (MARK_KINDS as readonly (string | null)[]).includes(value);
}

/** May open the rating pages (section heads: their own sections only). */
export const RATING_VIEW_ROLES: readonly Role[] = ['leader', 'inspector', 'section_head'];
/** Decide appeals and mark a rating verified: the oversight, never the section concerned. */
export const RATING_JUDGE_ROLES: readonly Role[] = ['leader', 'inspector'];

/** The marks that may follow a state (the trigger's state machine). */
export function nextMarks(state: MarkState, appealedBefore: boolean): MarkKind[] {
  const appeal = appealedBefore ? [] : (['appealed_mistaken', 'appealed_malicious'] as MarkKind[]);
  switch (state) {
    case 'none':
      return ['verified', 'rectified', ...appeal];
    case 'verified':
      return ['rectified', ...appeal];
    case 'appeal_rejected':
      return ['rectified'];
    case 'appealed_mistaken':
    case 'appealed_malicious':
      return ['appeal_accepted', 'appeal_rejected'];
    default:
      return [];
  }
}

export interface Marker {
  userId: number | null;
  roles: readonly Role[];
  /** Whether the rating lies in one of the marker's sections (section heads). */
  inOwnSection: boolean;
}

/**
 * Whether this person may set this mark: leaders and inspectors every mark; a section head
 * on their own section's ratings only 已整改 and an appeal; a decision never by the appellant.
 */
export function mayMark(kind: MarkKind, who: Marker, appellantId: number | null): boolean {
  const judge = who.roles.some((r) => RATING_JUDGE_ROLES.includes(r));
  if (DECISION_KINDS.includes(kind)) return judge && who.userId !== null && who.userId !== appellantId;
  if (judge) return true;
  if (kind === 'verified') return false;
  return who.roles.includes('section_head') && who.inOwnSection;
}

export const MAX_REASON = 500;

/** Checks a mark form: Chinese errors by field. */
export function checkMarkForm(
  kind: string | null,
  reason: string | null
): { kind: MarkKind; reason: string | null } | { errors: Record<string, string> } {
  if (!isMarkKind(kind)) return { errors: { kind: '请选择标记' } };
  const text = (reason ?? '').trim();
  const needsReason = APPEAL_KINDS.includes(kind) || DECISION_KINDS.includes(kind);
  if (needsReason && !text)
    return {
      errors: { reason: APPEAL_KINDS.includes(kind) ? '请写明申诉理由' : '请写明裁定理由' }
    };
  if (text.length > MAX_REASON) return { errors: { reason: `说明不能超过 ${MAX_REASON} 字` } };
  return { kind, reason: text || null };
}

// ---- Labels of the rating and complaint pages ----

export const RATING_CHANNEL_LABELS: Record<string, string> = {
  hall_device: '大厅评价器',
  online: '网上评价',
  sms: '短信评价',
  app: '移动端评价',
  hotline: '热线回访'
};

export const RATING_LEVEL_LABELS: Record<number, string> = {
  1: '非常不满意',
  2: '不满意',
  3: '基本满意',
  4: '满意',
  5: '非常满意'
};

/** A bad rating's rectification through notices (整改通知 of source 差评). */
export const NOTICE_PROGRESS_LABELS: Record<string, string> = {
  none: '未下发整改',
  issued: '已下发整改通知',
  responded: '已回复待核验',
  verified_on_time: '按期整改核验',
  verified_late: '逾期整改核验'
};

export const COMPLAINT_SOURCE_LABELS: Record<string, string> = {
  hotline: '热线（12345）',
  online: '网上投诉',
  letter: '来信',
  visit: '来访'
};

/** A complaint's finding: 属实, 不属实, or 待认定 while none is recorded. */
export const substantiatedText = (v: boolean | null) => (v === null ? '待认定' : v ? '属实' : '不属实');

/** ID and phone numbers a citizen may have typed into a comment, masked like everywhere else. */
export function maskDigitsInText(text: string | null): string {
  if (!text) return '';
  return text.replace(/\d{17}[\dXx]|\d{15}|1\d{10}/g, (m) =>
    m.length === 11
      ? m.slice(0, 3) + '****' + m.slice(-4)
      : m.slice(0, 6) + '*'.repeat(m.length - 10) + m.slice(-4)
  );
}
