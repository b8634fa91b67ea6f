import { describe, expect, it } from 'vitest';
import {
  BAND_NAMES,
  DEFAULT_SCORESHEET,
  scoreBand,
  scoreFile,
  unitMean,
  validateTemplate,
  type ScoreEntry,
  type ScoreResult,
  type ScoresheetTemplate
} from '../../src/lib/server/case-audits/scoresheet';

// The 100-point file review of audits.md: items, deductions, legality defects, bands.

function scored(result: ScoreResult) {
  if (!result.ok) throw new Error(`unexpected errors: ${JSON.stringify(result.errors)}`);
  return result;
}
function errors(result: ScoreResult) {
  if (result.ok) throw new Error('expected errors');
  return result.errors;
}

describe('the default scoresheet', () => {
  it('is the nine items of audits.md with their points, in order', () => {
    expect(DEFAULT_SCORESHEET.map((i) => [i.label, i.points])).toEqual([
      ['受理', 15],
      ['一次性告知', 10],
      ['审查', 25],
      ['特别程序', 5],
      ['决定', 15],
      ['时限', 10],
      ['送达', 5],
      ['收费', 5],
      ['归档', 10]
    ]);
  });

  it('has English codes and is a valid template of 100 points', () => {
    expect(DEFAULT_SCORESHEET.map((i) => i.code)).toEqual([
      'acceptance',
      'notification',
      'examination',
      'special_procedure',
      'decision',
      'time_limit',
      'service',
      'fees',
      'archiving'
    ]);
    expect(validateTemplate(DEFAULT_SCORESHEET)).toEqual([]);
  });
});

describe('a template', () => {
  const item = (code: string, points: number, label = code) => ({ code, label, points });

  it('may have other items, as long as they total 100', () => {
    expect(validateTemplate([item('a', 60), item('b', 40)])).toEqual([]);
    expect(validateTemplate([item('only', 100)])).toEqual([]);
  });

  it('whose points do not total 100 is refused, naming the total', () => {
    expect(validateTemplate([item('a', 60), item('b', 30)])).toEqual([
      '评查表各项分值合计应为 100 分，现为 90 分'
    ]);
  });

  it('with a duplicate code is refused', () => {
    expect(validateTemplate([item('a', 50), item('a', 50)])).toEqual(['评查项目编码重复：a']);
  });

  it('with zero, negative or fractional points is refused', () => {
    expect(validateTemplate([item('a', 0), item('b', 100)])).toEqual(['评查项目 a 的分值应为正整数']);
    expect(validateTemplate([item('a', -5), item('b', 105)])).toEqual(['评查项目 a 的分值应为正整数']);
    expect(validateTemplate([item('a', 50.5), item('b', 49.5)])).toHaveLength(2);
  });

  it('with a code that is not lowercase English, or an empty label, is refused', () => {
    expect(validateTemplate([item('受理', 100)])[0]).toContain('编码 “受理” 无效');
    expect(validateTemplate([item('Accept', 100)])).toHaveLength(1);
    expect(validateTemplate([item('a', 100, '  ')])).toEqual(['评查项目 a 缺少名称']);
  });

  it('without items is refused', () => {
    expect(validateTemplate([])).toEqual(['评查表至少要有一个评查项目']);
  });
});

describe('a file', () => {
  it('with nothing deducted scores 100, 优秀, every item at full points', () => {
    const result = scored(scoreFile(DEFAULT_SCORESHEET, []));
    expect(result).toMatchObject({
      score: 100,
      scoreBeforeLegality: 100,
      band: 'excellent',
      legalityDefect: false
    });
    expect(result.perItem).toHaveLength(9);
    expect(result.perItem.every((i) => i.awarded === i.points && i.defect === null)).toBe(true);
  });

  it('scores 100 minus the deductions, item by item', () => {
    const result = scored(
      scoreFile(DEFAULT_SCORESHEET, [
        { item: 'notification', deducted: 4, defect: '未一次性告知需补正的全部材料' },
        { item: 'archiving', deducted: 2.5, defect: '卷内目录不全' }
      ])
    );
    expect(result.score).toBe(93.5);
    expect(result.perItem.find((i) => i.item === 'notification')).toEqual({
      item: 'notification',
      label: '一次性告知',
      points: 10,
      deducted: 4,
      awarded: 6,
      defect: '未一次性告知需补正的全部材料',
      legality: false
    });
  });

  it('may lose a whole item, and trims the defect note', () => {
    const result = scored(
      scoreFile(DEFAULT_SCORESHEET, [{ item: 'examination', deducted: 25, defect: '  未审查  ' }])
    );
    expect(result.score).toBe(75);
    expect(result.perItem[2]).toMatchObject({ awarded: 0, defect: '未审查' });
  });

  it('may record a defect without a deduction', () => {
    const result = scored(
      scoreFile(DEFAULT_SCORESHEET, [{ item: 'service', deducted: 0, defect: '送达回证字迹不清' }])
    );
    expect(result.score).toBe(100);
    expect(result.perItem[6].defect).toBe('送达回证字迹不清');
  });

  it('with a legality defect scores 0, 不合格, whatever else was deducted; the score before is kept', () => {
    const result = scored(
      scoreFile(DEFAULT_SCORESHEET, [
        { item: 'decision', deducted: 15, defect: '越权审批', legality: true },
        { item: 'fees', deducted: 1, defect: '收费票据缺失' }
      ])
    );
    expect(result).toMatchObject({ score: 0, scoreBeforeLegality: 84, band: 'fail', legalityDefect: true });
    expect(result.perItem[4]).toMatchObject({ legality: true, awarded: 0 });
  });

  it('with a legality defect but no deduction still scores 0', () => {
    const entry: ScoreEntry = { item: 'examination', deducted: 0, defect: '违法审批', legality: true };
    expect(scored(scoreFile(DEFAULT_SCORESHEET, [entry]))).toMatchObject({
      score: 0,
      scoreBeforeLegality: 100
    });
  });

  it('is scored against a custom template', () => {
    const template: ScoresheetTemplate = [
      { code: 'a', label: '甲', points: 70 },
      { code: 'b', label: '乙', points: 30 }
    ];
    expect(scored(scoreFile(template, [{ item: 'b', deducted: 11, defect: '问题' }])).score).toBe(89);
  });
});

describe('a scoresheet entry is refused (errors in Chinese, all at once) when', () => {
  it('the deduction is negative or exceeds the item points', () => {
    expect(
      errors(
        scoreFile(DEFAULT_SCORESHEET, [
          { item: 'service', deducted: 6, defect: '未送达' },
          { item: 'fees', deducted: -1, defect: '多退' }
        ])
      )
    ).toEqual([
      { item: 'service', message: '送达：扣分应在 0 到 5 分之间' },
      { item: 'fees', message: '收费：扣分应在 0 到 5 分之间' }
    ]);
  });

  it('the deduction is not a multiple of 0.5, or not a number', () => {
    expect(errors(scoreFile(DEFAULT_SCORESHEET, [{ item: 'fees', deducted: 1.25, defect: 'x' }]))).toEqual([
      { item: 'fees', message: '收费：扣分应为 0.5 分的整数倍' }
    ]);
    expect(
      errors(scoreFile(DEFAULT_SCORESHEET, [{ item: 'fees', deducted: Number.NaN, defect: 'x' }]))
    ).toHaveLength(1);
  });

  it('points are deducted without a defect note (blank counts as none)', () => {
    expect(
      errors(scoreFile(DEFAULT_SCORESHEET, [{ item: 'acceptance', deducted: 3, defect: '  ' }]))
    ).toEqual([{ item: 'acceptance', message: '受理：扣分须写明发现的问题' }]);
    expect(errors(scoreFile(DEFAULT_SCORESHEET, [{ item: 'acceptance', deducted: 3 }]))).toHaveLength(1);
  });

  it('a legality defect has no defect note', () => {
    expect(
      errors(scoreFile(DEFAULT_SCORESHEET, [{ item: 'decision', deducted: 0, legality: true }]))
    ).toEqual([{ item: 'decision', message: '决定：合法性问题须写明发现的问题' }]);
  });

  it('the defect note is longer than 500 characters', () => {
    const long = '问'.repeat(501);
    expect(
      errors(scoreFile(DEFAULT_SCORESHEET, [{ item: 'fees', deducted: 1, defect: long }]))[0].message
    ).toBe('收费：问题描述最多 500 个字');
  });

  it('the item is not in the template', () => {
    expect(errors(scoreFile(DEFAULT_SCORESHEET, [{ item: 'bribery', deducted: 1, defect: 'x' }]))).toEqual([
      { item: 'bribery', message: '评查表中没有项目 “bribery”' }
    ]);
  });

  it('the same item appears twice', () => {
    const entries = [
      { item: 'fees', deducted: 1, defect: 'a' },
      { item: 'fees', deducted: 1, defect: 'b' }
    ];
    expect(errors(scoreFile(DEFAULT_SCORESHEET, entries))).toEqual([
      { item: 'fees', message: '收费：同一项目只能填写一次' }
    ]);
  });

  it('the template itself is invalid (item null)', () => {
    expect(errors(scoreFile([{ code: 'a', label: '甲', points: 99 }], []))).toEqual([
      { item: null, message: '评查表各项分值合计应为 100 分，现为 99 分' }
    ]);
  });
});

describe('the band of a score', () => {
  it('is 优秀 from 90, 合格 from 60, 不合格 below, without rounding (89.5 合格, 59.5 不合格)', () => {
    const bands = [100, 90, 89.5, 89, 60, 59.5, 0].map((s) => BAND_NAMES[scoreBand(s)]);
    expect(bands).toEqual(['优秀', '优秀', '合格', '合格', '合格', '不合格', '不合格']);
  });

  it('of a file follows its score: 89.5 after deducting 10.5', () => {
    const result = scored(
      scoreFile(DEFAULT_SCORESHEET, [{ item: 'examination', deducted: 10.5, defect: '审查不严' }])
    );
    expect(result).toMatchObject({ score: 89.5, band: 'pass' });
  });
});

describe("a unit's score", () => {
  it('is the plain mean of its files, unrounded, legality zeros included', () => {
    expect(unitMean([100, 90, 80])).toBe(90);
    expect(unitMean([100, 0])).toBe(50);
    expect(unitMean([90, 89.5, 80])).toBeCloseTo(86.5, 12);
    expect(unitMean([100, 100, 99.5])).toBeCloseTo(99.8333333, 6);
  });

  it('is null without files', () => {
    expect(unitMean([])).toBeNull();
  });
});
