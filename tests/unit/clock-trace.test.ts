import { describe, expect, it } from 'vitest';
import { computeClock } from '../../src/lib/server/clock';
import type { TraceEntry } from '../../src/lib/server/clock';
import { calendar, clock, ev, input } from './clock-case';

// The trace explains the arithmetic as data with Chinese labels an inspector can check.

const labels = (trace: TraceEntry[]) => trace.map((entry) => entry.label);

describe('the trace of a deadline', () => {
  it('explains National Day 2025: acceptance, make-up days, the holiday run and the due dates', () => {
    const result = clock({ accepted: '2025-09-26', limit: 5, statutory: 20 }, '2025-10-09');
    expect(labels(result.trace)).toEqual([
      '受理日 2025-09-26（不计入）',
      '9月28日（周日）调休上班',
      '10月1日至10月8日 法定节假日',
      '10月11日（周六）调休上班',
      '承诺时限 5 个工作日，截止 2025-10-10',
      '法定时限 20 个工作日，截止 2025-10-30',
      '截至 2025-10-09 已计 4 个工作日，按承诺时限剩余 1 个工作日',
      '黄灯（预警）：已计 4 ≥ ⌈0.8×5⌉ = 4'
    ]);
    expect(result.trace[2]).toEqual({
      kind: 'holiday',
      from: '2025-10-01',
      to: '2025-10-08',
      label: '10月1日至10月8日 法定节假日'
    });
  });

  it('shows a stop with its dates and the days it removed', () => {
    const events = [ev('correction_requested', '2025-03-04'), ev('correction_received', '2025-03-06')];
    const result = clock({ accepted: '2025-03-03', limit: 5 }, '2025-03-04');
    expect(result.trace.some((e) => e.kind === 'stop')).toBe(false);
    const stopped = computeClock(input({ accepted: '2025-03-03', limit: 5, events }), calendar, '2025-03-12');
    expect(stopped.trace).toContainEqual({
      kind: 'stop',
      stopKind: 'correction',
      procedure: null,
      from: '2025-03-04',
      to: '2025-03-06',
      open: false,
      removedDays: 2,
      overlapDays: 0,
      label: '补正 2025-03-04 至 2025-03-06，不计 2 个工作日'
    });
  });

  it('names the special procedure and marks an open stop', () => {
    const events = [ev('suspended', '2025-03-05', '10:00', { procedure: 'hearing' })];
    const result = clock({ accepted: '2025-03-03', limit: 5 }, '2025-03-03');
    expect(result.paused).toBe(false);
    const open = computeClock(input({ accepted: '2025-03-03', limit: 5, events }), calendar, '2025-03-10');
    expect(labels(open.trace)).toContain(
      '特别程序（听证）2025-03-05 起未结束（按 2025-03-10 恢复计算），不计 3 个工作日'
    );
    expect(open.trace.at(-1)).toMatchObject({ kind: 'colour', paused: true });
  });

  it('shows the Spring Festival 2026 run and both make-up Saturdays', () => {
    const result = clock({ accepted: '2026-02-12', limit: 10 }, '2026-02-12');
    expect(labels(result.trace)).toEqual(
      expect.arrayContaining([
        '2月14日（周六）调休上班',
        '2月15日至2月23日 法定节假日',
        '2月28日（周六）调休上班'
      ])
    );
  });

  it('explains each extension, valid or not, with the due date it was judged against', () => {
    const events = [
      ev('extended', '2025-03-10', '10:00', { days: 7 }),
      ev('extended', '2025-03-12', '10:00', { days: 4 }),
      ev('extended', '2025-05-30', '10:00', { days: 1 })
    ];
    const result = clock({ accepted: '2025-03-03', limit: 15, statutory: 20, events }, '2025-05-30');
    const entries = result.trace.filter((e) => e.kind === 'extension');
    expect(entries.map((e) => e.label)).toEqual([
      '2025-03-10 延长 7 个工作日：有效（不晚于法定截止日 2025-03-31，累计延长 7 个工作日）',
      '2025-03-12 延长 4 个工作日：无效，累计将达 11 个工作日，超过 10 个工作日上限，不延长',
      '2025-05-30 延长 1 个工作日：无效，晚于当时的法定截止日 2025-04-10，不延长'
    ]);
    expect(labels(result.trace)).toContain('法定时限 20 + 延长 7 = 27 个工作日，截止 2025-04-10');
    expect(result.trace).toContainEqual(expect.objectContaining({ kind: 'flag', flag: 'invalid_extension' }));
    expect(result.trace).toContainEqual(
      expect.objectContaining({ kind: 'statutory_overdue', date: '2025-04-10' })
    );
  });

  it('states the outcome of a concluded case', () => {
    const result = clock(
      { accepted: '2025-03-03', limit: 5, statutory: 8, concluded: '2025-03-11' },
      '2025-03-20'
    );
    expect(result.trace.at(-1)).toMatchObject({
      kind: 'conclusion',
      date: '2025-03-11',
      processingDays: 6,
      promisedOnTime: false,
      statutoryOnTime: true,
      label: '2025-03-11 办结，用时 6 个工作日；承诺时限超期，法定时限按时'
    });
  });

  it('is left empty when not asked for', () => {
    const result = computeClock(input({ accepted: '2025-03-03', limit: 5 }), calendar, '2025-03-03', {
      trace: false
    });
    expect(result.trace).toEqual([]);
    expect(result.promised.dueOn).toBe('2025-03-10');
  });
});
