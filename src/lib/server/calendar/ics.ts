import { CalendarImportError, isIsoDate, type StatedDay } from './import-plan';

// Reads the days off and working days of a holiday calendar in iCalendar form (RFC 5545),
// as published by calendar apps and holiday feeds ("中国节假日"). Pure.
//
// - Only all-day events are read: DTSTART;VALUE=DATE:20270101 (or DTSTART:20270101).
//   DTEND is exclusive, as RFC 5545 says; without it, DURATION:PnD / PnW or one day.
// - An event's SUMMARY says what its days are:
//     contains 班, "workday", "working day" or "work day"  → working days (补班, 上班, 调休上班);
//     else contains 休, 假, "holiday" or "day off"        → days off (休, 假期, 放假).
//   班 is looked at first because 调休上班 contains 休. Anything else is an error.
// - Events with STATUS:CANCELLED are skipped; recurring events (RRULE) are refused.
// Errors are CalendarImportError with the line number, in Chinese.

export const WORKING_SUMMARY = /班|workday|working day|work day/i;
export const DAY_OFF_SUMMARY = /休|假|holiday|day off/i;

/** true: working days; false: days off; null: the summary says neither. */
export function classifySummary(summary: string): boolean | null {
  if (WORKING_SUMMARY.test(summary)) return true;
  if (DAY_OFF_SUMMARY.test(summary)) return false;
  return null;
}

/** Longest event accepted: a holiday run is at most nine days; this catches a wrong DTEND. */
const MAX_EVENT_DAYS = 31;

interface ContentLine {
  line: number;
  name: string;
  params: string;
  value: string;
}

/** Unfolds continuation lines and splits "NAME;PARAMS:VALUE" (a ':' inside quotes is a parameter's). */
function contentLines(text: string): ContentLine[] {
  const physical = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  const out: ContentLine[] = [];
  physical.forEach((raw, i) => {
    if ((raw.startsWith(' ') || raw.startsWith('\t')) && out.length) {
      out[out.length - 1].value += raw.slice(1);
      return;
    }
    if (raw.trim() === '') return;
    let colon = -1;
    let quoted = false;
    for (let k = 0; k < raw.length; k++) {
      if (raw[k] === '"') quoted = !quoted;
      else if (raw[k] === ':' && !quoted) {
        colon = k;
        break;
      }
    }
    if (colon <= 0)
      throw new CalendarImportError(`第 ${i + 1} 行格式不正确（应为“名称:值”）：${raw.slice(0, 60)}`);
    const head = raw.slice(0, colon);
    const semi = head.indexOf(';');
    out.push({
      line: i + 1,
      name: (semi === -1 ? head : head.slice(0, semi)).toUpperCase(),
      params: semi === -1 ? '' : head.slice(semi + 1).toUpperCase(),
      value: raw.slice(colon + 1)
    });
  });
  return out;
}

const unescapeText = (value: string) =>
  value.replace(/\\([\\;,nN])/g, (_, c: string) => (c === 'n' || c === 'N' ? ' ' : c));

function dateOf(prop: ContentLine): string {
  const value = prop.value.trim();
  if (/^\d{8}T\d{6}Z?$/.test(value) || prop.params.includes('VALUE=DATE-TIME')) {
    throw new CalendarImportError(
      `第 ${prop.line} 行：${prop.name} 是具体时刻（${value}），只支持全天事件（如 ${prop.name};VALUE=DATE:20270101）`
    );
  }
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(value);
  const date = m ? `${m[1]}-${m[2]}-${m[3]}` : '';
  if (!m || !isIsoDate(date))
    throw new CalendarImportError(`第 ${prop.line} 行：${prop.name} 不是有效日期（${value}），应为 YYYYMMDD`);
  return date;
}

function addDays(date: string, n: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

function durationDays(prop: ContentLine): number {
  const m = /^P(?:(\d+)W|(\d+)D)$/.exec(prop.value.trim());
  if (!m)
    throw new CalendarImportError(
      `第 ${prop.line} 行：只支持按天或周的 DURATION（如 P3D），而不是 ${prop.value.trim()}`
    );
  return m[1] ? Number(m[1]) * 7 : Number(m[2]);
}

interface EventLines {
  begin: number;
  props: Map<string, ContentLine>;
}

function daysOfEvent(event: EventLines): StatedDay[] {
  const at = `第 ${event.begin} 行开始的事件`;
  const prop = (name: string) => event.props.get(name);
  if (prop('STATUS')?.value.trim().toUpperCase() === 'CANCELLED') return [];
  if (prop('RRULE')) throw new CalendarImportError(`${at}是重复事件（RRULE），请导出逐日列出的日历`);
  const startProp = prop('DTSTART');
  if (!startProp) throw new CalendarImportError(`${at}缺少 DTSTART`);
  const summaryProp = prop('SUMMARY');
  const summary = summaryProp ? unescapeText(summaryProp.value).trim() : '';
  if (!summary) throw new CalendarImportError(`${at}缺少 SUMMARY，无法判断是休息日还是上班日`);
  const working = classifySummary(summary);
  if (working === null) {
    throw new CalendarImportError(
      `${at}的 SUMMARY “${summary}” 无法判断：休息日应含“休”“假”或 holiday，上班日应含“班”或 workday`
    );
  }
  const start = dateOf(startProp);
  const endProp = prop('DTEND');
  const durationProp = prop('DURATION');
  let days = 1;
  if (endProp) {
    const end = dateOf(endProp);
    if (end <= start)
      throw new CalendarImportError(`第 ${endProp.line} 行：DTEND（${end}）应晚于 DTSTART（${start}）`);
    days = Math.round((Date.parse(end) - Date.parse(start)) / 86_400_000);
  } else if (durationProp) days = durationDays(durationProp);
  if (days < 1 || days > MAX_EVENT_DAYS) {
    throw new CalendarImportError(`${at}跨度为 ${days} 天；每个事件应为 1–${MAX_EVENT_DAYS} 天`);
  }
  return Array.from({ length: days }, (_, i) => ({ date: addDays(start, i), working, note: summary }));
}

/** Every day the file's events state, in file order (a date may appear more than once). */
export function parseIcs(text: string): StatedDay[] {
  const first = text
    .replace(/^\uFEFF/, '')
    .trimStart()
    .split(/\r\n|\n|\r/, 1)[0];
  if (first.trim().toUpperCase() !== 'BEGIN:VCALENDAR') {
    throw new CalendarImportError('不是 iCalendar（ICS）文件：第一行应为 BEGIN:VCALENDAR');
  }
  const lines = contentLines(text);
  const stack: string[] = [];
  const events: EventLines[] = [];
  let current: EventLines | null = null;
  for (const line of lines) {
    if (line.name === 'BEGIN') {
      const component = line.value.trim().toUpperCase();
      stack.push(component);
      if (component === 'VEVENT') {
        if (current) throw new CalendarImportError(`第 ${line.line} 行：事件中不能再嵌套事件`);
        current = { begin: line.line, props: new Map() };
      }
    } else if (line.name === 'END') {
      const component = line.value.trim().toUpperCase();
      const open = stack.pop();
      if (open !== component) {
        throw new CalendarImportError(
          `第 ${line.line} 行：END:${component} 与 BEGIN:${open ?? '（无）'} 不匹配`
        );
      }
      if (component === 'VEVENT' && current) {
        events.push(current);
        current = null;
      }
    } else if (current && stack[stack.length - 1] === 'VEVENT' && !current.props.has(line.name)) {
      current.props.set(line.name, line);
    }
  }
  if (stack.length) throw new CalendarImportError(`文件不完整：缺少 END:${stack[stack.length - 1]}`);
  if (!events.length) throw new CalendarImportError('文件中没有任何事件（VEVENT）');
  return events.flatMap(daysOfEvent);
}
