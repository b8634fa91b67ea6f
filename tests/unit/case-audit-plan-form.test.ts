import { describe, expect, it } from 'vitest';
import { formatRatePpm } from '../../src/lib/audits';
import { checkPlanForm, percentToPpm, type PlanFormValues } from '../../src/lib/server/case-audits/plan-form';

const KNOWN = { sections: ['S01'], matters: ['M001'] };
const FORM: PlanFormValues = {
  title: '十月抽查',
  periodFrom: '2025-10-01',
  periodTo: '2025-10-31',
  sectionCodes: [],
  matterCodes: [],
  strata: 'section',
  ratePercent: '5',
  minimum: '3',
  reviewersPerCase: '1',
  seedMode: 'entered',
  seed: ' 20251101 '
};
const errorsOf = (overrides: Partial<PlanFormValues>) => {
  const checked = checkPlanForm({ ...FORM, ...overrides }, KNOWN);
  return 'errors' in checked ? checked.errors : {};
};

describe('the new-plan form', () => {
  it('keeps the rate exactly, in millionths, and round-trips it for display', () => {
    expect(percentToPpm('5')).toBe(50_000);
    expect(percentToPpm('2.5')).toBe(25_000);
    expect(percentToPpm('0.0001')).toBe(1);
    expect(percentToPpm('7.07')).toBe(70_700);
    expect(percentToPpm('0.00001')).toBeNull();
    expect(percentToPpm('1e2')).toBeNull();
    for (const ppm of [0, 1, 25_000, 50_000, 70_700, 1_000_000])
      expect(percentToPpm(formatRatePpm(ppm).slice(0, -1))).toBe(ppm);
  });

  it('returns the canonical seed and the checked plan', () => {
    const checked = checkPlanForm({ ...FORM, ratePercent: '5%' }, KNOWN);
    expect(checked).toEqual({
      plan: expect.objectContaining({
        seed: '20251101',
        seedOrigin: 'entered',
        ratePpm: 50_000,
        minimum: 3,
        reviewersPerCase: 1
      })
    });
  });

  it('generates the seed when asked, ignoring the field', () => {
    const checked = checkPlanForm({ ...FORM, seedMode: 'generated', seed: '' }, KNOWN);
    expect('plan' in checked && checked.plan.seed).toMatch(/^[0-9a-f]{32}$/);
    expect('plan' in checked && checked.plan.seedOrigin).toBe('generated');
  });

  it('says what is wrong, field by field, in Chinese', () => {
    expect(errorsOf({ title: ' ', seed: '' })).toEqual({ title: '请填写计划名称', seed: '请填写随机种子' });
    expect(errorsOf({ periodFrom: '2025-02-30' })).toEqual({ periodFrom: '日期格式应为 YYYY-MM-DD' });
    expect(errorsOf({ periodTo: '2025-09-30' })).toEqual({ periodTo: '结束日期不能早于开始日期' });
    expect(errorsOf({ ratePercent: '101' })).toEqual({ ratePercent: '抽查比例应在 0 到 100% 之间' });
    expect(errorsOf({ ratePercent: '五' }).ratePercent).toMatch(/应为数字/);
    expect(errorsOf({ minimum: '0' })).toEqual({ minimum: '每层最少抽取件数应为不小于 1 的整数' });
    expect(errorsOf({ reviewersPerCase: '3' })).toEqual({ reviewersPerCase: '每件评查人数应为 1 或 2' });
    expect(errorsOf({ sectionCodes: ['S99'] })).toEqual({ sectionCodes: '未知的科室：S99' });
    expect(errorsOf({ strata: 'window' })).toEqual({ strata: '请选择分层方式' });
    expect(errorsOf({ seed: 'a\tb' }).seed).toMatch(/可打印字符/);
  });
});
