// Field checks shared by the three entry forms (and the import, row by row). Each returns
// the parsed value or a Chinese message for the field. Pure.

export type FormValues = Record<string, string>;
export type FieldErrors = Record<string, string>;

/** Every text field of a submitted form, as strings (checkboxes absent when unticked). */
export function readForm(form: FormData): FormValues {
  const values: FormValues = {};
  for (const [name, value] of form) if (typeof value === 'string') values[name] = value;
  return values;
}

export const RECORD_NO = /^[A-Za-z0-9._-]{1,40}$/;

export function checkRecordNo(value: string | undefined): string | { error: string } {
  const v = (value ?? '').trim();
  if (v === '') return { error: '请填写记录编号（测评机构自己的编号）' };
  if (!RECORD_NO.test(v)) return { error: '记录编号只能由字母、数字和 . _ - 组成，最多 40 位' };
  return v;
}

/** A date inside the round's period and not after today. */
export function checkDate(
  value: string | undefined,
  what: string,
  period: { from: string; to: string; today: string }
): string | { error: string } {
  const v = (value ?? '').trim();
  if (v === '') return { error: `请填写${what}` };
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v) || Number.isNaN(Date.parse(`${v}T00:00:00Z`)))
    return { error: `${what}格式应为 年-月-日` };
  if (v < period.from || v > period.to)
    return { error: `${what}须在本轮测评期间内（${period.from} 至 ${period.to}）` };
  if (v > period.today) return { error: `${what}不能晚于今天` };
  return v;
}

/** Points 0..max, whole or with one decimal. */
export function checkPoints(
  value: string | undefined,
  label: string,
  max: number
): number | { error: string } {
  const v = (value ?? '').trim();
  if (v === '') return { error: `请为“${label}”打分（0–${max} 分）` };
  if (!/^\d{1,3}(\.\d)?$/.test(v) || Number(v) > max)
    return { error: `“${label}”的得分须为 0 至 ${max} 之间的数（最多一位小数）` };
  return Number(v);
}

/** A level of the five-level scale. */
export function checkLevel(value: string | undefined, label: string): number | { error: string } {
  const v = (value ?? '').trim();
  if (!/^[1-5]$/.test(v)) return { error: `请选择“${label}”的满意程度` };
  return Number(v);
}

export function checkOptionalText(value: string | undefined, label: string, max: number) {
  const v = (value ?? '').trim();
  if (v.length > max) return { error: `${label}不能超过 ${max} 字` };
  return v === '' ? null : v;
}

export const isError = (value: unknown): value is { error: string } =>
  typeof value === 'object' && value !== null && 'error' in value;

/** Collects field results: the parsed values, or the errors by field name. */
export class FieldCollector {
  readonly errors: FieldErrors = {};
  take<T>(name: string, result: T | { error: string }): T {
    if (isError(result)) {
      this.errors[name] = result.error;
      return undefined as T;
    }
    return result;
  }
  get ok(): boolean {
    return Object.keys(this.errors).length === 0;
  }
}

export interface Correction {
  reason: string;
  voided: boolean;
}

/** The extra fields of a correction (更正): a reason, and whether it withdraws the record. */
export function checkCorrection(values: FormValues): Correction | { errors: FieldErrors } {
  const reason = (values.correctionReason ?? '').trim();
  if (reason === '') return { errors: { correctionReason: '请写明更正原因' } };
  if (reason.length > 500) return { errors: { correctionReason: '更正原因不能超过 500 字' } };
  return { reason, voided: values.voided === 'on' };
}
