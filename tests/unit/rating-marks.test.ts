import { describe, expect, it } from 'vitest';
import { checkMarkForm, maskDigitsInText, mayMark, nextMarks } from '../../src/lib/rating-marks';
import { median } from '../../src/lib/server/complaints/complaint-figures';

// The pure rules of the bad-rating marks (docs/rules/ratings.md) and the complaint median.

describe('bad-rating marks', () => {
  it('follow the state machine the database trigger enforces', () => {
    expect(nextMarks('none', false)).toEqual([
      'verified',
      'rectified',
      'appealed_mistaken',
      'appealed_malicious'
    ]);
    expect(nextMarks('verified', false)).toEqual(['rectified', 'appealed_mistaken', 'appealed_malicious']);
    expect(nextMarks('appealed_malicious', true)).toEqual(['appeal_accepted', 'appeal_rejected']);
    expect(nextMarks('appeal_rejected', true)).toEqual(['rectified']);
    expect(nextMarks('appeal_accepted', true)).toEqual([]);
    expect(nextMarks('rectified', false)).toEqual([]);
  });

  it('let section heads mark 已整改 and appeal in their own section, never verify or decide', () => {
    const head = { userId: 3, roles: ['section_head'] as const, inOwnSection: true };
    expect(mayMark('rectified', head, null)).toBe(true);
    expect(mayMark('appealed_mistaken', head, null)).toBe(true);
    expect(mayMark('verified', head, null)).toBe(false);
    expect(mayMark('appeal_accepted', head, 9)).toBe(false);
    expect(mayMark('rectified', { ...head, inOwnSection: false }, null)).toBe(false);
    const inspector = { userId: 5, roles: ['inspector'] as const, inOwnSection: false };
    expect(mayMark('appeal_rejected', inspector, 9)).toBe(true);
    expect(mayMark('appeal_rejected', inspector, 5)).toBe(false);
  });

  it('ask for a reason on appeals and decisions, in Chinese', () => {
    expect(checkMarkForm('x', null)).toEqual({ errors: { kind: '请选择标记' } });
    expect(checkMarkForm('appealed_mistaken', '  ')).toEqual({ errors: { reason: '请写明申诉理由' } });
    expect(checkMarkForm('appeal_rejected', '')).toEqual({ errors: { reason: '请写明裁定理由' } });
    expect(checkMarkForm('verified', ' ')).toEqual({ kind: 'verified', reason: null });
    expect(checkMarkForm('rectified', 'x'.repeat(501))).toEqual({
      errors: { reason: '说明不能超过 500 字' }
    });
  });
});

describe('helpers', () => {
  it('mask ID and phone numbers typed into a comment', () => {
    expect(maskDigitsInText('电话13812345678，身份证510107199001011234')).toBe(
      '电话138****5678，身份证510107********1234'
    );
    expect(maskDigitsInText(null)).toBe('');
  });

  it('take the median of closing days', () => {
    expect(median([])).toBeNull();
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
  });
});
