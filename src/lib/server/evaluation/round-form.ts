import type { FieldErrors, FormValues } from './form-fields';
import { DEFAULT_WEIGHTS, type Weights } from './instruments';

// The new-round form (a leader assigns a month to a firm). Pure.

export interface RoundInput {
  /** 'YYYY-MM-01' */
  month: string;
  periodFrom: string;
  periodTo: string;
  firmCode: string;
  /** Needed when the firm is new; ignored otherwise. */
  firmName: string | null;
  weights: Weights;
}

export const FIRM_CODE = /^[A-Za-z0-9._-]{1,32}$/;

/** The first and last day of a 'YYYY-MM' month. */
export function monthBounds(month: string): { from: string; to: string } {
  const [y, m] = month.split('-').map(Number);
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { from: `${month}-01`, to: `${month}-${String(last).padStart(2, '0')}` };
}

const WEIGHT_LABELS: Record<keyof Weights, string> = {
  facility: '明察权重',
  visit: '暗访权重',
  survey: '满意度权重'
};

export function checkRoundForm(values: FormValues): { input: RoundInput } | { errors: FieldErrors } {
  const errors: FieldErrors = {};
  const month = (values.month ?? '').trim();
  const monthOk = /^\d{4}-(0[1-9]|1[0-2])$/.test(month);
  if (!monthOk) errors.month = '请选择测评月份（年-月）';
  const bounds = monthOk ? monthBounds(month) : { from: '', to: '' };
  const periodFrom = (values.periodFrom ?? '').trim() || bounds.from;
  const periodTo = (values.periodTo ?? '').trim() || bounds.to;
  const isDate = (v: string) => /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`));
  if (!isDate(periodFrom)) errors.periodFrom = '开始日期格式应为 年-月-日';
  if (!isDate(periodTo)) errors.periodTo = '结束日期格式应为 年-月-日';
  else if (isDate(periodFrom) && periodTo < periodFrom) errors.periodTo = '结束日期不能早于开始日期';
  const firmCode = (values.firmCode ?? '').trim();
  if (!FIRM_CODE.test(firmCode)) errors.firmCode = '请填写测评机构代码（字母、数字或 . _ -，最多 32 位）';
  const firmName = (values.firmName ?? '').trim() || null;
  if (firmName && firmName.length > 100) errors.firmName = '机构名称不能超过 100 字';
  const weights = { ...DEFAULT_WEIGHTS };
  for (const key of Object.keys(WEIGHT_LABELS) as (keyof Weights)[]) {
    const raw = (values[`weight_${key}`] ?? '').trim();
    if (raw === '') continue;
    if (!/^(0(\.\d{1,3})?|1(\.0{1,3})?)$/.test(raw))
      errors[`weight_${key}`] = `${WEIGHT_LABELS[key]}须为 0 至 1 之间的小数`;
    else weights[key] = Number(raw);
  }
  const sum = weights.facility + weights.visit + weights.survey;
  if (!errors.weight_facility && !errors.weight_visit && !errors.weight_survey && Math.abs(sum - 1) >= 0.0005)
    errors.weight_survey = `三项权重之和须为 1（现为 ${Number(sum.toFixed(3))}）`;
  if (Object.keys(errors).length) return { errors };
  return { input: { month: `${month}-01`, periodFrom, periodTo, firmCode, firmName, weights } };
}
