import type { CalendarIndex } from '../clock/day-index';
import { dayOfDate } from '../clock/day-index';
import type { CaseKind, CaseStatus, ClockEvent, ClockInput, ClockResult } from '../clock/types';
import { epochMs } from '../sync/sql-text';

// The clock's input read in bulk (one COPY text row per case, its events folded into one
// field) and its result written in bulk (one COPY text line per case_clock row).

const MS_PER_DAY = 86_400_000;
const LOCAL_OFFSET_MS = 8 * 3_600_000; // Asia/Shanghai
const localDay = (ms: number) => Math.floor((ms + LOCAL_OFFSET_MS) / MS_PER_DAY);

// `received` events are left out: the clock takes the receipt from cases.received_at.
export const CLOCK_EVENTS = `e.kind <> 'received'`;
export const EVENT_TEXT = `e.kind || ',' || ${epochMs('e.occurred_at')} || ',' || coalesce(e.days::text, '') || ',' || coalesce(e.procedure, '')`;
/** The case's fields of a clock input row, over cases `c`, matters `m` and matter_settings `ms`. */
export const CASE_COLUMNS = `c.id, c.region_code, c.status, m.kind, m.promised_days, m.statutory_days,
      ms.yellow_ratio, ms.yellow_days,
      ${epochMs('c.received_at')}, ${epochMs('c.accepted_at')}, ${epochMs('c.concluded_at')}, ${epochMs('c.delivered_at')}`;

/**
 * The input of the cases listed in `targets` (null: every case) with lo <= id <= hi, one row per case,
 * its events folded into the last field ("kind,epoch ms,days,procedure;…" in time order).
 * Dense: most ids of the range are listed (a first load, the daily refresh), so the
 * events of the range are read in one index range scan and grouped; sparse: each case's
 * events are looked up on their own.
 */
export function clockInputQuery(targets: string | null, lo: string, hi: string, dense: boolean): string {
  const range = `BETWEEN ${BigInt(lo)} AND ${BigInt(hi)}`;
  if (dense || targets === null) {
    const listed =
      targets === null ? '' : ` AND c.id IN (SELECT case_id FROM ${targets} WHERE case_id ${range})`;
    return `
    SELECT ${CASE_COLUMNS}, ev.events
    FROM cases c
    JOIN matters m ON m.id = c.matter_id
    LEFT JOIN matter_settings ms ON ms.matter_id = c.matter_id
    LEFT JOIN (
      SELECT e.case_id, string_agg(${EVENT_TEXT}, ';' ORDER BY e.occurred_at, e.id) AS events
      FROM case_events e WHERE e.case_id ${range} AND ${CLOCK_EVENTS} GROUP BY e.case_id
    ) ev ON ev.case_id = c.id
    WHERE c.id ${range}${listed}`;
  }
  return `
    SELECT ${CASE_COLUMNS},
      (SELECT string_agg(${EVENT_TEXT}, ';' ORDER BY e.occurred_at, e.id)
       FROM case_events e WHERE e.case_id = c.id AND ${CLOCK_EVENTS})
    FROM ${targets} t
    JOIN cases c ON c.id = t.case_id
    JOIN matters m ON m.id = c.matter_id
    LEFT JOIN matter_settings ms ON ms.matter_id = c.matter_id
    WHERE t.case_id ${range}`;
}

export interface ClockRowInput {
  caseId: string;
  regionCode: string;
  input: ClockInput;
}

const NULL = '\\N';

/** Epoch milliseconds of a field, or null for \N. */
function instantAt(line: string, from: number, to: number): Date | null {
  return line.charCodeAt(from) === 92 ? null : new Date(Number(line.slice(from, to)));
}

/** "kind,ms,days,procedure;…" from `from` to the end of the line. */
function parseEvents(line: string, from: number): ClockEvent[] {
  const events: ClockEvent[] = [];
  if (from >= line.length || line.charCodeAt(from) === 92) return events;
  let at = from;
  while (at < line.length) {
    let end = line.indexOf(';', at);
    if (end === -1) end = line.length;
    const c1 = line.indexOf(',', at);
    const c2 = line.indexOf(',', c1 + 1);
    const c3 = line.indexOf(',', c2 + 1);
    events.push({
      kind: line.slice(at, c1),
      occurredAt: new Date(Number(line.slice(c1 + 1, c2))),
      days: c3 === c2 + 1 ? null : Number(line.slice(c2 + 1, c3)),
      procedure: end === c3 + 1 ? null : line.slice(c3 + 1, end)
    });
    at = end + 1;
  }
  return events;
}

/**
 * A line of clockInputQuery (without its newline) as the clock's input. Only the region
 * code is free text, and it is validated to six digits: no field holds a COPY escape.
 */
export function parseClockLine(line: string): ClockRowInput {
  const tab: number[] = [];
  for (let i = line.indexOf('\t'); i !== -1 && tab.length < 12; i = line.indexOf('\t', i + 1)) tab.push(i);
  if (tab.length < 12) throw new Error(`malformed clock input row: ${line.slice(0, 80)}`);
  const field = (k: number) => line.slice(k === 0 ? 0 : tab[k - 1] + 1, tab[k]);
  const ratio = field(6);
  const yellowDays = field(7);
  return {
    caseId: field(0),
    regionCode: field(1),
    input: {
      status: field(2) as CaseStatus,
      kind: field(3) as CaseKind,
      promisedDays: Number(field(4)),
      statutoryDays: Number(field(5)),
      settings:
        ratio === NULL
          ? null
          : { yellowRatio: Number(ratio), yellowDays: yellowDays === NULL ? undefined : Number(yellowDays) },
      receivedAt: instantAt(line, tab[7] + 1, tab[8]) as Date,
      acceptedAt: instantAt(line, tab[8] + 1, tab[9]),
      concludedAt: instantAt(line, tab[9] + 1, tab[10]),
      deliveredAt: instantAt(line, tab[10] + 1, tab[11]),
      events: parseEvents(line, tab[11] + 1)
    }
  };
}

/** Columns of case_clock written by the recomputation, in line order (computed_at is set by SQL). */
export const CLOCK_COLUMNS = [
  'case_id',
  'region_code',
  'open',
  'accepted_on',
  'promised_limit_days',
  'promised_due_on',
  'promised_on_time',
  'promised_overdue',
  'statutory_days',
  'extension_days',
  'statutory_limit_days',
  'statutory_due_on',
  'statutory_on_time',
  'statutory_overdue',
  'elapsed_days',
  'remaining_days',
  'processing_days',
  'colour',
  'paused',
  'flags',
  'stop_count',
  'calendar_unconfirmed',
  'unconfirmed_years',
  'span_from',
  'span_to',
  'evaluated_on'
] as const;

const text = (v: string | null) => (v === null ? NULL : v);
const num = (v: number | null) => (v === null ? NULL : String(v));
const bool = (v: boolean | null) => (v === null ? NULL : v ? 't' : 'f');

/**
 * The dates a result depends on: from receipt (or the earliest event) to the latest of
 * the events, the due dates, delivery and, for an open case, the evaluation date.
 */
export function clockSpan(input: ClockInput, result: ClockResult, index: CalendarIndex): [string, string] {
  let lo = localDay(input.receivedAt.getTime());
  let hi = lo;
  const take = (day: number) => {
    if (day < lo) lo = day;
    if (day > hi) hi = day;
  };
  for (const at of [input.acceptedAt, input.concludedAt, input.deliveredAt])
    if (at) take(localDay(at.getTime()));
  for (const event of input.events) take(localDay(event.occurredAt.getTime()));
  if (result.promised.dueOn) take(dayOfDate(result.promised.dueOn));
  if (result.statutory.dueOn) take(dayOfDate(result.statutory.dueOn));
  if (result.open) take(dayOfDate(result.evaluatedOn));
  return [index.date(lo), index.date(hi)];
}

/** One COPY text line (with its newline) of case_clock. */
export function formatClockLine(row: ClockRowInput, result: ClockResult, index: CalendarIndex): string {
  const [spanFrom, spanTo] = clockSpan(row.input, result, index);
  return (
    [
      row.caseId,
      row.regionCode, // validated: six digits
      bool(result.open),
      text(result.acceptedOn),
      num(result.promised.limitDays),
      text(result.promised.dueOn),
      bool(result.promised.onTime),
      bool(result.promised.overdue),
      num(result.statutory.statutoryDays),
      num(result.statutory.extensionDays),
      num(result.statutory.limitDays),
      text(result.statutory.dueOn),
      bool(result.statutory.onTime),
      bool(result.statutory.overdue),
      num(result.elapsedDays),
      num(result.remainingDays),
      num(result.processingDays),
      text(result.colour),
      bool(result.paused),
      `{${result.flags.join(',')}}`,
      String(result.stops.length),
      bool(result.calendarUnconfirmed),
      `{${result.unconfirmedYears.join(',')}}`,
      spanFrom,
      spanTo,
      result.evaluatedOn
    ].join('\t') + '\n'
  );
}
