import type { CalendarIndex } from './day-index';
import type { RawExtension } from './extensions';
import { COLOUR_NAMES, dayRange, FLAG_NAMES, monthDay, stopName, weekdayName } from './labels';
import type { RawStop } from './stops';
import type { FlagFinding } from './warnings';
import { yellowThreshold } from './warnings';
import type { CaseStatus, Colour, TraceEntry, WarningSettings } from './types';

// The explanation of a clock as data: one entry per step of the arithmetic, each with the
// dates an inspector needs and a Chinese label, in the order of the page.

function verdict(onTime: boolean): string {
  return onTime ? '按时' : '超期';
}

/** A space between a name and a date, except after a closing full-width bracket. */
function spaced(name: string): string {
  return name.endsWith('）') ? name : `${name} `;
}

export interface TraceFacts {
  index: CalendarIndex;
  status: CaseStatus;
  open: boolean;
  a: number;
  t: number;
  end: number;
  unconfirmedYears: readonly number[];
  preAcceptanceCorrections: readonly { day: number; workingDays: number }[];
  /** Stops in order of opening with the working days each removed and already removed. */
  stops: readonly { stop: RawStop; removed: number; overlap: number }[];
  ignored: readonly RawStop[];
  extensions: readonly RawExtension[];
  promisedDays: number;
  promisedDue: number;
  statutoryDays: number;
  extensionDays: number;
  statutoryDue: number;
  elapsed: number;
  concluded: number | null;
  colour: Colour | null;
  paused: boolean;
  settings: WarningSettings;
  flags: readonly FlagFinding[];
}

export function buildTrace(f: TraceFacts): TraceEntry[] {
  const ix = f.index;
  const out: TraceEntry[] = [
    { kind: 'acceptance', date: ix.date(f.a), label: `受理日 ${ix.date(f.a)}（不计入）` }
  ];
  for (const year of f.unconfirmedYears) {
    out.push({
      kind: 'calendar_unconfirmed',
      year,
      label: `${year} 年节假日安排未经确认，暂按周一至周五计算`
    });
  }
  preAcceptance(ix, f.preAcceptanceCorrections, out);
  for (const stop of f.ignored) {
    const label = `${spaced(stopName(stop.kind, stop.procedure))}${ix.date(stop.s)} 至 ${ix.date(stop.r)}，受理前已结束，不影响计时`;
    out.push({
      kind: 'stop_ignored',
      stopKind: stop.kind,
      from: ix.date(stop.s),
      to: ix.date(stop.r),
      label
    });
  }
  for (const { stop, removed, overlap } of f.stops) {
    const dates = stop.open
      ? `${ix.date(stop.s)} 起未结束（按 ${ix.date(stop.r)} 恢复计算）`
      : `${ix.date(stop.s)} 至 ${ix.date(stop.r)}`;
    let label = `${spaced(stopName(stop.kind, stop.procedure))}${dates}，不计 ${removed} 个工作日`;
    if (stop.s < f.a) label += '（受理前已开始，受理后的日子不计）';
    if (overlap > 0) label += `（另有 ${overlap} 个工作日与其他中止重叠，只计一次）`;
    out.push({
      kind: 'stop',
      stopKind: stop.kind,
      procedure: stop.procedure,
      from: ix.date(stop.s),
      to: ix.date(stop.r),
      open: stop.open,
      removedDays: removed,
      overlapDays: overlap,
      label
    });
  }
  for (let i = 0; i < f.extensions.length; i++) {
    const x = f.extensions[i];
    const head = `${ix.date(x.day)} 延长 ${x.days} 个工作日`;
    const label = x.valid
      ? `${head}：有效（不晚于法定截止日 ${ix.date(x.dueBefore)}，累计延长 ${x.validDaysTotal} 个工作日）`
      : x.reason === 'late'
        ? `${head}：无效，晚于当时的法定截止日 ${ix.date(x.dueBefore)}，不延长`
        : x.reason === 'over_limit'
          ? `${head}：无效，累计将达 ${x.validDaysTotal + x.days} 个工作日，超过 10 个工作日上限，不延长`
          : `${ix.date(x.day)} 延长：无效，未写明有效的延长天数，不延长`;
    out.push({
      kind: 'extension',
      date: ix.date(x.day),
      days: x.days,
      valid: x.valid,
      reason: x.reason,
      dueBefore: ix.date(x.dueBefore),
      label
    });
  }
  calendarDays(f, out);
  out.push(dueEntry('promised', f.promisedDays, 0, f.promisedDue, f));
  out.push(dueEntry('statutory', f.statutoryDays, f.extensionDays, f.statutoryDue, f));
  progress(f, out);
  for (const { flag, count } of f.flags) out.push({ kind: 'flag', flag, label: flagLabel(flag, count) });
  return out;
}

/** The trace of a case that was never accepted: no clock, but the flags it may still raise. */
export function buildNoClockTrace(
  index: CalendarIndex,
  status: CaseStatus,
  unconfirmedYears: readonly number[],
  corrections: readonly { day: number; workingDays: number }[],
  flags: readonly FlagFinding[]
): TraceEntry[] {
  const why = status === 'rejected' ? '不予受理' : status === 'withdrawn' ? '受理前撤回' : '尚未受理';
  const out: TraceEntry[] = [{ kind: 'no_clock', label: `${why}，不计时` }];
  for (const year of unconfirmedYears) {
    out.push({
      kind: 'calendar_unconfirmed',
      year,
      label: `${year} 年节假日安排未经确认，暂按周一至周五计算`
    });
  }
  preAcceptance(index, corrections, out);
  for (const { flag, count } of flags) out.push({ kind: 'flag', flag, label: flagLabel(flag, count) });
  return out;
}

function preAcceptance(
  index: CalendarIndex,
  corrections: readonly { day: number; workingDays: number }[],
  out: TraceEntry[]
): void {
  for (const c of corrections) {
    const date = index.date(c.day);
    const label = `受理前一次性告知补正 ${date}（收件后第 ${c.workingDays} 个工作日），不影响计时`;
    out.push({ kind: 'pre_acceptance_correction', date, workingDaysAfterReceipt: c.workingDays, label });
  }
}

/** Holidays (runs of days off around weekday holidays) and make-up working days in (A, last]. */
function calendarDays(f: TraceFacts, out: TraceEntry[]): void {
  const ix = f.index;
  const last = Math.max(f.promisedDue, f.statutoryDue, f.end);
  const entries: { day: number; entry: TraceEntry }[] = [];
  for (const run of ix.holidayRuns) {
    if (run.to <= f.a || run.from > last) continue;
    const label = `${dayRange(run.from, run.to)} 法定节假日`;
    entries.push({
      day: run.from,
      entry: { kind: 'holiday', from: ix.date(run.from), to: ix.date(run.to), label }
    });
  }
  for (const day of ix.makeUpDays) {
    if (day <= f.a || day > last) continue;
    const label = `${monthDay(day)}（${weekdayName(day)}）调休上班`;
    entries.push({ day, entry: { kind: 'makeup_workday', date: ix.date(day), label } });
  }
  entries.sort((x, y) => x.day - y.day);
  for (const { entry } of entries) out.push(entry);
}

function dueEntry(
  deadline: 'promised' | 'statutory',
  base: number,
  extension: number,
  due: number,
  f: TraceFacts
): TraceEntry {
  const ix = f.index;
  const limit = base + extension;
  const name = deadline === 'promised' ? '承诺时限' : '法定时限';
  const days = extension > 0 ? `${base} + 延长 ${extension} = ${limit} 个工作日` : `${limit} 个工作日`;
  const label =
    limit <= 0
      ? `${name} 0 个工作日（即办），当日 ${ix.date(due)} 办结`
      : `${name} ${days}，截止 ${ix.date(due)}`;
  return { kind: 'due', deadline, limitDays: limit, extensionDays: extension, date: ix.date(due), label };
}

function progress(f: TraceFacts, out: TraceEntry[]): void {
  const ix = f.index;
  const remaining = f.promisedDays - f.elapsed;
  if (f.open) {
    const rest = remaining >= 0 ? `剩余 ${remaining} 个工作日` : `已超出 ${-remaining} 个工作日`;
    const label = `截至 ${ix.date(f.t)} 已计 ${f.elapsed} 个工作日，按承诺时限${rest}`;
    out.push({ kind: 'elapsed', date: ix.date(f.t), days: f.elapsed, remainingDays: remaining, label });
  } else if (f.status === 'concluded' && f.concluded !== null) {
    const promisedOnTime = f.concluded <= f.promisedDue;
    const statutoryOnTime = f.concluded <= f.statutoryDue;
    const label = `${ix.date(f.concluded)} 办结，用时 ${f.elapsed} 个工作日；承诺时限${verdict(promisedOnTime)}，法定时限${verdict(statutoryOnTime)}`;
    out.push({
      kind: 'conclusion',
      date: ix.date(f.concluded),
      processingDays: f.elapsed,
      promisedOnTime,
      statutoryOnTime,
      label
    });
  } else if (f.status === 'withdrawn' || f.status === 'rejected') {
    const what = f.status === 'withdrawn' ? '申请人撤回' : '不予受理';
    const label = `${ix.date(f.end)} ${what}，不计入按时率（当时已计 ${f.elapsed} 个工作日）`;
    out.push({ kind: 'ended', status: f.status, date: ix.date(f.end), label });
  }
  if (f.colour) {
    const threshold = yellowThreshold(f.settings.yellowRatio, f.promisedDays);
    const why =
      f.colour === 'red'
        ? `${ix.date(f.t)} 已过承诺截止日 ${ix.date(f.promisedDue)}`
        : f.colour === 'yellow'
          ? f.elapsed >= threshold
            ? `已计 ${f.elapsed} ≥ ⌈${f.settings.yellowRatio}×${f.promisedDays}⌉ = ${threshold}`
            : `剩余 ${remaining} ≤ ${f.settings.yellowDays} 个工作日`
          : `已计 ${f.elapsed} < ${threshold}，剩余 ${remaining} > ${f.settings.yellowDays} 个工作日`;
    const label = `${COLOUR_NAMES[f.colour]}：${why}${f.paused ? '；计时暂停中' : ''}`;
    out.push({ kind: 'colour', colour: f.colour, paused: f.paused, label });
  }
  const overdueOn = f.open ? f.t : f.status === 'concluded' ? f.concluded : null;
  if (overdueOn !== null && overdueOn > f.statutoryDue) {
    const label = `超法定时限：法定截止日 ${ix.date(f.statutoryDue)}，${f.open ? '至今未办结' : `${ix.date(overdueOn)} 才办结`}`;
    out.push({ kind: 'statutory_overdue', date: ix.date(f.statutoryDue), label });
  }
}

function flagLabel(flag: FlagFinding['flag'], n: number): string {
  const name = FLAG_NAMES[flag];
  switch (flag) {
    case 'late_one_time_notice':
      return `${name}：收件后第 ${n} 个工作日才一次性告知补正（超过 5 个工作日，第32条视为收件即受理）`;
    case 'invalid_extension':
      return `${name}：${n} 次延长无效`;
    case 'immediate_not_same_day':
      return `${name}：晚于受理日 ${n} 天`;
    case 'late_delivery':
      return `${name}：办结后第 ${n} 个工作日才送达（超过 10 个工作日，第44条）`;
    case 'repeated_stops':
      return `${name}：共 ${n} 次中止（3 次及以上）`;
  }
}
