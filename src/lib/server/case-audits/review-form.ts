import type { ScoreEntry, ScoreError, ScoresheetTemplate } from '../../scoresheet';

// The review form's fields, per item code: `deducted.<code>` (blank = 0), `defect.<code>`,
// `legality.<code>` (a checkbox). Only what cannot be a number is refused here; the rest
// is scoreFile's.

export interface ReviewFormValues {
  [code: string]: { deducted: string; defect: string; legality: boolean };
}

export function readReviewForm(form: FormData, template: ScoresheetTemplate) {
  const values: ReviewFormValues = {};
  const entries: ScoreEntry[] = [];
  const errors: ScoreError[] = [];
  for (const { code, label } of template) {
    const deducted = String(form.get(`deducted.${code}`) ?? '').trim();
    const defect = String(form.get(`defect.${code}`) ?? '');
    const legality = form.get(`legality.${code}`) !== null;
    values[code] = { deducted, defect, legality };
    const number = deducted === '' ? 0 : Number(deducted);
    if (!/^\d+(\.\d+)?$/.test(deducted) && deducted !== '')
      errors.push({ item: code, message: `${label}：扣分应为数字，如 2 或 0.5` });
    else entries.push({ item: code, deducted: number, defect, legality });
  }
  return { values, entries, errors };
}

/** Errors by item code (several per item joined), and those of no item. */
export function errorsByItem(errors: readonly ScoreError[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const { item, message } of errors) {
    const key = item ?? '_';
    out[key] = out[key] ? `${out[key]}；${message}` : message;
  }
  return out;
}
