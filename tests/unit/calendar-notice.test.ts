import { describe, expect, it } from 'vitest';
import { OFFICIAL_YEARS } from '../../src/lib/server/calendar/official-calendar';
import { buildYearPlan, CalendarImportError } from '../../src/lib/server/calendar/import-plan';
import { noticeYear, parseNotice } from '../../src/lib/server/calendar/notice';

// The State Council's notices as published (2024 with 星期 and no weekdays on the ranges,
// 2025 and 2026 with 周 and lunar dates in brackets) must give exactly the seeded days.

const NOTICE_2024 = `国务院办公厅关于2024年部分节假日安排的通知
一、元旦：1月1日放假，与周末连休。
二、春节：2月10日至17日放假调休，共8天。2月4日（星期日）、2月18日（星期日）上班。鼓励各单位结合带薪年休假等制度落实，安排职工在除夕（2月9日）休息。
三、清明节：4月4日至6日放假调休，共3天。4月7日（星期日）上班。
四、劳动节：5月1日至5日放假调休，共5天。4月28日（星期日）、5月11日（星期六）上班。
五、端午节：6月10日放假，与周末连休。
六、中秋节：9月15日至17日放假调休，共3天。9月14日（星期六）上班。
七、国庆节：10月1日至7日放假调休，共7天。9月29日（星期日）、10月12日（星期六）上班。`;

const NOTICE_2025 = `一、元旦：1月1日（周三）放假1天，不调休。
二、春节：1月28日（农历除夕、周二）至2月4日（农历正月初七、周二）放假调休，共8天。1月26日（周日）、2月8日（周六）上班。
三、清明节：4月4日（周五）至6日（周日）放假，共3天。
四、劳动节：5月1日（周四）至5日（周一）放假调休，共5天。4月27日（周日）上班。
五、端午节：5月31日（周六）至6月2日（周一）放假，共3天。
六、国庆节、中秋节：10月1日（周三）至8日（周三）放假调休，共8天。9月28日（周日）、10月11日（周六）上班。`;

const NOTICE_2026 = `一、元旦：1月1日（周四）至3日（周六）放假调休，共3天。1月4日（周日）上班。
二、春节：2月15日（农历腊月二十八、周日）至23日（农历正月初七、周一）放假调休，共9天。2月14日（周六）、2月28日（周六）上班。
三、清明节：4月4日（周六）至6日（周一）放假，共3天。
四、劳动节：5月1日（周五）至5日（周二）放假调休，共5天。5月9日（周六）上班。
五、端午节：6月19日（周五）至21日（周日）放假，共3天。
六、中秋节：9月25日（周五）至27日（周日）放假，共3天。9月20日（周日）上班。
七、国庆节：10月1日（周四）至7日（周三）放假调休，共7天。10月10日（周六）上班。`;

const planOf = (text: string, year: number) => buildYearPlan(year, parseNotice(text, year));

describe('parseNotice', () => {
  for (const [year, text] of [
    [2024, NOTICE_2024],
    [2025, NOTICE_2025],
    [2026, NOTICE_2026]
  ] as const) {
    it(`reads the ${year} notice into exactly the official exception days`, () => {
      const official = OFFICIAL_YEARS.find((y) => y.year === year)!;
      const plan = planOf(text, year);
      expect(plan.exceptions.filter((d) => !d.working).map((d) => d.date)).toEqual(
        [...official.holidays].sort()
      );
      expect(plan.exceptions.filter((d) => d.working).map((d) => d.date)).toEqual(
        [...official.makeUpWorkdays].sort()
      );
    });
  }

  it('names each day after its festival', () => {
    const plan = planOf(NOTICE_2026, 2026);
    expect(plan.exceptions.find((d) => d.date === '2026-02-16')).toMatchObject({
      kind: 'holiday',
      note: '春节'
    });
    expect(plan.exceptions.find((d) => d.date === '2026-02-14')).toMatchObject({
      kind: 'makeup_workday',
      note: '春节调休上班'
    });
  });

  it("skips the encouragement to rest on New Year's Eve (鼓励……除夕（2月9日）休息)", () => {
    expect(parseNotice(NOTICE_2024, 2024).some((d) => d.date === '2024-02-09')).toBe(false);
  });

  it('reads the example of the brief, keeping the weekend days and the Monday aside', () => {
    const plan = planOf('一、元旦：1月1日（周五）至3日（周日）放假调休，共3天。1月4日（周一）上班。', 2027);
    expect(plan.exceptions).toEqual([{ date: '2027-01-01', working: false, kind: 'holiday', note: '元旦' }]);
    expect(plan.ignored.map((d) => d.date)).toEqual(['2027-01-02', '2027-01-03', '2027-01-04']);
  });

  it('reads a day off and a working day in one sentence', () => {
    const days = parseNotice('一、元旦：1月1日至3日放假调休，共3天，1月4日上班。', 2027);
    expect(days.filter((d) => d.working).map((d) => d.date)).toEqual(['2027-01-04']);
    expect(days.filter((d) => !d.working)).toHaveLength(3);
  });

  it('takes the year from the title and refuses another year', () => {
    expect(noticeYear(NOTICE_2024)).toBe(2024);
    expect(() => parseNotice(NOTICE_2024, 2027)).toThrow(/标题写的是 2024 年/);
  });

  it('refuses a notice pasted under the wrong year (the weekdays do not match)', () => {
    expect(() => parseNotice(NOTICE_2026, 2027)).toThrow(CalendarImportError);
    expect(() => parseNotice(NOTICE_2026, 2027)).toThrow(/2027-01-01 是周五/);
  });

  it('refuses a range that disagrees with its "共N天"', () => {
    expect(() => parseNotice('一、元旦：1月1日至3日放假调休，共4天。', 2027)).toThrow(
      /共 3 天，与通知中的“共4天”不符/
    );
  });

  it('refuses text that is not a notice', () => {
    expect(() => parseNotice('明天放假', 2027)).toThrow(/没有识别出通知的条目/);
    expect(() => parseNotice('一、元旦：另行通知。', 2027)).toThrow(/“元旦”中没有识别出/);
  });
});
