import { validateTemplate, type ScoresheetItem, type ScoresheetTemplate } from '../../scoresheet';

// Pure: the scoresheet template form (/audits/templates). Rows come as repeated fields
// `code`, `label`, `points` in the order shown. Field errors are keyed `name`,
// `code.<i>`, `label.<i>`, `points.<i>` (i = 0-based row) and `_` for the whole sheet; the
// last word is validateTemplate's (the same check every template passes, total 100).

export const TEMPLATE_NAME_MAX = 200;
export const ITEM_LABEL_MAX = 50;
const CODE = /^[a-z][a-z0-9_]{0,39}$/;

export interface TemplateFormRow {
  code: string;
  label: string;
  points: string;
}

export interface TemplateFormValues {
  name: string;
  rows: TemplateFormRow[];
}

export type TemplateFormErrors = Record<string, string>;

export function readTemplateForm(form: FormData): TemplateFormValues {
  const all = (key: string) => form.getAll(key).map((v) => (typeof v === 'string' ? v : ''));
  const codes = all('code');
  const labels = all('label');
  const points = all('points');
  const n = Math.max(codes.length, labels.length, points.length);
  const rows = Array.from({ length: n }, (_, i) => ({
    code: codes[i] ?? '',
    label: labels[i] ?? '',
    points: points[i] ?? ''
  }));
  return { name: String(form.get('name') ?? ''), rows };
}

const sameItems = (a: ScoresheetTemplate, b: ScoresheetTemplate) =>
  a.length === b.length &&
  a.every((x, i) => x.code === b[i].code && x.label === b[i].label && x.points === b[i].points);

/**
 * The new version, or the errors in Chinese. Rows left wholly blank are dropped (an added
 * row not filled in); `current` is the version it starts from: an identical copy is refused.
 */
export function checkTemplateForm(
  values: TemplateFormValues,
  current?: ScoresheetTemplate
): { name: string; items: ScoresheetItem[] } | { errors: TemplateFormErrors } {
  const errors: TemplateFormErrors = {};
  const name = values.name.trim();
  if (name === '') errors.name = '请填写模板名称';
  else if ([...name].length > TEMPLATE_NAME_MAX) errors.name = `模板名称不能超过 ${TEMPLATE_NAME_MAX} 字`;

  const rows = values.rows
    .map((r, index) => ({ code: r.code.trim(), label: r.label.trim(), points: r.points.trim(), index }))
    .filter((r) => r.code !== '' || r.label !== '' || r.points !== '');
  const firstRowOf = new Map<string, number>();
  const items: ScoresheetItem[] = [];
  for (const r of rows) {
    const i = r.index;
    if (!CODE.test(r.code))
      errors[`code.${i}`] = '编码应为小写英文字母开头的字母、数字或下划线（如 acceptance）';
    else if (firstRowOf.has(r.code)) errors[`code.${i}`] = `编码与第 ${firstRowOf.get(r.code)! + 1} 行重复`;
    else firstRowOf.set(r.code, i);
    if (r.label === '') errors[`label.${i}`] = '请填写项目名称';
    else if ([...r.label].length > ITEM_LABEL_MAX)
      errors[`label.${i}`] = `项目名称不能超过 ${ITEM_LABEL_MAX} 字`;
    const points = /^\d{1,3}$/.test(r.points) ? Number(r.points) : NaN;
    if (!(points >= 1 && points <= 100)) errors[`points.${i}`] = '分值应为 1 至 100 的整数';
    items.push({ code: r.code, label: r.label, points });
  }
  if (rows.length === 0) errors._ = '评查表至少要有一个评查项目';
  if (Object.keys(errors).length > 0) return { errors };

  const problems = validateTemplate(items);
  if (problems.length > 0) return { errors: { _: problems.join('；') } };
  if (current && sameItems(current, items))
    return { errors: { _: '评查项目与当前版本相同，无需保存新版本' } };
  return { name, items };
}
