import type { BasisKind, DecisionOutcome, GroundsCode } from './accountability.table';

// The proposal form and the decision form, checked field by field (messages in Chinese).
// Pure: whether the person and the references exist is the service's business.

export const MAX_FACTS = 2000;
export const MAX_NOTE = 200;
export const MAX_BASIS = 10;
/** Rows of basis the form shows. */
export const BASIS_ROWS = 5;

export interface BasisValue {
  kind: string;
  ref: string;
}

export interface RecordFormValues {
  staffNo: string;
  grounds: string;
  groundsNote: string;
  level: string;
  facts: string;
  basis: BasisValue[];
  corrects: string;
}

export interface RecordInput {
  staffNo: string;
  grounds: GroundsCode;
  groundsNote: string | null;
  level: number;
  facts: string;
  basis: { kind: BasisKind; ref: string }[];
  correctsId: number | null;
}

export type RecordErrors = Partial<
  Record<'staffNo' | 'grounds' | 'groundsNote' | 'level' | 'facts' | 'basis' | 'corrects', string>
>;

const BASIS_KINDS: readonly string[] = ['case', 'review', 'complaint', 'notice'];

/** From a posted form, or from a query string (the 「更新建议」 button submits by GET). */
export function readRecordForm(form: Pick<FormData, 'get' | 'getAll'>): RecordFormValues {
  const text = (name: string) => String(form.get(name) ?? '');
  const kinds = form.getAll('basisKind').map(String);
  const refs = form.getAll('basisRef').map(String);
  return {
    staffNo: text('staffNo'),
    grounds: text('grounds'),
    groundsNote: text('groundsNote'),
    level: text('level'),
    facts: text('facts'),
    basis: refs.map((ref, i) => ({ kind: kinds[i] ?? '', ref })),
    corrects: text('corrects')
  };
}

export function checkRecordForm(
  values: RecordFormValues,
  config: { levels: readonly number[]; grounds: readonly string[] }
): { input: RecordInput } | { errors: RecordErrors } {
  const errors: RecordErrors = {};
  const staffNo = values.staffNo.trim();
  if (staffNo === '' || staffNo.length > 100) errors.staffNo = '请填写被追责人员的工号';
  if (!config.grounds.includes(values.grounds)) errors.grounds = '请选择追责事由';
  const note = values.groundsNote.trim();
  if (values.grounds === 'other' && note === '') errors.groundsNote = '事由为「其他」时请写明具体事由';
  else if ([...note].length > MAX_NOTE) errors.groundsNote = `事由说明不超过 ${MAX_NOTE} 字`;
  const level = Number(values.level);
  if (!/^\d{1,2}$/.test(values.level.trim()) || !config.levels.includes(level))
    errors.level = '请选择建议的追责级别';
  const facts = values.facts.trim();
  if (facts === '') errors.facts = '请写明事实和理由';
  else if ([...facts].length > MAX_FACTS) errors.facts = `事实和理由不超过 ${MAX_FACTS} 字`;
  const basis = values.basis.map((b) => ({ kind: b.kind, ref: b.ref.trim() })).filter((b) => b.ref !== '');
  if (basis.length === 0) errors.basis = '请至少填写一项依据（办件编号、评查、投诉或整改通知编号）';
  else if (basis.length > MAX_BASIS) errors.basis = `依据最多 ${MAX_BASIS} 项`;
  else if (basis.some((b) => !BASIS_KINDS.includes(b.kind))) errors.basis = '请为每项依据选择类型';
  else if (basis.some((b) => b.kind !== 'case' && !/^\d{1,15}$/.test(b.ref)))
    errors.basis = '评查、投诉、整改通知请填写记录编号（数字）';
  else if (basis.some((b) => b.ref.length > 100)) errors.basis = '办件编号过长';
  else if (new Set(basis.map((b) => `${b.kind}:${b.ref}`)).size !== basis.length) errors.basis = '依据有重复';
  const corrects = values.corrects.trim();
  if (corrects !== '' && !/^\d{1,9}$/.test(corrects)) errors.corrects = '更正的记录编号无效';
  if (Object.keys(errors).length > 0) return { errors };
  return {
    input: {
      staffNo,
      grounds: values.grounds as GroundsCode,
      groundsNote: note === '' ? null : note,
      level,
      facts,
      basis: basis as RecordInput['basis'],
      correctsId: corrects === '' ? null : Number(corrects)
    }
  };
}

export interface DecisionInput {
  outcome: DecisionOutcome;
  level: number | null;
  reason: string;
}

export type DecisionErrors = Partial<Record<'outcome' | 'level' | 'reason', string>>;

export function checkDecisionForm(
  form: { outcome: string; level: string; reason: string },
  levels: readonly number[]
): { input: DecisionInput } | { errors: DecisionErrors } {
  const errors: DecisionErrors = {};
  if (form.outcome !== 'decided' && form.outcome !== 'declined') errors.outcome = '请选择决定追责或不予追责';
  const level = Number(form.level);
  if (form.outcome === 'decided' && (!/^\d{1,2}$/.test(form.level.trim()) || !levels.includes(level)))
    errors.level = '请选择决定的追责级别';
  const reason = form.reason.trim();
  const what = form.outcome === 'declined' ? '不予追责的理由' : '决定意见';
  if (reason === '') errors.reason = `请填写${what}`;
  else if ([...reason].length > MAX_FACTS) errors.reason = `${what}不超过 ${MAX_FACTS} 字`;
  if (Object.keys(errors).length > 0) return { errors };
  const outcome = form.outcome as DecisionOutcome;
  return { input: { outcome, level: outcome === 'decided' ? level : null, reason } };
}
