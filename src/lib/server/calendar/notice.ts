import { CalendarImportError, isIsoDate, WEEKDAY_NAMES, type StatedDay } from './import-plan';
import { dayOfWeek } from './working-days';

// Reads the days of a pasted State Council holiday notice (国务院办公厅关于…年部分节假日安排的通知),
// best effort. The notice lists numbered items, one per festival:
//   一、元旦：1月1日（周五）至3日（周日）放假调休，共3天。1月4日（周一）上班。
//   二、春节：2月10日至17日放假调休，共8天。2月4日（星期日）、2月18日（星期日）上班。鼓励……
// Within an item, a sentence with 放假 gives a day off or a range (至), one with 上班 gives
// working days; other sentences (鼓励……在除夕休息) are skipped. A weekday written beside a
// date (（周五）, （星期日）) is checked against the year, and "共N天" against the range: a
// notice pasted under the wrong year, or misread, fails instead of being half-applied. Pure.

// An item starts a line or follows a full stop (初七、周二 inside a date's brackets is no item).
const ITEM = /(?<=^|[。\n])([一二三四五六七八九十]{1,3})、([^：:。\n]{1,30})[：:]/g;
const DATE = /(?:(\d{4})年)?(?:(\d{1,2})月)?(\d{1,2})日(?:[（(]([^）)]*)[）)])?/g;
const WEEKDAY = /(?:周|星期)([日天一二三四五六])/;
const WEEKDAY_INDEX: Record<string, number> = { 日: 0, 天: 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6 };

/** Full-width digits and punctuation as the notice's web page may give them. */
function normalise(text: string): string {
  return text
    .replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\r\n?/g, '\n')
    .replace(/[^\S\n]+/g, '')
    .replace(/．/g, '.');
}

/** The year in the notice's title ("关于2027年部分节假日安排的通知"), if present. */
export function noticeYear(text: string): number | null {
  const m = /(\d{4})年(?:部分)?节假日安排/.exec(normalise(text));
  return m ? Number(m[1]) : null;
}

interface DateMention {
  date: string;
  text: string;
  /** Index in the sentence, to tell "A至B" from "A、B". */
  at: number;
  end: number;
}

function mentions(sentence: string, year: number, item: string): DateMention[] {
  const out: DateMention[] = [];
  let month: number | null = null;
  for (const m of sentence.matchAll(DATE)) {
    if (m[2]) month = Number(m[2]);
    if (month === null) throw new CalendarImportError(`“${item}”中的“${m[0]}”没有月份`);
    const y = m[1] ? Number(m[1]) : year;
    const date = `${y}-${String(month).padStart(2, '0')}-${String(Number(m[3])).padStart(2, '0')}`;
    if (!isIsoDate(date)) throw new CalendarImportError(`“${item}”中的“${m[0]}”不是有效日期`);
    const hint = m[4] ? WEEKDAY.exec(m[4]) : null;
    if (hint && WEEKDAY_INDEX[hint[1]] !== dayOfWeek(date)) {
      throw new CalendarImportError(
        `“${item}”中的“${m[0]}”与 ${y} 年不符：${date} 是${WEEKDAY_NAMES[dayOfWeek(date)]}。请检查年份`
      );
    }
    out.push({ date, text: m[0], at: m.index, end: m.index + m[0].length });
  }
  return out;
}

function addDays(date: string, n: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

function daysOff(sentence: string, dates: DateMention[], name: string): StatedDay[] {
  const out: StatedDay[] = [];
  for (let i = 0; i < dates.length; i++) {
    const from = dates[i];
    const to = dates[i + 1];
    if (to && /^\s*(至|到|—|-|~)/.test(sentence.slice(from.end, to.at))) {
      if (to.date < from.date)
        throw new CalendarImportError(`“${name}”的放假日期 ${from.text}至${to.text} 前后颠倒`);
      for (let d = from.date; d <= to.date; d = addDays(d, 1))
        out.push({ date: d, working: false, note: name });
      i++;
    } else out.push({ date: from.date, working: false, note: name });
  }
  const total = /共(\d{1,2})天/.exec(sentence);
  if (total && Number(total[1]) !== out.length) {
    throw new CalendarImportError(`“${name}”的放假日期共 ${out.length} 天，与通知中的“共${total[1]}天”不符`);
  }
  return out;
}

/** The days a notice states for `year` (the year of its title, if it has one, must agree). */
export function parseNotice(text: string, year: number): StatedDay[] {
  const stated = noticeYear(text);
  if (stated !== null && stated !== year) {
    throw new CalendarImportError(`通知标题写的是 ${stated} 年，而选择导入的是 ${year} 年`);
  }
  const body = normalise(text);
  const items = [...body.matchAll(ITEM)];
  if (!items.length) {
    throw new CalendarImportError(
      '没有识别出通知的条目：应为“一、元旦：1月1日至3日放假调休，共3天。1月4日上班。”的格式'
    );
  }
  const out: StatedDay[] = [];
  items.forEach((item, k) => {
    const name = item[2];
    const content = body.slice(item.index + item[0].length, items[k + 1]?.index ?? body.length);
    let found = 0;
    for (const sentence of content.split(/[。；;\n]/)) {
      if (/鼓励|倡导|提倡/.test(sentence)) continue;
      // "1月1日至3日放假调休，共3天，1月4日上班": the clauses with 上班 are the working days.
      const clauses = sentence.split(/[，,]/);
      const offPart = sentence.includes('放假') ? clauses.filter((c) => !c.includes('上班')).join('，') : '';
      const workPart = clauses.filter((c) => c.includes('上班')).join('，');
      const offDates = offPart ? mentions(offPart, year, name) : [];
      const days = [
        ...(offDates.length ? daysOff(offPart, offDates, name) : []),
        ...mentions(workPart, year, name).map((d) => ({
          date: d.date,
          working: true,
          note: `${name}调休上班`
        }))
      ];
      found += days.length;
      out.push(...days);
    }
    if (!found) throw new CalendarImportError(`“${name}”中没有识别出放假或上班日期`);
  });
  return out;
}
