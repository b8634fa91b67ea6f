import type { Role } from '../roles';
import { CHIEF_SHARE_RULE, type ScoreRule } from './catalogue';

// Manual score events and appeals (申诉; docs/rules/appraisal.md "Manual events and
// appeals"): who may open what, the labels, and the checks of the forms. Browser-safe and
// pure; every decision is taken again on the server (manual-events.service.ts,
// appeals.service.ts) with the row scope.

/** May open an event (staff: their own only; section heads: their sections; inspectors read-only). */
export const EVENT_VIEW_ROLES: readonly Role[] = ['leader', 'inspector', 'section_head', 'staff'];
/** May open the appeals page (reviewers their queue, staff their own appeals). */
export const APPEAL_PAGE_ROLES: readonly Role[] = ['leader', 'section_head', 'staff'];
/** May decide appeals (section heads: their sections, never an event they entered). */
export const APPEAL_REVIEW_ROLES: readonly Role[] = ['leader', 'section_head'];

export const ORIGIN_LABELS: Record<string, string> = {
  automatic: '系统自动',
  manual: '人工录入',
  correction: '结账后更正'
};

export const DECISION_LABELS: Record<'upheld' | 'revoked', string> = {
  upheld: '维持（驳回申诉）',
  revoked: '撤销（扣分作废）'
};

export const MAX_NOTE = 1000;
export const MAX_REASON = 2000;
/** At most this many files per event, together at most MAX_EVIDENCE_BYTES (the request limit is 6 MB). */
export const MAX_EVIDENCE_FILES = 3;
export const MAX_EVIDENCE_BYTES = 5 * 1024 * 1024;
/** What the file inputs offer; the server checks the bytes themselves (sniffEvidenceType). */
export const EVIDENCE_ACCEPT = 'image/jpeg,image/png,image/webp,image/gif,image/heic,application/pdf';

/** The rules a person may enter by hand: manual or both, enabled, never the chief's share. */
export function manualRules(rules: readonly ScoreRule[]): ScoreRule[] {
  return rules.filter((r) => r.enabled && r.source !== 'automatic' && r.code !== CHIEF_SHARE_RULE);
}

/** Signed points for people: −5, +10, −7.5 (a true minus sign). */
export function formatEventPoints(points: number | string): string {
  const n = Number(points);
  if (!Number.isFinite(n)) return '—';
  const abs = Number.isInteger(n) ? String(Math.abs(n)) : Math.abs(n).toFixed(1);
  return n < 0 ? `−${abs}` : n > 0 ? `+${abs}` : '0';
}

export interface EventFormValues {
  staffId: string;
  ruleCode: string;
  occurredOn: string;
  note: string;
  /** 'on' when a leader ticks 结账后更正. */
  correction: string;
}

export interface EventInput {
  staffId: number;
  ruleCode: string;
  occurredOn: string;
  note: string | null;
  correction: boolean;
}

export type EventFormErrors = Partial<Record<keyof EventFormValues | 'evidence' | 'form', string>>;

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar date 'YYYY-MM-DD'. */
export function isDate(value: string): boolean {
  const m = DATE.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === value;
}

export function readEventForm(form: FormData): EventFormValues {
  const text = (name: string) => String(form.get(name) ?? '');
  return {
    staffId: text('staffId'),
    ruleCode: text('ruleCode'),
    occurredOn: text('occurredOn'),
    note: text('note'),
    correction: text('correction')
  };
}

/**
 * The entry form, field by field. `today` is the bureau's date: an event cannot be in the
 * future. Whether the person, the rule and the month allow it is the service's business.
 * A correction (after a month is closed) must say why in its note.
 */
export function checkEventForm(
  values: EventFormValues,
  today: string
): { input: EventInput } | { errors: EventFormErrors } {
  const errors: EventFormErrors = {};
  if (!/^\d{1,9}$/.test(values.staffId.trim())) errors.staffId = '请选择被考核人员';
  if (!/^[a-z][a-z0-9_]{0,63}$/.test(values.ruleCode)) errors.ruleCode = '请选择考核规则';
  const date = values.occurredOn.trim();
  if (!isDate(date)) errors.occurredOn = '请填写发生日期（年-月-日）';
  else if (date > today) errors.occurredOn = '发生日期不能晚于今天';
  const note = values.note.trim();
  const correction = values.correction === 'on';
  if ([...note].length > MAX_NOTE) errors.note = `说明不超过 ${MAX_NOTE} 字`;
  else if (correction && note === '') errors.note = '结账后更正须写明更正原因';
  if (Object.keys(errors).length > 0) return { errors };
  return {
    input: {
      staffId: Number(values.staffId.trim()),
      ruleCode: values.ruleCode,
      occurredOn: date,
      note: note === '' ? null : note,
      correction
    }
  };
}

/** An appeal's or a decision's reason: 1–2000 characters after trimming; null when fine. */
export function checkReason(text: string, what: string): string | null {
  const trimmed = text.trim();
  if (trimmed === '') return `请填写${what}`;
  if ([...trimmed].length > MAX_REASON) return `${what}不超过 ${MAX_REASON} 字`;
  return null;
}

/** The type of an evidence file from its first bytes: images and PDF only, else null. */
export function sniffEvidenceType(bytes: Uint8Array): string | null {
  const starts = (...sig: number[]) => sig.every((b, i) => bytes[i] === b);
  const ascii = (from: number, text: string) =>
    [...text].every((c, i) => bytes[from + i] === c.charCodeAt(0));
  if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png';
  if (ascii(0, 'GIF87a') || ascii(0, 'GIF89a')) return 'image/gif';
  if (ascii(0, 'RIFF') && ascii(8, 'WEBP')) return 'image/webp';
  if (ascii(0, '%PDF-')) return 'application/pdf';
  // iPad cameras may save HEIC: an ISO box 'ftyp' with a HEIF brand.
  if (ascii(4, 'ftyp') && ['heic', 'heix', 'mif1', 'msf1'].some((b) => ascii(8, b))) return 'image/heic';
  return null;
}

export interface EvidenceFile {
  name: string;
  size: number;
}

/** How many files and how large, before their bytes are read; null when fine. */
export function checkEvidenceFiles(files: readonly EvidenceFile[]): string | null {
  if (files.length > MAX_EVIDENCE_FILES) return `佐证材料最多 ${MAX_EVIDENCE_FILES} 个文件`;
  const total = files.reduce((sum, f) => sum + f.size, 0);
  if (total > MAX_EVIDENCE_BYTES) return '佐证材料合计不能超过 5 MB';
  return null;
}

interface OnWindow {
  windowId: number | null;
  windowCode: string | null;
  windowName: string | null;
}

/** People grouped by their window, in the order given; those without a window last. */
export function groupByWindow<T extends OnWindow>(
  people: readonly T[]
): { key: string; label: string; people: T[] }[] {
  const groups = new Map<string, { key: string; label: string; people: T[] }>();
  for (const p of people) {
    const key = p.windowId === null ? 'none' : String(p.windowId);
    const label = p.windowName ? `${p.windowName}（${p.windowCode}）` : '未分配窗口';
    const group = groups.get(key) ?? { key, label, people: [] };
    group.people.push(p);
    groups.set(key, group);
  }
  const list = [...groups.values()];
  return [...list.filter((g) => g.key !== 'none'), ...list.filter((g) => g.key === 'none')];
}
