import type { CalendarOverrides } from '../calendar/working-days';
import { dueDay, elapsedAt } from './counting';
import { calendarIndex, CalendarIndex, dayOfDate, dayOfInstant, yearOfDay } from './day-index';
import { evaluateExtensions } from './extensions';
import { deriveStops, mergeStops, sortEvents } from './stops';
import { buildNoClockTrace, buildTrace } from './trace';
import type {
  ClockEvent,
  ClockInput,
  ClockOptions,
  ClockResult,
  Extension,
  Stop,
  WarningSettings
} from './types';
import { DEFAULT_WARNING_SETTINGS } from './types';
import { colourAt, findFlags } from './warnings';

// The clock of one case (shared/spec/time-limits.md; choices where it is silent in
// docs/rules/clock.md). Pure: no database, no current time; `evaluationDate` is T.
//
// The clock ends on E: the evaluation date T for an open case (accepted or suspended),
// the conclusion date for a concluded case, the date of the `withdrawn`/`rejected` event
// for a withdrawn or rejected one. Stops still open at the end close on E; elapsed is
// elapsed(E). T matters only for open cases.

const TERMINAL = new Set(['concluded', 'rejected', 'withdrawn']);

function firstAt(events: readonly ClockEvent[], kind: string, last = false): Date | null {
  let found: Date | null = null;
  for (const event of events) {
    if (event.kind !== kind) continue;
    found = event.occurredAt;
    if (!last) break;
  }
  return found;
}

export function computeClock(
  input: ClockInput,
  calendar: CalendarOverrides | CalendarIndex,
  evaluationDate: string,
  options: ClockOptions = {}
): ClockResult {
  const index = calendarIndex(calendar);
  const t = dayOfDate(evaluationDate);
  const events = sortEvents(input.events);
  const acceptedAt = input.acceptedAt ?? firstAt(events, 'accepted');
  const acceptedMs = acceptedAt ? acceptedAt.getTime() : Infinity;
  const received = dayOfInstant(input.receivedAt);
  // The span of dates used in working-day arithmetic, for the unconfirmed-year check.
  let lo = Infinity;
  let hi = -Infinity;

  const preAcceptance: { day: number; workingDays: number }[] = [];
  for (const event of events) {
    if (event.kind !== 'correction_requested' || event.occurredAt.getTime() > acceptedMs) continue;
    const day = dayOfInstant(event.occurredAt);
    preAcceptance.push({ day, workingDays: index.workingDaysBetween(received, day) });
    lo = Math.min(lo, received, day);
    hi = Math.max(hi, received, day);
  }
  const settings = input.settings ? withDefaults(input.settings) : DEFAULT_WARNING_SETTINGS;
  const open = acceptedAt !== null && !TERMINAL.has(input.status);
  const concludedAt =
    input.status === 'concluded' ? (input.concludedAt ?? firstAt(events, 'concluded', true)) : null;
  const concluded = concludedAt ? dayOfInstant(concludedAt) : input.status === 'concluded' ? t : null;
  const deliveredAt = input.deliveredAt ?? firstAt(events, 'delivered');
  const delivered = concluded !== null && deliveredAt ? dayOfInstant(deliveredAt) : null;
  if (delivered !== null && concluded !== null) {
    lo = Math.min(lo, concluded, delivered);
    hi = Math.max(hi, concluded, delivered);
  }

  if (acceptedAt === null) {
    const flags = findFlags(index, {
      kind: input.kind,
      a: null,
      open: false,
      t,
      received,
      preAcceptanceCorrections: preAcceptance.map((c) => c.day),
      invalidExtensions: 0,
      concluded: null,
      delivered: null,
      stops: 0
    });
    const unconfirmedYears = unconfirmed(index, lo, hi);
    const trace =
      options.trace === false
        ? []
        : buildNoClockTrace(index, input.status, unconfirmedYears, preAcceptance, flags);
    return {
      acceptedOn: null,
      evaluatedOn: evaluationDate,
      open: false,
      promised: { limitDays: input.promisedDays, dueOn: null, onTime: null, overdue: false },
      statutory: {
        limitDays: input.statutoryDays,
        statutoryDays: input.statutoryDays,
        extensionDays: 0,
        dueOn: null,
        onTime: null,
        overdue: false
      },
      elapsedDays: null,
      remainingDays: null,
      processingDays: null,
      colour: null,
      paused: false,
      flags: flags.map((f) => f.flag),
      extensions: [],
      invalidExtensions: [],
      stops: [],
      trace,
      calendarUnconfirmed: unconfirmedYears.length > 0,
      unconfirmedYears
    };
  }

  const a = dayOfInstant(acceptedAt);
  const endedAt = open ? null : input.status === 'concluded' ? null : firstAt(events, input.status, true);
  const end = open ? t : (concluded ?? (endedAt ? dayOfInstant(endedAt) : t));
  const { stops, ignored } = deriveStops(events, acceptedMs, end);
  const merged = mergeStops(stops, a);
  const iv = merged.intervals;
  const promisedDue = dueDay(index, a, iv, input.promisedDays);
  const ext = evaluateExtensions(index, a, iv, input.statutoryDays, events);
  const statutoryDue = ext.due;
  const elapsed = elapsedAt(index, a, iv, end);
  lo = Math.min(lo, a, end);
  hi = Math.max(hi, end, promisedDue, statutoryDue);

  const paused = open && stops.some((s) => s.s <= t && (s.open || s.r > t));
  const colour = open ? colourAt(input.promisedDays, promisedDue, elapsed, t, settings) : null;
  const invalid = ext.extensions.filter((x) => !x.valid).length;
  const flags = findFlags(index, {
    kind: input.kind,
    a,
    open,
    t,
    received,
    preAcceptanceCorrections: preAcceptance.map((c) => c.day),
    invalidExtensions: invalid,
    concluded,
    delivered,
    stops: stops.length
  });
  const unconfirmedYears = unconfirmed(index, lo, hi);

  const stopViews = merged.attribution
    .map(({ stop, from, to }) => {
      const removed = index.workingDaysBetween(from, to);
      return { stop, removed, overlap: index.workingDaysBetween(Math.max(stop.s, a), stop.r) - removed };
    })
    .sort((x, y) => x.stop.s - y.stop.s);
  const publicStops: Stop[] = stopViews.map(({ stop, removed, overlap }) => ({
    kind: stop.kind,
    procedure: stop.procedure,
    openedOn: index.date(stop.s),
    closedOn: index.date(stop.r),
    open: stop.open,
    removedDays: removed,
    overlapDays: overlap
  }));
  const extensions: Extension[] = ext.extensions.map((x) => ({
    on: index.date(x.day),
    days: x.days,
    valid: x.valid,
    reason: x.reason,
    dueBefore: index.date(x.dueBefore),
    validDaysTotal: x.validDaysTotal
  }));
  const isConcluded = input.status === 'concluded' && concluded !== null;
  // Past a due date: an open case on T, a concluded case on its conclusion date.
  const pastOn = open ? t : isConcluded ? concluded : -Infinity;

  return {
    acceptedOn: index.date(a),
    evaluatedOn: evaluationDate,
    open,
    promised: {
      limitDays: input.promisedDays,
      dueOn: index.date(promisedDue),
      onTime: isConcluded ? concluded <= promisedDue : null,
      overdue: pastOn > promisedDue
    },
    statutory: {
      limitDays: input.statutoryDays + ext.validDays,
      statutoryDays: input.statutoryDays,
      extensionDays: ext.validDays,
      dueOn: index.date(statutoryDue),
      onTime: isConcluded ? concluded <= statutoryDue : null,
      overdue: pastOn > statutoryDue
    },
    elapsedDays: elapsed,
    remainingDays: open ? input.promisedDays - elapsed : null,
    processingDays: isConcluded ? elapsed : null,
    colour,
    paused,
    flags: flags.map((f) => f.flag),
    extensions,
    invalidExtensions: extensions.filter((x) => !x.valid),
    stops: publicStops,
    trace:
      options.trace === false
        ? []
        : buildTrace({
            index,
            status: input.status,
            open,
            a,
            t,
            end,
            unconfirmedYears,
            preAcceptanceCorrections: preAcceptance,
            stops: stopViews,
            ignored,
            extensions: ext.extensions,
            promisedDays: input.promisedDays,
            promisedDue,
            statutoryDays: input.statutoryDays,
            extensionDays: ext.validDays,
            statutoryDue,
            elapsed,
            concluded: isConcluded ? concluded : null,
            colour,
            paused,
            settings,
            flags
          }),
    calendarUnconfirmed: unconfirmedYears.length > 0,
    unconfirmedYears
  };
}

function withDefaults(settings: Partial<WarningSettings>): WarningSettings {
  return {
    yellowRatio: settings.yellowRatio ?? DEFAULT_WARNING_SETTINGS.yellowRatio,
    yellowDays: settings.yellowDays ?? DEFAULT_WARNING_SETTINGS.yellowDays
  };
}

/** Years in [year(lo), year(hi)] without a confirmed notice. */
function unconfirmed(index: CalendarIndex, lo: number, hi: number): number[] {
  if (lo > hi) return [];
  const years: number[] = [];
  for (let y = yearOfDay(lo), last = yearOfDay(hi); y <= last; y++) {
    if (!index.isConfirmedYear(y)) years.push(y);
  }
  return years;
}
