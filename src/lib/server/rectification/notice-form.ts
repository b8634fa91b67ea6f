import type { AddresseeKind, SourceKind } from './rectification.table';

// The new-notice form, checked field by field (messages in Chinese). Pure: whether the
// source and the addressee exist is the service's business.

export const DEFAULT_DEADLINE_DAYS = 10;
export const MAX_DEFECTS = 2000;
export const MAX_RESPONSE = 2000;
/** Largest evidence attachment (the database refuses more as well). */
export const MAX_EVIDENCE_BYTES = 5 * 1024 * 1024;

export interface NoticeFormValues {
  sourceKind: string;
  sourceRef: string;
  addresseeKind: string;
  addresseeCode: string;
  deadlineDays: string;
  defects: string;
}

export interface NoticeInput {
  sourceKind: SourceKind;
  /** An id for review, complaint and rating; a case number for overdue_case. */
  sourceRef: string;
  addresseeKind: AddresseeKind;
  addresseeCode: string;
  deadlineDays: number;
  defects: string;
}

export type FormErrors = Partial<Record<keyof NoticeFormValues, string>>;

const SOURCE_KINDS: readonly string[] = ['review', 'complaint', 'overdue_case', 'rating'];
const ADDRESSEE_KINDS: readonly string[] = ['section', 'window', 'staff'];

export function readNoticeForm(form: FormData): NoticeFormValues {
  const text = (name: string) => String(form.get(name) ?? '');
  return {
    sourceKind: text('sourceKind'),
    sourceRef: text('sourceRef'),
    addresseeKind: text('addresseeKind'),
    addresseeCode: text('addresseeCode'),
    deadlineDays: text('deadlineDays'),
    defects: text('defects')
  };
}

export function checkNoticeForm(values: NoticeFormValues): { input: NoticeInput } | { errors: FormErrors } {
  const errors: FormErrors = {};
  if (!SOURCE_KINDS.includes(values.sourceKind)) errors.sourceKind = '请选择整改来源';
  const ref = values.sourceRef.trim();
  if (values.sourceKind === 'overdue_case') {
    if (ref === '' || ref.length > 100) errors.sourceRef = '请填写超期办件的办件编号';
  } else if (!/^\d{1,15}$/.test(ref)) errors.sourceRef = '请填写来源记录的编号（数字）';
  if (!ADDRESSEE_KINDS.includes(values.addresseeKind)) errors.addresseeKind = '请选择整改对象类型';
  const code = values.addresseeCode.trim();
  if (code === '' || code.length > 100)
    errors.addresseeCode = '请填写整改对象的代码（科室代码、窗口代码或工号）';
  const days = values.deadlineDays.trim() === '' ? DEFAULT_DEADLINE_DAYS : Number(values.deadlineDays.trim());
  if (!Number.isInteger(days) || days < 1 || days > 60) errors.deadlineDays = '整改期限须为 1 至 60 个工作日';
  const defects = values.defects.trim();
  if (defects === '') errors.defects = '请写明需要整改的问题';
  else if ([...defects].length > MAX_DEFECTS) errors.defects = `整改问题不超过 ${MAX_DEFECTS} 字`;
  if (Object.keys(errors).length > 0) return { errors };
  return {
    input: {
      sourceKind: values.sourceKind as SourceKind,
      sourceRef: ref,
      addresseeKind: values.addresseeKind as AddresseeKind,
      addresseeCode: code,
      deadlineDays: days,
      defects
    }
  };
}

/** A response or a reason: 1–2000 characters after trimming; null when fine. */
export function checkText(text: string, what: string): string | null {
  const trimmed = text.trim();
  if (trimmed === '') return `请填写${what}`;
  if ([...trimmed].length > MAX_RESPONSE) return `${what}不超过 ${MAX_RESPONSE} 字`;
  return null;
}
