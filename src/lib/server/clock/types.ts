// Types of the clock of one case (shared/spec/time-limits.md). Dates are local dates in
// Asia/Shanghai written 'YYYY-MM-DD'; instants are Date objects.

export type CaseKind = 'immediate' | 'promised';
export type CaseStatus = 'received' | 'accepted' | 'suspended' | 'concluded' | 'rejected' | 'withdrawn';

/** One row of `case_events` as the clock needs it. Unknown kinds are ignored. */
export interface ClockEvent {
  kind: string;
  occurredAt: Date;
  days?: number | null;
  procedure?: string | null;
}

/** Per-matter warning settings (电子监察 lights). */
export interface WarningSettings {
  yellowRatio: number;
  yellowDays: number;
}

export const DEFAULT_WARNING_SETTINGS: Readonly<WarningSettings> = { yellowRatio: 0.8, yellowDays: 1 };

export interface ClockInput {
  kind: CaseKind;
  promisedDays: number;
  statutoryDays: number;
  status: CaseStatus;
  /** `cases.accepted_at`; when null the first `accepted` event is used. */
  acceptedAt: Date | null;
  receivedAt: Date;
  /** `cases.concluded_at`; when null the last `concluded` event is used. */
  concludedAt: Date | null;
  /** `cases.delivered_at`; when null the first `delivered` event is used. */
  deliveredAt: Date | null;
  events: readonly ClockEvent[];
  settings?: Partial<WarningSettings> | null;
}

export interface ClockOptions {
  /** Build the explanation (default true). The bulk refresh turns it off for speed. */
  trace?: boolean;
}

export type Colour = 'green' | 'yellow' | 'red';
export type StopKind = 'correction' | 'special_procedure';

export interface Stop {
  kind: StopKind;
  /** `suspended.procedure` (hearing, tender, …); null for a correction stop. */
  procedure: string | null;
  /** S: local date the stop opened. */
  openedOn: string;
  /** R: local date the stop closed, or the evaluation date while it is still open. */
  closedOn: string;
  /** Still open at the end of the clock (closed on the evaluation date for the arithmetic). */
  open: boolean;
  /** Working days of (max(S, A), R] counted by no earlier stop: what this stop removed. */
  removedDays: number;
  /** Working days of (max(S, A), R] already removed by an earlier overlapping stop. */
  overlapDays: number;
}

export type ExtensionRejection = 'late' | 'over_limit' | 'no_days';

export interface Extension {
  /** Local date of the `extended` event. */
  on: string;
  days: number;
  valid: boolean;
  /** Why it is invalid: filed after the statutory due date, 10-day total exceeded, no positive days. */
  reason: ExtensionRejection | null;
  /** The statutory due date as extended by the valid extensions before this one. */
  dueBefore: string;
  /** Total valid extension days after this one is taken into account. */
  validDaysTotal: number;
}

export const CLOCK_FLAGS = [
  'late_one_time_notice',
  'invalid_extension',
  'immediate_not_same_day',
  'late_delivery',
  'repeated_stops'
] as const;
export type ClockFlag = (typeof CLOCK_FLAGS)[number];

export interface Deadline {
  /** Limit in working days (statutory: including the valid extensions). */
  limitDays: number;
  dueOn: string | null;
  /** Concluded cases only: concluded on or before the due date; null otherwise. */
  onTime: boolean | null;
  /** Open: evaluation date after the due date; concluded: concluded after it; else false. */
  overdue: boolean;
}

export type TraceEntry =
  | { kind: 'no_clock'; label: string }
  | { kind: 'acceptance'; date: string; label: string }
  | { kind: 'calendar_unconfirmed'; year: number; label: string }
  | { kind: 'pre_acceptance_correction'; date: string; workingDaysAfterReceipt: number; label: string }
  | {
      kind: 'stop';
      stopKind: StopKind;
      procedure: string | null;
      from: string;
      to: string;
      open: boolean;
      removedDays: number;
      overlapDays: number;
      label: string;
    }
  | { kind: 'stop_ignored'; stopKind: StopKind; from: string; to: string; label: string }
  | {
      kind: 'extension';
      date: string;
      days: number;
      valid: boolean;
      reason: ExtensionRejection | null;
      dueBefore: string;
      label: string;
    }
  | { kind: 'holiday'; from: string; to: string; label: string }
  | { kind: 'makeup_workday'; date: string; label: string }
  | {
      kind: 'due';
      deadline: 'promised' | 'statutory';
      limitDays: number;
      extensionDays: number;
      date: string;
      label: string;
    }
  | { kind: 'elapsed'; date: string; days: number; remainingDays: number; label: string }
  | {
      kind: 'conclusion';
      date: string;
      processingDays: number;
      promisedOnTime: boolean;
      statutoryOnTime: boolean;
      label: string;
    }
  | { kind: 'ended'; status: 'withdrawn' | 'rejected'; date: string; label: string }
  | { kind: 'colour'; colour: Colour; paused: boolean; label: string }
  | { kind: 'statutory_overdue'; date: string; label: string }
  | { kind: 'flag'; flag: ClockFlag; label: string };

export interface ClockResult {
  /** Local date A of acceptance; null when the case was never accepted (no clock). */
  acceptedOn: string | null;
  evaluatedOn: string;
  /** Accepted and not concluded, rejected or withdrawn. */
  open: boolean;
  promised: Deadline;
  statutory: Deadline & { statutoryDays: number; extensionDays: number };
  /** Counted days in (A, E] with E = evaluation date (open) or the date the case ended. */
  elapsedDays: number | null;
  /** Promised limit − elapsed for open cases (negative when overdue); null otherwise. */
  remainingDays: number | null;
  /** Concluded cases: elapsed at the conclusion date. */
  processingDays: number | null;
  colour: Colour | null;
  paused: boolean;
  flags: ClockFlag[];
  extensions: Extension[];
  invalidExtensions: Extension[];
  stops: Stop[];
  trace: TraceEntry[];
  calendarUnconfirmed: boolean;
  unconfirmedYears: number[];
}
