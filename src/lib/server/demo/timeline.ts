import type { CaseEventKind, SpecialProcedure } from '../source/source-tables';
import { dayStartMs } from './demo-calendar';
import { officeTime } from './arrivals';
import type { SeededRandom } from './seeded-random';

// The events of one case, stamped in strictly increasing whole seconds: an event planned
// for a day lands in that day's office hours, after whatever happened before it.

export interface DemoEvent {
  kind: CaseEventKind;
  /** Epoch milliseconds (whole seconds). */
  at: number;
  staffId: number | null;
  procedure: SpecialProcedure | null;
  days: number | null;
  note: string | null;
}

const SECOND = 1000;
const OPEN = 8.5 * 3_600_000;
const CLOSE = 17.5 * 3_600_000;
const DAY = 86_400_000;

/** A moment on `day` later than `previous`: office hours when possible, overtime if need be. */
export function stampAfter(rng: SeededRandom, day: number, previous: number): number {
  const start = dayStartMs(day);
  if (previous < start + OPEN) return officeTime(rng, day);
  const room = Math.floor((start + CLOSE - previous) / SECOND);
  const step = room > 300 ? rng.int(60, Math.min(room, 7200)) : rng.int(60, 900);
  const last = start + DAY - SECOND;
  return Math.max(previous + SECOND, Math.min(previous + step * SECOND, last));
}

export class Timeline {
  readonly events: DemoEvent[] = [];
  last: number;

  constructor(
    private readonly rng: SeededRandom,
    receivedAt: number,
    receiverStaffId: number | null
  ) {
    this.last = receivedAt;
    this.events.push({
      kind: 'received',
      at: receivedAt,
      staffId: receiverStaffId,
      procedure: null,
      days: null,
      note: null
    });
  }

  /** Adds an event on `day` after the previous one; returns its time. */
  push(
    kind: CaseEventKind,
    day: number,
    staffId: number | null,
    note: string | null = null,
    procedure: SpecialProcedure | null = null,
    days: number | null = null
  ): number {
    const at = stampAfter(this.rng, day, this.last);
    this.last = at;
    this.events.push({ kind, at, staffId, procedure, days, note });
    return at;
  }

  /** Adds an event a given number of seconds after the previous one. */
  pushAfter(kind: CaseEventKind, seconds: number, staffId: number | null): number {
    const at = this.last + seconds * SECOND;
    this.last = at;
    this.events.push({ kind, at, staffId, procedure: null, days: null, note: null });
    return at;
  }
}
