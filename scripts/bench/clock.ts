import { officialCalendar } from '../../src/lib/server/calendar/working-days';
import { calendarIndex, computeClock, dateOfDay, dayOfDate } from '../../src/lib/server/clock';
import type { CaseStatus, ClockEvent, ClockInput } from '../../src/lib/server/clock';

// `npm run bench -- clock [--cases N] [--seed S]`: the clock on N random cases (default
// 200,000) accepted in 2024–2026, with stops, extensions and the usual mix of statuses.
// The daily refresh needs 200,000 open cases in well under 10 s; the target is
// > 200,000 cases/s without the trace.

function option(args: string[], name: string, fallback: number): number {
  const i = args.indexOf(`--${name}`);
  const value = i >= 0 ? Number(args[i + 1]) : fallback;
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number`);
  return value;
}

/** mulberry32: a small seeded generator, so runs are comparable. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const HOUR = 3_600_000;
const PROCEDURES = ['hearing', 'inspection', 'testing', 'expert_review', 'site_survey'];

function randomCase(rnd: () => number, first: number, span: number): { input: ClockInput; on: string } {
  const int = (n: number) => Math.floor(rnd() * n);
  const acceptedDay = first + int(span);
  const instant = (day: number) => new Date((day * 24 - 8 + 9 + int(8)) * HOUR + int(60) * 60_000);
  const immediate = rnd() < 0.3;
  const promisedDays = immediate ? 0 : [3, 5, 7, 10, 15, 20][int(6)];
  const statutoryDays = immediate ? [0, 5, 20][int(3)] : promisedDays + [0, 5, 10, 20][int(4)];
  const events: ClockEvent[] = [];
  let day = acceptedDay;
  const stops = rnd() < 0.7 ? 0 : 1 + int(3);
  let open = false;
  for (let i = 0; i < stops; i++) {
    day += 1 + int(6);
    const correction = rnd() < 0.6;
    events.push({
      kind: correction ? 'correction_requested' : 'suspended',
      occurredAt: instant(day),
      procedure: correction ? null : PROCEDURES[int(PROCEDURES.length)]
    });
    if (i === stops - 1 && rnd() < 0.3) {
      open = true;
      break;
    }
    day += int(10);
    events.push({ kind: correction ? 'correction_received' : 'resumed', occurredAt: instant(day) });
  }
  if (rnd() < 0.1)
    events.push({ kind: 'extended', occurredAt: instant(acceptedDay + int(30)), days: 1 + int(10) });
  const concluded = !open && rnd() < 0.3;
  const status: CaseStatus = concluded ? 'concluded' : open ? 'suspended' : 'accepted';
  const concludedDay = day + int(15);
  return {
    input: {
      kind: immediate ? 'immediate' : 'promised',
      promisedDays,
      statutoryDays,
      status,
      acceptedAt: instant(acceptedDay),
      receivedAt: instant(acceptedDay - int(3)),
      concludedAt: concluded ? instant(concludedDay) : null,
      deliveredAt: concluded && rnd() < 0.8 ? instant(concludedDay + int(15)) : null,
      events
    },
    on: dateOfDay(Math.max(day, acceptedDay + int(40)))
  };
}

export async function benchClock(args: string[]): Promise<void> {
  const n = option(args, 'cases', 200_000);
  const rnd = random(option(args, 'seed', 1));
  const calendar = officialCalendar();
  calendarIndex(calendar); // compiled once, outside the timing (it takes a few ms)
  const first = dayOfDate('2024-01-01');
  const cases = Array.from({ length: n }, () => randomCase(rnd, first, 1000));
  for (const trace of [false, true]) {
    let checksum = 0;
    for (let i = 0; i < Math.min(n, 5000); i++)
      computeClock(cases[i].input, calendar, cases[i].on, { trace });
    const started = performance.now();
    for (const { input, on } of cases)
      checksum += computeClock(input, calendar, on, { trace }).elapsedDays ?? 0;
    const seconds = (performance.now() - started) / 1000;
    const rate = Math.round(n / seconds).toLocaleString('en');
    console.log(
      `clock ${trace ? 'with trace   ' : 'without trace'}: ${n.toLocaleString('en')} cases in ${seconds.toFixed(2)} s = ${rate} cases/s (checksum ${checksum})`
    );
  }
}

if (process.argv[1]?.endsWith('clock.ts')) {
  benchClock(process.argv.slice(2)).catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
