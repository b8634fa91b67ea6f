import { describe, expect, it } from 'vitest';
import type { ScoreRule } from '../../src/lib/appraisal/catalogue';
import { monthScore } from '../../src/lib/server/appraisal/month-score';
import { ruleSetForMonth } from '../../src/lib/server/appraisal/rule-set';
import type { RuleSetVersion } from '../../src/lib/server/appraisal/rule-set';
import {
  chiefSharePoints,
  defaultRuleSet,
  validateRuleSet
} from '../../src/lib/server/appraisal/score-types';
import type { RuleSet, ScoreEventInput } from '../../src/lib/server/appraisal/score-types';

const withRule = (patch: Partial<ScoreRule>, index = 0): RuleSet => {
  const rs = defaultRuleSet();
  rs.rules[index] = { ...rs.rules[index], ...patch };
  return rs;
};

describe('validateRuleSet', () => {
  it('accepts the default catalogue', () => {
    expect(validateRuleSet(defaultRuleSet())).toEqual([]);
  });

  it('requires the five dimensions to sum to 1000', () => {
    const rs = defaultRuleSet();
    rs.dimensionPoints.attire = 160;
    expect(validateRuleSet(rs)).toEqual(['五个维度的分值之和须为 1000（当前为 1010）']);
  });

  it('rejects a negative dimension', () => {
    const rs = defaultRuleSet();
    rs.dimensionPoints.attire = -10;
    rs.dimensionPoints.quality = 410;
    expect(validateRuleSet(rs)).toEqual(['“着装礼仪”的分值须为不小于 0 的整数或半分（当前为 -10）']);
  });

  it('accepts a dimension of zero', () => {
    const rs = defaultRuleSet();
    rs.dimensionPoints.attire = 0;
    rs.dimensionPoints.quality = 400;
    expect(validateRuleSet(rs)).toEqual([]);
  });

  it('rejects a negative bonus cap and a share outside 0–1', () => {
    expect(validateRuleSet({ ...defaultRuleSet(), bonusCap: -1 })).toEqual([
      '每月加分上限须为不小于 0 的整数或半分（当前为 -1）'
    ]);
    expect(validateRuleSet({ ...defaultRuleSet(), chiefShare: 1.5 })).toEqual([
      '首席代表连带扣分比例须在 0 到 1 之间（当前为 1.5）'
    ]);
    expect(validateRuleSet({ ...defaultRuleSet(), chiefShare: Number.NaN })).toHaveLength(1);
    expect(validateRuleSet({ ...defaultRuleSet(), chiefShare: 0 })).toEqual([]);
    expect(validateRuleSet({ ...defaultRuleSet(), chiefShare: 1 })).toEqual([]);
  });

  it('requires rule codes in lowercase snake case', () => {
    for (const code of ['LateConclusion', 'late-conclusion', '_late', 'late__x', '1late', '']) {
      expect(validateRuleSet(withRule({ code }))[0]).toMatch(/蛇形命名/);
    }
    expect(validateRuleSet(withRule({ code: 'late_conclusion_2' }))).toEqual([]);
  });

  it('requires unique rule codes and keeps chief_share reserved', () => {
    expect(validateRuleSet(withRule({ code: 'red_case' }))).toEqual([
      '第 2 条规则（red_case）：代码与前面的规则重复'
    ]);
    expect(validateRuleSet(withRule({ code: 'chief_share' }))[0]).toMatch(/保留给首席代表/);
  });

  it('requires non-zero whole or half points', () => {
    expect(validateRuleSet(withRule({ points: 0 }))[0]).toMatch(/非零的整数或半分/);
    expect(validateRuleSet(withRule({ points: -2.3 }))[0]).toMatch(/非零的整数或半分/);
    expect(validateRuleSet(withRule({ points: -2.5 }))).toEqual([]);
  });

  it('requires a deduction to target a dimension and a bonus rule to be positive', () => {
    expect(validateRuleSet(withRule({ target: 'bonus', points: -5 }))).toEqual([
      '第 1 条规则（late_conclusion）：加分规则的分值须为正数'
    ]);
  });

  it('rejects a negative monthly cap and accepts none or zero', () => {
    expect(validateRuleSet(withRule({ monthlyCap: -1 }))[0]).toMatch(/每月上限/);
    expect(validateRuleSet(withRule({ monthlyCap: 0 }))).toEqual([]);
    expect(validateRuleSet(withRule({ monthlyCap: null }))).toEqual([]);
  });

  it('rejects an empty label and an unknown target', () => {
    expect(validateRuleSet(withRule({ label: ' ' }))[0]).toMatch(/名称不能为空/);
    expect(validateRuleSet(withRule({ target: 'mood' as ScoreRule['target'] }))[0]).toMatch(/计分维度无效/);
  });
});

describe('chiefSharePoints', () => {
  it('takes half of a deduction by default, in half points', () => {
    expect(chiefSharePoints(-15, 0.5)).toBe(-7.5);
    expect(chiefSharePoints(-5, 0.5)).toBe(-2.5);
    expect(chiefSharePoints(-50, 0.5)).toBe(-25);
  });

  it('rounds to the nearest half point, a quarter away from zero', () => {
    expect(chiefSharePoints(-5, 0.25)).toBe(-1.5);
    expect(chiefSharePoints(-15, 0.35)).toBe(-5.5); // 5.25
    expect(chiefSharePoints(-10, 0.33)).toBe(-3.5); // 3.3
  });

  it('is zero for a bonus, a zero share, or a share that rounds to nothing', () => {
    expect(chiefSharePoints(10, 0.5)).toBe(0);
    expect(chiefSharePoints(-15, 0)).toBe(0);
    expect(chiefSharePoints(-1, 0.1)).toBe(0);
  });
});

describe('ruleSetForMonth', () => {
  const v1 = defaultRuleSet(1);
  const v2: RuleSet = {
    ...defaultRuleSet(2),
    rules: defaultRuleSet().rules.map((r) => (r.code === 'bad_rating' ? { ...r, points: -20 } : r))
  };
  const versions: RuleSetVersion[] = [
    { ruleSet: v1, effectiveFrom: new Date('2025-01-01T00:00:00+08:00') },
    { ruleSet: v2, effectiveFrom: new Date('2025-10-20T00:00:00+08:00') }
  ];
  const now = new Date('2025-10-25T12:00:00+08:00');

  it('scores an open month with the newest version in force', () => {
    expect(ruleSetForMonth('2025-10', versions, null, now).id).toBe(2);
  });

  it('keeps a closed month on the version recorded at its closing', () => {
    expect(ruleSetForMonth('2025-09', versions, { month: '2025-09', ruleSetId: 1 }, now).id).toBe(1);
  });

  it('leaves a closed month’s result unchanged when the rules change after it closed', () => {
    // Events carry their own points; the change here is the cap of very good ratings.
    const v3: RuleSet = {
      ...defaultRuleSet(3),
      rules: defaultRuleSet().rules.map((r) => (r.code === 'very_good_rating' ? { ...r, monthlyCap: 40 } : r))
    };
    const later = [...versions, { ruleSet: v3, effectiveFrom: new Date('2025-10-22T00:00:00+08:00') }];
    const events: ScoreEventInput[] = Array.from({ length: 30 }, (_, i) => ({
      id: i,
      staffId: 1,
      month: '2025-09',
      ruleCode: 'very_good_rating',
      target: 'bonus',
      points: 1,
      status: 'effective'
    }));
    const closing = { month: '2025-09', ruleSetId: 1 };
    const atClosing = monthScore(events, ruleSetForMonth('2025-09', versions, closing, now)).total;
    const afterChange = monthScore(events, ruleSetForMonth('2025-09', later, closing, now)).total;
    expect(atClosing).toBe(1020);
    expect(afterChange).toBe(1020);
    expect(monthScore(events, ruleSetForMonth('2025-10', later, null, now)).total).toBe(1030);
  });

  it('ignores a version dated in the future', () => {
    expect(ruleSetForMonth('2025-10', versions, null, new Date('2025-10-19T23:59:00+08:00')).id).toBe(1);
  });

  it('takes the higher id when two versions take effect at the same instant', () => {
    const same = [versions[0], { ruleSet: defaultRuleSet(7), effectiveFrom: versions[0].effectiveFrom }];
    expect(ruleSetForMonth('2025-05', same, null, now).id).toBe(7);
  });

  it('fails loudly when the closing version is missing, the closing is of another month, or nothing is in force', () => {
    expect(() => ruleSetForMonth('2025-09', versions, { month: '2025-09', ruleSetId: 9 }, now)).toThrow(
      RangeError
    );
    expect(() => ruleSetForMonth('2025-09', versions, { month: '2025-08', ruleSetId: 1 }, now)).toThrow(
      RangeError
    );
    expect(() => ruleSetForMonth('2025-09', [], null, now)).toThrow(RangeError);
  });
});
