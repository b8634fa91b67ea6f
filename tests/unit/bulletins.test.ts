import { describe, expect, it } from 'vitest';
import { chineseOrdinal, formatCell, monthLabel, type BulletinContent } from '../../src/lib/bulletins';
import { assembleContent, bulletinTitle } from '../../src/lib/server/bulletins/assemble';
import { bulletinSheets } from '../../src/lib/server/bulletins/bulletin-export';
import {
  isFirstWorkingDayOfMonth,
  monthPeriod,
  parseMonth,
  previousMonth,
  reportMonthFor
} from '../../src/lib/server/bulletins/month';
import { formatBulletinNumber, nextBulletinNumber } from '../../src/lib/server/bulletins/numbering';
import { buildSearchText, likePattern, searchTerms } from '../../src/lib/server/bulletins/search-text';
import { basisText, countRow, pointsChange } from '../../src/lib/server/bulletins/sections/compare';
import type { CalendarOverrides } from '../../src/lib/server/calendar/working-days';

// The pure parts of the monthly bulletin: numbering, months and the first working day,
// the assembly of sections, the search text and the workbook's sheets.

const content = (): BulletinContent =>
  assembleContent('2025-09', monthPeriod('2025-09'), monthPeriod('2025-08'), '2025-10-09', [
    {
      key: 'overdue',
      title: '各科室超期办件',
      outcome: {
        paragraphs: ['本月超承诺时限办结 2 件。'],
        tables: [
          {
            title: '各科室超期办件（件）',
            columns: [
              { key: 'section', header: '科室', kind: 'text' },
              { key: 'late', header: '超期', kind: 'integer' }
            ],
            rows: [
              { section: '建设审批科', late: 2 },
              { section: '合计', late: 2 }
            ]
          }
        ]
      }
    },
    { key: 'evaluation', title: '第三方测评综合指数', outcome: { unavailable: '第三方测评结果尚未接入。' } },
    { key: 'audits', title: '案卷抽查', failed: 'connection refused' }
  ]);

describe('bulletin numbers', () => {
  it('count per bureau-local year of publication, from 1', () => {
    expect(nextBulletinNumber(new Date('2026-11-03T02:00:00Z'), null)).toEqual({ year: 2026, seq: 1 });
    expect(nextBulletinNumber(new Date('2026-11-03T02:00:00Z'), 10)).toEqual({ year: 2026, seq: 11 });
    // 2026-12-31 20:00 UTC is already 2027-01-01 in Beijing: the new year's first.
    expect(nextBulletinNumber(new Date('2026-12-31T20:00:00Z'), null)).toEqual({ year: 2027, seq: 1 });
  });

  it('read 2026年第11期', () => {
    expect(formatBulletinNumber({ year: 2026, seq: 11 })).toBe('2026年第11期');
    expect(formatBulletinNumber(null)).toBeNull();
  });
});

describe('bulletin months', () => {
  it('parse, span and step back', () => {
    expect(parseMonth('2025-09')).toBe('2025-09');
    expect(parseMonth('2025-09-15')).toBe('2025-09');
    expect(parseMonth('2025-13')).toBeNull();
    expect(parseMonth('')).toBeNull();
    expect(monthPeriod('2024-02')).toEqual({ from: '2024-02-01', to: '2024-02-29' });
    expect(previousMonth('2026-01')).toBe('2025-12');
    expect(reportMonthFor('2026-01-05')).toBe('2025-12');
    expect(monthLabel('2025-09')).toBe('2025年9月');
  });

  it('know the first working day when the 1st is a holiday', () => {
    const calendar: CalendarOverrides = {
      holidays: new Set(['2025-10-01', '2025-10-02', '2025-10-03', '2025-10-06', '2025-10-07', '2025-10-08']),
      makeUpWorkdays: new Set(['2025-09-28', '2025-10-11']),
      confirmedYears: new Set([2025])
    };
    const firsts = ['2025-10-01', '2025-10-08', '2025-10-09', '2025-10-10', '2025-10-11'].map((d) =>
      isFirstWorkingDayOfMonth(d, calendar)
    );
    expect(firsts).toEqual([false, false, true, false, false]);
    // November 2025: the 1st is a Saturday, Monday the 3rd is the first working day.
    expect(isFirstWorkingDayOfMonth('2025-11-01', calendar)).toBe(false);
    expect(isFirstWorkingDayOfMonth('2025-11-03', calendar)).toBe(true);
  });
});

describe('section assembly', () => {
  it('keeps the order, marks missing data and failed providers', () => {
    const c = content();
    expect(c.sections.map((s) => [s.key, s.status])).toEqual([
      ['overdue', 'ok'],
      ['evaluation', 'unavailable'],
      ['audits', 'unavailable']
    ]);
    const failed = c.sections[2];
    expect(failed.status === 'unavailable' && failed.reason).toContain('请稍后重新生成草稿');
    expect(c.period).toEqual({ from: '2025-09-01', to: '2025-09-30' });
    expect(bulletinTitle('2025年9月', true)).toBe('2025年9月审批效能集中通报（更正）');
  });

  it('numbers sections 一、二、… and formats cells', () => {
    expect([1, 2, 9, 10, 11, 20, 23].map(chineseOrdinal)).toEqual([
      '一',
      '二',
      '九',
      '十',
      '十一',
      '二十',
      '二十三'
    ]);
    expect(formatCell(1234, 'integer')).toBe('1,234');
    expect(formatCell(0.9643, 'percent')).toBe('96.4%');
    expect(formatCell(null, 'percent')).toBe('—');
    expect(formatCell('建设审批科', 'text')).toBe('建设审批科');
  });

  it('compares the month with the month before', () => {
    expect(countRow('收件量', 12, 10)).toEqual({
      indicator: '收件量',
      current: 12,
      previous: 10,
      change: 2,
      changeRate: 0.2
    });
    expect(countRow('收件量', 3, 0).changeRate).toBeNull();
    expect(pointsChange(0.9, 0.85)).toBe('上升 5.0 个百分点');
    expect(pointsChange(0.85, 0.9)).toBe('下降 5.0 个百分点');
    expect(pointsChange(0.9, 0.90001)).toBe('持平');
    expect(pointsChange(null, 0.9)).toBe('无可比数据');
    expect(basisText({ value: 0.5, numerator: 1, denominator: 2 })).toBe('1 / 2（样本少于30）');
    expect(basisText({ value: 0.5, numerator: 20, denominator: 40 })).toBe('20 / 40');
  });
});

describe('search text', () => {
  const text = buildSearchText({
    title: '2025年9月审批效能集中通报',
    month: '2025-09',
    number: '2025年第3期',
    commentary: '建设审批科要限期整改 Overdue',
    correctionNote: null,
    content: content()
  });

  it('holds the month both ways, the number, commentary, section text and text cells, not numbers', () => {
    for (const word of [
      '2025-09',
      '2025年9月',
      '2025年第3期',
      '限期整改',
      'overdue',
      '各科室超期办件',
      '建设审批科'
    ])
      expect(text).toContain(word);
    expect(text).toContain('第三方测评结果尚未接入');
    expect(text.split('\n')).not.toContain('2');
  });

  it('splits a query into at most five lower-case terms and reads 2025-9 as 2025-09', () => {
    expect(searchTerms('  建设  第3期 ')).toEqual(['建设', '第3期']);
    expect(searchTerms('2025-9')).toEqual(['2025-09']);
    expect(searchTerms('a b c d e f')).toHaveLength(5);
    expect(searchTerms(null)).toEqual([]);
    expect(likePattern('100%_a\\b')).toBe('%100\\%\\_a\\\\b%');
  });
});

describe('the workbook', () => {
  it('has a cover sheet and one sheet per section, paragraphs above the first table', () => {
    const sheets = bulletinSheets(
      {
        title: '2025年9月审批效能集中通报',
        month: '2025-09',
        status: 'published',
        number: '2025年第3期',
        commentary: '点评',
        correctionNote: null,
        correctsNumber: null,
        publishedAt: new Date('2025-10-09T02:00:00Z'),
        content: content()
      },
      new Date('2025-10-10T02:00:00Z')
    );
    expect(sheets.map((s) => s.name)).toEqual([
      '通报',
      '一 各科室超期办件',
      '二 第三方测评综合指数',
      '三 案卷抽查'
    ]);
    expect(sheets[0].tables[0].rows.map((r) => r.text)).toContain('领导点评：点评');
    expect(sheets[1].tables[0].notes).toEqual(['本月超承诺时限办结 2 件。']);
    expect(sheets[1].tables[0].columns.map((c) => c.kind)).toEqual(['text', 'integer']);
    expect(sheets[2].tables[0].rows).toEqual([{ text: '第三方测评结果尚未接入。' }]);
  });
});
