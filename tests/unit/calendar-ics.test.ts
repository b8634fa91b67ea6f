import { describe, expect, it } from 'vitest';
import { OFFICIAL_YEARS } from '../../src/lib/server/calendar/official-calendar';
import {
  buildYearPlan,
  CalendarImportError,
  diffYearPlan,
  movedDates
} from '../../src/lib/server/calendar/import-plan';
import { classifySummary, parseIcs } from '../../src/lib/server/calendar/ics';

const ics = (...events: string[]) =>
  ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//test//holidays//CN', ...events, 'END:VCALENDAR'].join('\r\n');
const event = (start: string, end: string | null, summary: string, extra: string[] = []) =>
  [
    'BEGIN:VEVENT',
    `DTSTART;VALUE=DATE:${start}`,
    ...(end ? [`DTEND;VALUE=DATE:${end}`] : []),
    `SUMMARY:${summary}`,
    ...extra,
    'END:VEVENT'
  ].join('\r\n');

/** The 2025 notice as a holiday feed would publish it: one event per run, 休 and 班. */
const FEED_2025 = ics(
  event('20250101', '20250102', '元旦 休'),
  event('20250128', '20250205', '春节 假期 第1天/共8天'),
  event('20250126', null, '春节 补班'),
  event('20250208', null, '春节补班'),
  event('20250404', '20250407', '清明节（休）'),
  event('20250501', '20250506', '劳动节 假期'),
  event('20250427', null, '劳动节 补班'),
  event('20250531', '20250603', '端午节 休'),
  event('20251001', '20251009', '国庆节、中秋节 休'),
  event('20250928', '20250929', '国庆节、中秋节 调休上班'),
  event('20251011', '20251012', 'National Day workday')
);

describe('classifySummary', () => {
  it('reads 班 before 休, so that 调休上班 is a working day', () => {
    expect(classifySummary('国庆节 调休上班')).toBe(true);
    expect(classifySummary('补班')).toBe(true);
    expect(classifySummary('Workday (make-up)')).toBe(true);
    expect(classifySummary('春节 假期')).toBe(false);
    expect(classifySummary('休')).toBe(false);
    expect(classifySummary('New Year Holiday')).toBe(false);
    expect(classifySummary('春节')).toBeNull();
  });
});

describe('parseIcs', () => {
  it('reads a year of all-day events into exactly the official exception days (DTEND exclusive)', () => {
    const plan = buildYearPlan(2025, parseIcs(FEED_2025));
    const official = OFFICIAL_YEARS.find((y) => y.year === 2025)!;
    expect(plan.exceptions.filter((d) => !d.working).map((d) => d.date)).toEqual(
      [...official.holidays].sort()
    );
    expect(plan.exceptions.filter((d) => d.working).map((d) => d.date)).toEqual(
      [...official.makeUpWorkdays].sort()
    );
    expect(plan.exceptions[0]).toEqual({
      date: '2025-01-01',
      working: false,
      kind: 'holiday',
      note: '元旦 休'
    });
  });

  it('unfolds long lines, unescapes text, skips nested alarms and cancelled events, reads DURATION', () => {
    const text = [
      'BEGIN:VCALENDAR',
      'BEGIN:VEVENT',
      'DTSTART;VALUE=DATE:20270101',
      'DURATION:P1D',
      'SUMMARY:元旦\\, 放',
      ' 假',
      'BEGIN:VALARM',
      'SUMMARY:提醒',
      'END:VALARM',
      'END:VEVENT',
      'BEGIN:VEVENT',
      'DTSTART:20270102',
      'SUMMARY:取消的补班',
      'STATUS:CANCELLED',
      'END:VEVENT',
      'END:VCALENDAR'
    ].join('\n');
    expect(parseIcs(`\uFEFF${text}`)).toEqual([{ date: '2027-01-01', working: false, note: '元旦, 放假' }]);
  });

  it('gives a clear error for a file that is not a calendar', () => {
    expect(() => parseIcs('日期,类型\n2027-01-01,休')).toThrow(/不是 iCalendar（ICS）文件/);
    expect(() => parseIcs('')).toThrow(CalendarImportError);
  });

  it('gives the line of a malformed event', () => {
    expect(() => parseIcs(ics(event('2027-01-01', null, '休')))).toThrow(
      /第 5 行：DTSTART 不是有效日期（2027-01-01）/
    );
    expect(() => parseIcs(ics(event('20270230', null, '休')))).toThrow(/不是有效日期（20270230）/);
    expect(() =>
      parseIcs(ics('BEGIN:VEVENT\r\nDTSTART:20270101T090000Z\r\nSUMMARY:休\r\nEND:VEVENT'))
    ).toThrow(/只支持全天事件/);
    expect(() => parseIcs(ics(event('20270105', '20270103', '休')))).toThrow(
      /DTEND（2027-01-03）应晚于 DTSTART/
    );
    expect(() => parseIcs(ics(event('20270101', '20270301', '休')))).toThrow(/跨度为 59 天/);
    expect(() => parseIcs(ics(event('20270101', null, '春节')))).toThrow(/“春节” 无法判断/);
    expect(() => parseIcs(ics('BEGIN:VEVENT\r\nDTSTART:20270101\r\nEND:VEVENT'))).toThrow(/缺少 SUMMARY/);
    expect(() => parseIcs(ics(event('20270101', null, '休', ['RRULE:FREQ=YEARLY'])))).toThrow(/重复事件/);
    expect(() => parseIcs(ics('BEGIN:VEVENT\r\nthis line has no colon\r\nEND:VEVENT'))).toThrow(
      /第 5 行格式不正确/
    );
  });

  it('refuses a truncated file and a file without events', () => {
    expect(() => parseIcs('BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART:20270101\nSUMMARY:休')).toThrow(
      /缺少 END:VEVENT/
    );
    expect(() => parseIcs(ics())).toThrow(/没有任何事件/);
  });
});

describe('buildYearPlan and diffYearPlan', () => {
  it('refuses dates of another year and a date stated both ways', () => {
    const days = parseIcs(ics(event('20261231', '20270102', '元旦 休')));
    expect(() => buildYearPlan(2027, days)).toThrow(/包含 2027 年以外的日期（2026-12-31）/);
    const both = parseIcs(ics(event('20270206', null, '春节 休'), event('20270206', null, '春节 补班')));
    expect(() => buildYearPlan(2027, both)).toThrow(
      /2027-02-06 既被标为休息（春节 休）又被标为上班（春节 补班）/
    );
    expect(() => buildYearPlan(2027, [])).toThrow(/没有找到任何/);
  });

  it('lists what an import adds, removes and changes, and which dates move', () => {
    const plan = buildYearPlan(
      2027,
      parseIcs(
        ics(
          event('20270101', null, '元旦 休'),
          event('20270208', '20270210', '春节 休'),
          event('20270207', null, '春节 补班')
        )
      )
    );
    const current = [
      { date: '2027-01-01', working: false, kind: 'holiday' as const, note: '元旦' },
      { date: '2027-02-08', working: false, kind: 'holiday' as const, note: '春节 休' },
      { date: '2027-05-03', working: false, kind: 'holiday' as const, note: '劳动节' }
    ];
    const diff = diffYearPlan(plan, current);
    expect(diff.added.map((d) => d.date)).toEqual(['2027-02-07', '2027-02-09']);
    expect(diff.removed.map((d) => d.date)).toEqual(['2027-05-03']);
    expect(diff.changed.map((c) => [c.before.note, c.after.note])).toEqual([['元旦', '元旦 休']]);
    expect(diff.unchanged).toBe(1);
    expect(movedDates(diff)).toEqual(['2027-02-07', '2027-02-09', '2027-05-03']);
  });
});
