import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CalendarOverrides } from '../../src/lib/server/calendar/working-days';
import {
  addWorkingDays,
  countWorkingDays,
  officialCalendar
} from '../../src/lib/server/calendar/working-days';
import { calendarIndex, computeClock, dateOfDay, dayOfDate } from '../../src/lib/server/clock';
import type { ClockEvent, ClockInput } from '../../src/lib/server/clock';

// Properties of the clock on random calendars (random holidays and make-up days in 2030),
// random limits 0–60 and random stops, checked against a naive day-by-day count.

const START = dayOfDate('2030-01-01');
const date = (offset: number) => dateOfDay(START + offset);
const next = (d: string) => dateOfDay(dayOfDate(d) + 1);
const at = (d: string, minute: number) => new Date(`${d}T10:${String(minute).padStart(2, '0')}:00+08:00`);

// ---- the naive reference, as simple as possible ----
function working(d: string, cal: CalendarOverrides): boolean {
  if (cal.makeUpWorkdays.has(d)) return true;
  if (cal.holidays.has(d)) return false;
  const dow = new Date(`${d}T00:00:00Z`).getUTCDay();
  return dow >= 1 && dow <= 5;
}
const stopped = (d: string, stops: [string, string][]) => stops.some(([s, r]) => s < d && d <= r);
function naiveElapsed(a: string, t: string, stops: [string, string][], cal: CalendarOverrides): number {
  let n = 0;
  for (let d = next(a); d <= t; d = next(d)) if (working(d, cal) && !stopped(d, stops)) n++;
  return n;
}
function naiveDue(a: string, limit: number, stops: [string, string][], cal: CalendarOverrides): string {
  if (limit === 0) return a;
  let n = 0;
  for (let d = next(a); ; d = next(d)) {
    if (working(d, cal) && !stopped(d, stops)) n++;
    if (n === limit) return d;
  }
}

// ---- generators ----
const calendarArb = fc
  .record({
    off: fc.uniqueArray(fc.integer({ min: 0, max: 300 }), { maxLength: 40 }),
    on: fc.uniqueArray(fc.integer({ min: 0, max: 300 }), { maxLength: 15 })
  })
  .map(({ off, on }): CalendarOverrides => {
    const dow = (o: number) => new Date(`${date(o)}T00:00:00Z`).getUTCDay();
    return {
      holidays: new Set(off.filter((o) => dow(o) % 6 !== 0).map(date)),
      makeUpWorkdays: new Set(on.filter((o) => dow(o) % 6 === 0).map(date)),
      confirmedYears: new Set([2030])
    };
  });
const chainArb = fc.array(fc.record({ gap: fc.nat(8), length: fc.nat(12) }), { maxLength: 3 });

interface Scenario {
  cal: CalendarOverrides;
  a: number;
  limit: number;
  statutory: number;
  corrections: { gap: number; length: number }[];
  suspensions: { gap: number; length: number }[];
  lastOpen: boolean;
  t: number;
}
const scenarioArb: fc.Arbitrary<Scenario> = fc.record({
  cal: calendarArb,
  a: fc.integer({ min: 0, max: 100 }),
  limit: fc.integer({ min: 0, max: 60 }),
  statutory: fc.integer({ min: 0, max: 60 }),
  corrections: chainArb,
  suspensions: chainArb,
  lastOpen: fc.boolean(),
  t: fc.integer({ min: 0, max: 150 })
});

/** Events of a chain of stops of one kind (each after the previous one closed) and their intervals. */
function chain(
  links: { gap: number; length: number }[],
  first: number,
  open: boolean,
  t: string,
  kinds: [string, string]
): { events: ClockEvent[]; stops: [string, string][] } {
  const events: ClockEvent[] = [];
  const stops: [string, string][] = [];
  let day = first;
  let minute = 0;
  links.forEach(({ gap, length }, i) => {
    const s = date(day + gap);
    events.push({ kind: kinds[0], occurredAt: at(s, minute++) });
    if (open && i === links.length - 1) {
      stops.push([s, t]); // still open: closes on T
    } else {
      const r = date(day + gap + length);
      events.push({ kind: kinds[1], occurredAt: at(r, minute++) });
      stops.push([s, r]);
    }
    day += gap + length;
  });
  return { events, stops };
}

function build(sc: Scenario, drop?: number) {
  const a = date(sc.a);
  const t = date(sc.a + sc.t);
  const c = chain(sc.corrections, sc.a, sc.lastOpen, t, ['correction_requested', 'correction_received']);
  const s = chain(sc.suspensions, sc.a - 5, !sc.lastOpen, t, ['suspended', 'resumed']);
  const pairs = [...c.stops, ...s.stops];
  let events = [...c.events, ...s.events];
  if (drop !== undefined && pairs.length > 0) {
    // Remove one whole stop (its opener and closer) from the events.
    const i = drop % pairs.length;
    const fromCorrections = i < c.stops.length;
    const list = fromCorrections ? c.events : s.events;
    const k = fromCorrections ? i : i - c.stops.length;
    const removed = new Set(list.slice(2 * k, 2 * k + 2));
    events = events.filter((e) => !removed.has(e));
    pairs.splice(i, 1);
  }
  const input: ClockInput = {
    kind: sc.limit === 0 ? 'immediate' : 'promised',
    promisedDays: sc.limit,
    statutoryDays: Math.max(sc.limit, sc.statutory),
    status: 'accepted',
    acceptedAt: new Date(`${a}T09:00:00+08:00`),
    receivedAt: new Date(`${a}T08:00:00+08:00`),
    concludedAt: null,
    deliveredAt: null,
    events
  };
  return { a, t, input, stops: pairs };
}

describe('clock properties on random calendars', () => {
  it('(a) due dates and elapsed equal a naive day-by-day count', () => {
    fc.assert(
      fc.property(scenarioArb, (sc) => {
        const { a, t, input, stops } = build(sc);
        const result = computeClock(input, sc.cal, t, { trace: false });
        expect(result.promised.dueOn).toBe(naiveDue(a, input.promisedDays, stops, sc.cal));
        expect(result.statutory.dueOn).toBe(naiveDue(a, input.statutoryDays, stops, sc.cal));
        expect(result.elapsedDays).toBe(naiveElapsed(a, t, stops, sc.cal));
      }),
      { numRuns: 300 }
    );
  });

  it('(b) elapsed never decreases as the evaluation date moves on', () => {
    fc.assert(
      fc.property(scenarioArb, fc.integer({ min: 0, max: 40 }), (sc, later) => {
        const { t, input } = build(sc);
        const before = computeClock(input, sc.cal, t, { trace: false }).elapsedDays ?? 0;
        const after =
          computeClock(input, sc.cal, dateOfDay(dayOfDate(t) + later), { trace: false }).elapsedDays ?? 0;
        expect(after).toBeGreaterThanOrEqual(before);
      }),
      { numRuns: 200 }
    );
  });

  it('(c) adding a stop never makes a due date earlier', () => {
    fc.assert(
      fc.property(scenarioArb, fc.nat(10), (sc, drop) => {
        const all = build(sc);
        const fewer = build(sc, drop);
        const withAll = computeClock(all.input, sc.cal, all.t, { trace: false });
        const withFewer = computeClock(fewer.input, sc.cal, fewer.t, { trace: false });
        expect(withAll.promised.dueOn! >= withFewer.promised.dueOn!).toBe(true);
        expect(withAll.statutory.dueOn! >= withFewer.statutory.dueOn!).toBe(true);
      }),
      { numRuns: 200 }
    );
  });
});

describe('the compiled calendar index', () => {
  const official = officialCalendar();
  const index = calendarIndex(official);
  const day = fc.integer({ min: dayOfDate('2023-12-01'), max: dayOfDate('2027-01-31') });

  it('counts the working days in (from, to] like the simple day-by-day helper', () => {
    fc.assert(
      fc.property(day, fc.nat(120), (from, span) => {
        expect(index.workingDaysBetween(from, from + span)).toBe(
          countWorkingDays(dateOfDay(from), dateOfDay(from + span), official)
        );
      })
    );
  });

  it('finds the n-th working day after a date like the simple helper', () => {
    fc.assert(
      fc.property(day, fc.integer({ min: 1, max: 80 }), (from, n) => {
        expect(dateOfDay(index.nthWorkingDayAfter(from, n))).toBe(
          addWorkingDays(dateOfDay(from), n, official)
        );
      })
    );
  });

  it('grows beyond its initial range of years', () => {
    const far = dayOfDate('2150-06-01');
    expect(dateOfDay(index.nthWorkingDayAfter(far, 1))).toBe(addWorkingDays('2150-06-01', 1, official));
    expect(index.workingDaysBetween(dayOfDate('1950-01-01'), dayOfDate('1950-01-31'))).toBe(
      countWorkingDays('1950-01-01', '1950-01-31', official)
    );
  });

  it('is reused for the same calendar object and rebuilt for a changed one', () => {
    expect(calendarIndex(official)).toBe(index);
    const changed = { ...official, holidays: new Set([...official.holidays, '2025-03-05']) };
    expect(calendarIndex(changed)).not.toBe(index);
  });
});
