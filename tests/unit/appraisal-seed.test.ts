import { describe, expect, it } from 'vitest';
import { monthsToDerive } from '../../jobs/appraisal-derive';
import {
  SEED_BONUS_CAP,
  SEED_CHIEF_SHARE,
  SEED_DIMENSION_POINTS,
  SEED_RULES
} from '../../migrations/app/20261126040000_appraisal';
import {
  DEFAULT_BONUS_CAP,
  DEFAULT_CHIEF_SHARE,
  DEFAULT_DIMENSION_POINTS,
  DEFAULT_RULES
} from '../../src/lib/appraisal/catalogue';
import { DERIVERS } from '../../src/lib/server/appraisal/derive/index';
import { previousMonth, toMonth } from '../../src/lib/server/appraisal/derive.service';

// The migration seeds version 1 of the rule catalogue from a literal copy of the defaults
// (migrations never import application code): the copy must equal them.

describe('the seeded rule set', () => {
  it('equals the catalogue’s defaults', () => {
    expect(SEED_DIMENSION_POINTS).toEqual(DEFAULT_DIMENSION_POINTS);
    expect(SEED_BONUS_CAP).toBe(DEFAULT_BONUS_CAP);
    expect(SEED_CHIEF_SHARE).toBe(DEFAULT_CHIEF_SHARE);
    expect(SEED_RULES).toEqual(DEFAULT_RULES);
  });

  it('has a deriver for every automatic default rule, and none for manual ones', () => {
    const automatic = DEFAULT_RULES.filter((r) => r.source === 'automatic').map((r) => r.code);
    expect(Object.keys(DERIVERS).sort()).toEqual(automatic.sort());
  });
});

describe('months of the appraisal-derive job', () => {
  it('derives the previous and the current month, or the one given', () => {
    expect(monthsToDerive([], '2026-01-03')).toEqual(['2025-12-01', '2026-01-01']);
    expect(monthsToDerive(['--month', '2025-10'], '2026-01-03')).toEqual(['2025-10-01']);
    expect(() => monthsToDerive(['--month'], '2026-01-03')).toThrow('--month 需要一个月份');
    expect(() => monthsToDerive(['--all'], '2026-01-03')).toThrow('未知参数');
  });

  it('reads months strictly', () => {
    expect(toMonth('2025-10-17')).toBe('2025-10-01');
    expect(() => toMonth('2025-1')).toThrow('月份格式应为 YYYY-MM');
    expect(previousMonth('2025-03-01')).toBe('2025-02-01');
  });
});
