import { describe, expect, it } from 'vitest';
import {
  recordYear,
  suggestLevel,
  windowStart,
  yearlyCounts,
  type PastRecord,
  type SuggestionInput
} from '../../src/lib/server/accountability/ladder';
import { DEFAULT_LEVELS } from '../helpers/accountability-levels';

// The suggested level on repeat grounds and the yearly counts (docs/rules/accountability.md).

const LEVELS = DEFAULT_LEVELS;

let nextId = 1;
function decided(level: number, on: string, grounds = 'overdue'): PastRecord {
  return { id: nextId++, grounds, state: 'decided', decidedLevel: level, decidedOn: on, proposedOn: on };
}

function suggest(history: PastRecord[], over: Partial<SuggestionInput> = {}) {
  return suggestLevel({
    levels: LEVELS,
    grounds: 'overdue',
    groundsLabel: '超时审批',
    startLevel: 1,
    history,
    today: '2026-03-15',
    ...over
  });
}

describe('windowStart', () => {
  it('is the same date a year earlier, 29 February falling back to the 28th', () => {
    expect(windowStart('2026-03-15')).toBe('2025-03-15');
    expect(windowStart('2024-02-29')).toBe('2023-02-28');
    expect(windowStart('2025-02-28')).toBe('2024-02-28');
    expect(windowStart('2026-01-01')).toBe('2025-01-01');
    expect(windowStart('2025-12-31')).toBe('2024-12-31');
  });
});

describe('suggestLevel', () => {
  it('suggests level 1 with no earlier record', () => {
    const s = suggest([]);
    expect(s.level).toBe(1);
    expect(s.label).toBe('警告提醒');
    expect(s.reason).toBe('同一事由12个月内无已决定的追责记录，建议第 1 级「警告提醒」');
    expect(s.prior).toEqual([]);
  });

  it('goes one above the highest decided level of the same grounds in the 12 months', () => {
    const history = [decided(1, '2025-05-01'), decided(2, '2025-10-01'), decided(1, '2026-01-10')];
    const s = suggest(history);
    expect(s.level).toBe(3);
    expect(s.reason).toBe(
      '同一事由12个月内已有 3 次已决定的追责（最高第 2 级「警示谈话」），建议提高一级：第 3 级「通报批评」'
    );
    expect(s.prior.map((r) => r.decidedOn)).toEqual(['2026-01-10', '2025-10-01', '2025-05-01']);
  });

  it('counts a decision made exactly 12 months ago and today, not older or later ones', () => {
    expect(suggest([decided(2, '2025-03-15')]).level).toBe(3);
    expect(suggest([decided(2, '2026-03-15')]).level).toBe(3);
    expect(suggest([decided(2, '2025-03-14')]).level).toBe(1);
    expect(suggest([decided(2, '2026-03-16')]).level).toBe(1);
  });

  it('ignores other grounds, declined, proposed, superseded and excluded records', () => {
    const history: PastRecord[] = [
      decided(4, '2025-12-01', 'failed_file'),
      {
        id: 901,
        grounds: 'overdue',
        state: 'declined',
        decidedLevel: null,
        decidedOn: '2026-01-01',
        proposedOn: '2025-12-30'
      },
      {
        id: 902,
        grounds: 'overdue',
        state: 'proposed',
        decidedLevel: null,
        decidedOn: null,
        proposedOn: '2026-02-01'
      },
      {
        id: 903,
        grounds: 'overdue',
        state: 'superseded',
        decidedLevel: 5,
        decidedOn: '2026-01-05',
        proposedOn: '2026-01-01'
      },
      {
        id: 904,
        grounds: 'overdue',
        state: 'decided',
        decidedLevel: 6,
        decidedOn: '2026-02-05',
        proposedOn: '2026-02-01'
      }
    ];
    expect(suggest(history, { excludeIds: [904] }).level).toBe(1);
    expect(suggest(history).level).toBe(7);
  });

  it('stays at the top level once reached', () => {
    const s = suggest([decided(7, '2026-01-01')]);
    expect(s.level).toBe(7);
    expect(s.reason).toContain('已达最高级别，建议第 7 级「辞退（开除公职）」');
  });

  it('starts illegal approval at its configured start and never suggests below it', () => {
    const input = { grounds: 'illegal_approval', groundsLabel: '违法审批', startLevel: 3 };
    const first = suggest([], input);
    expect(first.level).toBe(3);
    expect(first.reason).toBe(
      '同一事由12个月内无已决定的追责记录，建议第 3 级「通报批评」；违法审批的建议起点为第 3 级「通报批评」'
    );
    // The leader chose level 1 the first time: one above would be 2, the start is 3.
    const again = suggest([decided(1, '2026-01-01', 'illegal_approval')], input);
    expect(again.level).toBe(3);
    expect(again.reason).toContain('提高一级为第 2 级「警示谈话」');
    expect(suggest([decided(3, '2026-01-01', 'illegal_approval')], input).level).toBe(4);
  });

  it('follows a configured ladder with gaps and clamps a start beyond the top', () => {
    const levels = [
      { level: 5, label: '五' },
      { level: 1, label: '一' },
      { level: 3, label: '三' }
    ];
    expect(suggest([decided(1, '2026-01-01')], { levels }).level).toBe(3);
    expect(suggest([decided(3, '2026-01-01')], { levels }).level).toBe(5);
    expect(suggest([], { levels, startLevel: 9 }).level).toBe(5);
    expect(suggest([], { levels, startLevel: 2 }).level).toBe(3);
    expect(() => suggest([], { levels: [] })).toThrow();
  });

  it('does not accumulate "other" grounds, whose notes differ', () => {
    const s = suggest([decided(3, '2026-01-01', 'other')], { grounds: 'other', groundsLabel: '其他' });
    expect(s.level).toBe(1);
    expect(s.prior).toHaveLength(1);
    expect(s.reason).toContain('不按同一事由累进');
  });
});

describe('yearlyCounts', () => {
  it('counts records in force per year of decision (or proposal), with levels', () => {
    const history: PastRecord[] = [
      decided(1, '2025-03-01'),
      decided(2, '2025-11-01', 'failed_file'),
      {
        id: 50,
        grounds: 'overdue',
        state: 'decided',
        decidedLevel: 2,
        decidedOn: '2026-01-03',
        proposedOn: '2025-12-28'
      },
      {
        id: 51,
        grounds: 'overdue',
        state: 'declined',
        decidedLevel: null,
        decidedOn: '2026-02-01',
        proposedOn: '2026-01-20'
      },
      {
        id: 52,
        grounds: 'overdue',
        state: 'proposed',
        decidedLevel: null,
        decidedOn: null,
        proposedOn: '2026-03-01'
      },
      {
        id: 53,
        grounds: 'overdue',
        state: 'superseded',
        decidedLevel: 4,
        decidedOn: '2026-02-02',
        proposedOn: '2026-02-01'
      }
    ];
    expect(recordYear(history[2])).toBe(2026);
    expect(yearlyCounts(history)).toEqual([
      { year: 2026, total: 3, proposed: 1, decided: 1, declined: 1, byLevel: { 2: 1 } },
      { year: 2025, total: 2, proposed: 0, decided: 2, declined: 0, byLevel: { 1: 1, 2: 1 } }
    ]);
    expect(yearlyCounts([])).toEqual([]);
  });
});
