import { officialCalendar } from '../../src/lib/server/calendar/working-days';
import { computeClock } from '../../src/lib/server/clock';
import type {
  CaseStatus,
  ClockEvent,
  ClockInput,
  ClockResult,
  WarningSettings
} from '../../src/lib/server/clock';

// Builders shared by the clock tests (tests/unit/clock-*.test.ts).

export const calendar = officialCalendar();

/** The instant of a local (Asia/Shanghai) date and time. */
export const at = (date: string, time = '10:00'): Date => new Date(`${date}T${time}:00+08:00`);

export const ev = (
  kind: string,
  date: string,
  time = '10:00',
  extra: Partial<ClockEvent> = {}
): ClockEvent => ({
  kind,
  occurredAt: at(date, time),
  ...extra
});

export interface CaseSpec {
  /** Acceptance date (accepted at 09:00 local); null for a case never accepted. */
  accepted: string | null;
  limit: number;
  statutory?: number;
  kind?: 'immediate' | 'promised';
  status?: CaseStatus;
  received?: string;
  concluded?: string;
  concludedTime?: string;
  delivered?: string;
  events?: ClockEvent[];
  settings?: Partial<WarningSettings>;
}

export function input(spec: CaseSpec): ClockInput {
  const status: CaseStatus =
    spec.status ?? (spec.concluded ? 'concluded' : spec.accepted === null ? 'received' : 'accepted');
  return {
    kind: spec.kind ?? (spec.limit === 0 ? 'immediate' : 'promised'),
    promisedDays: spec.limit,
    statutoryDays: spec.statutory ?? spec.limit,
    status,
    acceptedAt: spec.accepted ? at(spec.accepted, '09:00') : null,
    receivedAt: at(spec.received ?? spec.accepted ?? '2025-01-02', '08:30'),
    concludedAt: spec.concluded ? at(spec.concluded, spec.concludedTime ?? '16:00') : null,
    deliveredAt: spec.delivered ? at(spec.delivered, '11:00') : null,
    events: spec.events ?? [],
    settings: spec.settings
  };
}

/** The clock of a case evaluated on `on` (default: the acceptance date). */
export function clock(spec: CaseSpec, on?: string): ClockResult {
  return computeClock(input(spec), calendar, on ?? spec.accepted ?? '2025-01-02');
}
