import { DIMENSION_LABELS, DIMENSIONS, type RuleTarget, type ScoreRule } from '../../appraisal/catalogue';
import { validateRuleSet, type RuleSet } from './score-types';

// The rule catalogue editor's form (/appraisal/rules): a new version made from the newest
// one. Existing rules keep their code and source (events and derivers refer to them) and
// cannot be removed, only switched off; one blank row may add a manual rule. Errors are
// keyed by field: the parser's own, then validateRuleSet's mapped back to their fields.

export type FieldErrors = Record<string, string>;

export interface RuleFormValues {
  baseId: string;
  dimensions: Record<string, string>;
  bonusCap: string;
  chiefShare: string;
  note: string;
  rules: { code: string; label: string; target: string; points: string; cap: string; enabled: boolean }[];
}

const TARGETS: readonly string[] = [...DIMENSIONS, 'bonus'];

/** The form's values of a rule set, plus the blank row for a new rule. */
export function formValuesOf(set: RuleSet & { id: number }): RuleFormValues {
  return {
    baseId: String(set.id),
    dimensions: Object.fromEntries(DIMENSIONS.map((d) => [d, String(set.dimensionPoints[d])])),
    bonusCap: String(set.bonusCap),
    chiefShare: String(set.chiefShare),
    note: '',
    rules: [
      ...set.rules.map((r) => ({
        code: r.code,
        label: r.label,
        target: r.target,
        points: String(r.points),
        cap: r.monthlyCap === null ? '' : String(r.monthlyCap),
        enabled: r.enabled
      })),
      { code: '', label: '', target: 'style', points: '', cap: '', enabled: true }
    ]
  };
}

export function readRuleForm(form: FormData): RuleFormValues {
  const text = (name: string) => String(form.get(name) ?? '').trim();
  const count = Math.min(200, Math.max(0, Number(text('ruleCount')) || 0));
  return {
    baseId: text('baseId'),
    dimensions: Object.fromEntries(DIMENSIONS.map((d) => [d, text(`dim_${d}`)])),
    bonusCap: text('bonusCap'),
    chiefShare: text('chiefShare'),
    note: text('note'),
    rules: Array.from({ length: count }, (_, i) => ({
      code: text(`code_${i}`),
      label: text(`label_${i}`),
      target: text(`target_${i}`),
      points: text(`points_${i}`),
      cap: text(`cap_${i}`),
      enabled: form.get(`enabled_${i}`) === 'on'
    }))
  };
}

function number(value: string, key: string, errors: FieldErrors): number {
  if (value === '') errors[key] = '须填写';
  else if (!Number.isFinite(Number(value))) errors[key] = '须为数字';
  return value === '' ? NaN : Number(value);
}

/** validateRuleSet's message → the field it is about. */
export function fieldOfMessage(message: string): string {
  for (const d of DIMENSIONS) if (message.startsWith(`“${DIMENSION_LABELS[d]}”`)) return `dim_${d}`;
  if (message.startsWith('五个维度')) return 'dimensions';
  if (message.startsWith('每月加分上限')) return 'bonusCap';
  if (message.startsWith('首席代表')) return 'chiefShare';
  const rule = /^第 (\d+) 条规则（[^）]*）：(.*)$/.exec(message);
  if (rule) {
    const i = Number(rule[1]) - 1;
    const what = rule[2];
    if (what.startsWith('代码')) return `code_${i}`;
    if (what.startsWith('名称')) return `label_${i}`;
    if (what.startsWith('计分维度')) return `target_${i}`;
    if (what.startsWith('每月上限')) return `cap_${i}`;
    return `points_${i}`;
  }
  return 'form';
}

/**
 * The new version's rule set, or the errors by field. `base` is the newest version the
 * form was made from: existing rules are matched to it by position and keep code and source.
 */
export function checkRuleForm(
  values: RuleFormValues,
  base: RuleSet & { id: number }
): { ruleSet: Omit<RuleSet, 'id'>; note: string | null } | { errors: FieldErrors } {
  const errors: FieldErrors = {};
  if (values.baseId !== String(base.id)) {
    errors.form = `规则已更新为第 ${base.id} 版（您编辑的是第 ${values.baseId} 版），请刷新页面后重新修改`;
    return { errors };
  }
  const dimensionPoints = Object.fromEntries(
    DIMENSIONS.map((d) => [d, number(values.dimensions[d] ?? '', `dim_${d}`, errors)])
  ) as RuleSet['dimensionPoints'];
  const bonusCap = number(values.bonusCap, 'bonusCap', errors);
  const chiefShare = number(values.chiefShare, 'chiefShare', errors);
  const rules: ScoreRule[] = [];
  values.rules.forEach((r, i) => {
    const existing = base.rules[i];
    if (!existing && r.code === '' && r.label === '' && r.points === '') return; // the blank row
    if (existing && r.code !== existing.code) errors[`code_${i}`] = '已有规则的代码不能修改';
    if (!TARGETS.includes(r.target)) errors[`target_${i}`] = '请选择计分维度';
    rules.push({
      code: existing ? existing.code : r.code,
      label: r.label,
      target: r.target as RuleTarget,
      points: number(r.points, `points_${i}`, errors),
      source: existing ? existing.source : 'manual',
      monthlyCap: r.cap === '' ? null : number(r.cap, `cap_${i}`, errors),
      enabled: r.enabled
    });
  });
  if (values.rules.length < base.rules.length) errors.form = '规则不能删除，只能停用';
  if (Object.keys(errors).length) return { errors };
  const ruleSet = { id: base.id + 1, dimensionPoints, bonusCap, chiefShare, rules };
  for (const message of validateRuleSet(ruleSet)) {
    const key = fieldOfMessage(message);
    errors[key] = errors[key] ? `${errors[key]}；${message}` : message;
  }
  if (Object.keys(errors).length) return { errors };
  if (sameRuleSet(ruleSet, base)) return { errors: { form: '与当前版本完全相同，无需保存新版本' } };
  return { ruleSet: { dimensionPoints, bonusCap, chiefShare, rules }, note: values.note || null };
}

function sameRuleSet(a: Omit<RuleSet, 'id'>, b: Omit<RuleSet, 'id'>): boolean {
  const key = (s: Omit<RuleSet, 'id'>) =>
    JSON.stringify([
      DIMENSIONS.map((d) => s.dimensionPoints[d]),
      s.bonusCap,
      s.chiefShare,
      s.rules.map((r) => [r.code, r.label, r.target, r.points, r.source, r.monthlyCap, r.enabled])
    ]);
  return key(a) === key(b);
}
