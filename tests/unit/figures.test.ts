import { describe, expect, it } from 'vitest';
import { figureChange, isSmallSample, partsText } from '../../src/lib/figures';
import {
  formatDays,
  formatFigure,
  formatPercent,
  formatPoints,
  formatQuantity,
  formatSignedPercent
} from '../../src/lib/format';
import { barWidth, rankOf, sortRows } from '../../src/lib/ranking';

describe('figure formats', () => {
  it('shows rates (ratios) as percentages with one decimal', () => {
    expect(formatPercent(0.964)).toBe('96.4%');
    expect(formatPercent(1)).toBe('100.0%');
    expect(formatPercent(0)).toBe('0.0%');
    expect(formatPercent(0.99999)).toBe('100.0%');
    expect(formatPercent(-0.00001)).toBe('0.0%');
    expect(formatPercent(12.345)).toBe('1,234.5%');
    expect(formatPercent(null)).toBe('—');
    expect(formatPercent(Number.NaN)).toBe('—');
  });

  it('shows signed rates with their sign', () => {
    expect(formatSignedPercent(0.3)).toBe('+30.0%');
    expect(formatSignedPercent(-0.05)).toBe('-5.0%');
    expect(formatSignedPercent(0)).toBe('0.0%');
    expect(formatSignedPercent(null)).toBe('—');
  });

  it('shows days as working days with one decimal', () => {
    expect(formatDays(3.24)).toBe('3.2 个工作日');
    expect(formatDays(0)).toBe('0.0 个工作日');
    expect(formatDays(undefined)).toBe('—');
  });

  it('shows a rate difference in percentage points, without sign', () => {
    expect(formatPoints(0.012)).toBe('1.2 个百分点');
    expect(formatPoints(-0.012)).toBe('1.2 个百分点');
  });

  it('shows a quantity with up to two decimals', () => {
    expect(formatQuantity(12345)).toBe('12,345');
    expect(formatQuantity(1234.5)).toBe('1,234.5');
  });

  it('formats a figure by its kind', () => {
    expect(formatFigure(12345, 'count')).toBe('12,345');
    expect(formatFigure(0.964, 'rate')).toBe('96.4%');
    expect(formatFigure(3.2, 'days')).toBe('3.2 个工作日');
    expect(formatFigure(0.3, 'signed_rate')).toBe('+30.0%');
    expect(formatFigure(null, 'count')).toBe('—');
  });
});

describe('isSmallSample', () => {
  it('marks a rate over fewer than 30 items', () => {
    expect(isSmallSample({ value: 0.9, numerator: 26, denominator: 29 }, 'rate')).toBe(true);
    expect(isSmallSample({ value: 0.9, numerator: 27, denominator: 30 }, 'rate')).toBe(false);
  });

  it('does not mark counts, days, a null rate or a rate without a denominator', () => {
    expect(isSmallSample({ value: 3, numerator: 9, denominator: 3 }, 'days')).toBe(false);
    expect(isSmallSample({ value: 5 }, 'count')).toBe(false);
    expect(isSmallSample({ value: null, numerator: 0, denominator: 0 }, 'rate')).toBe(false);
    expect(isSmallSample({ value: 0.5 }, 'rate')).toBe(false);
  });
});

describe('partsText', () => {
  it('names numerator and denominator', () => {
    expect(partsText({ value: 0.27, numerator: 123, denominator: 456 })).toBe('分子 123 ÷ 分母 456');
    expect(partsText({ value: 3 })).toBeNull();
  });
});

describe('figureChange', () => {
  it('gives a count change in percent, good when higher is better', () => {
    expect(figureChange({ value: 110 }, { value: 100 }, 'count')).toEqual({
      direction: 'up',
      tone: 'good',
      amount: '10.0%',
      text: '上升 10.0%'
    });
  });

  it('turns the tone round when lower is better (overdue counts)', () => {
    expect(figureChange({ value: 110 }, { value: 100 }, 'count', false).tone).toBe('bad');
    expect(figureChange({ value: 90 }, { value: 100 }, 'count', false)).toMatchObject({
      direction: 'down',
      tone: 'good',
      text: '下降 10.0%'
    });
  });

  it('gives a rate change in percentage points', () => {
    expect(figureChange({ value: 0.964 }, { value: 0.952 }, 'rate')).toMatchObject({
      direction: 'up',
      amount: '1.2 个百分点'
    });
    expect(figureChange({ value: -0.1 }, { value: 0.2 }, 'signed_rate')).toMatchObject({
      direction: 'down',
      tone: 'bad',
      amount: '30.0 个百分点'
    });
  });

  it('gives a days change in working days', () => {
    expect(figureChange({ value: 2.8 }, { value: 3.2 }, 'days', false)).toMatchObject({
      direction: 'down',
      tone: 'good',
      amount: '0.4 个工作日'
    });
  });

  it('says 持平 when the change rounds to zero', () => {
    expect(figureChange({ value: 0.9641 }, { value: 0.964 }, 'rate')).toMatchObject({
      direction: 'flat',
      text: '持平'
    });
    expect(figureChange({ value: 100000 }, { value: 100001 }, 'count').direction).toBe('flat');
    expect(figureChange({ value: 0 }, { value: 0 }, 'count').direction).toBe('flat');
  });

  it('gives an absolute change when the reference count is 0', () => {
    expect(figureChange({ value: 12 }, { value: 0 }, 'count')).toMatchObject({
      direction: 'up',
      amount: '12（上期为 0）'
    });
  });

  it('has nothing to compare when either value is missing', () => {
    expect(figureChange({ value: null }, { value: 0.5 }, 'rate')).toMatchObject({
      direction: 'none',
      text: '无可比数据'
    });
    expect(figureChange({ value: 0.5 }, { value: null }, 'rate').direction).toBe('none');
    expect(figureChange({ value: 0.5 }, undefined, 'rate').direction).toBe('none');
  });
});

describe('ranking arithmetic', () => {
  const values = [0.5, null, 0.9, 0.5];

  it('ranks the best first with shared ranks for ties, and no rank without a value', () => {
    expect(rankOf(values)).toEqual([2, null, 1, 2]);
    expect(rankOf(values, false)).toEqual([1, null, 3, 1]);
  });

  it('sorts descending and ascending with missing values last and ties stable', () => {
    const rows = values.map((v, i) => ({ i, v }));
    const order = (o: 'given' | 'descending' | 'ascending') => sortRows(rows, o, (r) => r.v).map((r) => r.i);
    expect(order('given')).toEqual([0, 1, 2, 3]);
    expect(order('descending')).toEqual([2, 0, 3, 1]);
    expect(order('ascending')).toEqual([0, 3, 2, 1]);
  });

  it('gives the largest value the full bar and the others their share', () => {
    expect(barWidth(50, [50, 25, null], 'count')).toBe(100);
    expect(barWidth(25, [50, 25, null], 'count')).toBe(50);
    expect(barWidth(null, [50, 25, null], 'count')).toBeNull();
    expect(barWidth(0, [0, 0], 'days')).toBe(0);
  });

  it('puts rates on their own 0–100 % scale', () => {
    expect(barWidth(0.5, [0.5, 0.6], 'rate')).toBe(50);
    expect(barWidth(1.2, [1.2], 'rate')).toBe(100);
  });

  it('scales signed rates by magnitude', () => {
    expect(barWidth(-0.2, [0.4, -0.2], 'signed_rate')).toBe(50);
  });
});
