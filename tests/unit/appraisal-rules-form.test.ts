import { describe, expect, it } from 'vitest';
import { describeRuleSetChanges } from '../../src/lib/server/appraisal/rule-versions';
import {
  checkRuleForm,
  fieldOfMessage,
  formValuesOf,
  readRuleForm,
  type RuleFormValues
} from '../../src/lib/server/appraisal/rules-form';
import { defaultRuleSet } from '../../src/lib/server/appraisal/score-types';

// The rule catalogue editor's form: values of the newest version, parsing, errors keyed
// by field (validateRuleSet's messages mapped back), and the history's change lines.

const base = defaultRuleSet(3);
const edit = (f: (v: RuleFormValues) => void) => {
  const v = formValuesOf(base);
  f(v);
  return checkRuleForm(v, base);
};
const errorsOf = (outcome: ReturnType<typeof checkRuleForm>) => ('errors' in outcome ? outcome.errors : {});

describe('the rule form', () => {
  it('round-trips through FormData and refuses an unchanged version', () => {
    const v = formValuesOf(base);
    const form = new FormData();
    form.set('baseId', v.baseId);
    form.set('ruleCount', String(v.rules.length));
    for (const [d, x] of Object.entries(v.dimensions)) form.set(`dim_${d}`, x);
    form.set('bonusCap', v.bonusCap);
    form.set('chiefShare', v.chiefShare);
    v.rules.forEach((r, i) => {
      form.set(`code_${i}`, r.code);
      form.set(`label_${i}`, r.label);
      form.set(`target_${i}`, r.target);
      form.set(`points_${i}`, r.points);
      form.set(`cap_${i}`, r.cap);
      if (r.enabled) form.set(`enabled_${i}`, 'on');
    });
    expect(readRuleForm(form)).toEqual(v);
    expect(errorsOf(checkRuleForm(v, base))).toEqual({ form: '与当前版本完全相同，无需保存新版本' });
  });

  it('makes a new version with changed points, a switched-off rule and a new manual rule', () => {
    const outcome = edit((v) => {
      v.rules[3].points = '-20';
      v.rules[4].enabled = false;
      Object.assign(v.rules[v.rules.length - 1], {
        code: 'phone_at_window',
        label: '窗口玩手机',
        points: '-5'
      });
      v.note = '差评加重';
    });
    if (!('ruleSet' in outcome)) throw new Error(JSON.stringify(outcome));
    expect(outcome.ruleSet.rules[3]).toMatchObject({ code: 'bad_rating', points: -20 });
    expect(outcome.ruleSet.rules[4].enabled).toBe(false);
    expect(outcome.ruleSet.rules.at(-1)).toMatchObject({
      code: 'phone_at_window',
      source: 'manual',
      target: 'style'
    });
    expect(outcome.note).toBe('差评加重');
  });

  it('gives the errors field by field, in Chinese', () => {
    expect(errorsOf(edit((v) => (v.dimensions.attire = '160')))).toEqual({
      dimensions: '五个维度的分值之和须为 1000（当前为 1010）'
    });
    expect(errorsOf(edit((v) => (v.dimensions.quality = '')))).toEqual({ dim_quality: '须填写' });
    expect(errorsOf(edit((v) => (v.chiefShare = '1.5')))).toHaveProperty('chiefShare');
    expect(errorsOf(edit((v) => (v.bonusCap = 'abc')))).toEqual({ bonusCap: '须为数字' });
    const ruleErrors = errorsOf(
      edit((v) => {
        v.rules[0].points = '-1.25';
        v.rules[1].label = '';
        v.rules[2].cap = '-1';
        v.rules[4].points = '-1'; // a bonus rule must be positive
      })
    );
    expect(Object.keys(ruleErrors).sort()).toEqual(['cap_2', 'label_1', 'points_0', 'points_4']);
    expect(ruleErrors.label_1).toContain('名称不能为空');
  });

  it('keeps existing codes, refuses a duplicate new code and a stale base', () => {
    expect(errorsOf(edit((v) => (v.rules[0].code = 'renamed')))).toEqual({
      code_0: '已有规则的代码不能修改'
    });
    const dup = edit((v) =>
      Object.assign(v.rules.at(-1)!, { code: 'praise', label: '重复', points: '5', target: 'bonus' })
    );
    expect(Object.keys(errorsOf(dup))).toEqual([`code_${base.rules.length}`]);
    expect(errorsOf(edit((v) => (v.baseId = '2'))).form).toContain('第 3 版');
  });

  it('maps each kind of validateRuleSet message to its field', () => {
    expect(fieldOfMessage('“着装礼仪”的分值须为不小于 0 的整数或半分（当前为 -1）')).toBe('dim_attire');
    expect(fieldOfMessage('第 12 条规则（x）：每月上限须为不小于 0 的整数或半分')).toBe('cap_11');
    expect(fieldOfMessage('第 2 条规则（x）：计分维度无效')).toBe('target_1');
    expect(fieldOfMessage('something else')).toBe('form');
  });
});

describe('the version history', () => {
  it('says what changed from one version to the next', () => {
    const next = defaultRuleSet(4);
    next.dimensionPoints.attire = 100;
    next.dimensionPoints.quality = 300;
    next.rules[3] = { ...next.rules[3], points: -20 };
    next.rules[4] = { ...next.rules[4], enabled: false, monthlyCap: null };
    expect(describeRuleSetChanges(base, next)).toEqual([
      '着装礼仪满分 150 → 100',
      '服务质量满分 250 → 300',
      '“差评（1–2级）”（bad_rating）分值 -15 → -20',
      '“非常满意评价”（very_good_rating）每月上限 20 分 → 不限',
      '“非常满意评价”（very_good_rating）停用'
    ]);
  });
});
