// The headline figures of shared/spec/kpis.md as GET /api/v1/kpis serves them
// (shared/spec/interfaces.md): pure definitions, the rate helper, the assembly of the raw
// counts and sums of kpis.repository.ts into the API shape, and the period's validation.
// Our choices where the spec is silent: docs/rules/kpis.md.

export const KPI_NAMES = [
  'received',
  'accepted',
  'rejected',
  'concluded',
  'approved',
  'denied',
  'withdrawn',
  'open_now',
  'on_time_rate_promised',
  'on_time_rate_statutory',
  'overdue_open_promised',
  'overdue_open_statutory',
  'yellow_now',
  'red_now',
  'avg_processing_days',
  'time_compression',
  'efficiency_gain',
  'same_day_rate',
  'online_rate',
  'matters_online_share',
  'good_rating_rate',
  'bad_ratings',
  'bad_rating_rectified_rate',
  'bad_rating_rectified_on_time_rate',
  'rating_coverage',
  'complaints'
] as const;

export type KpiName = (typeof KPI_NAMES)[number];

/** A count carries only its value. */
export interface CountFigure {
  value: number;
}

/** A ratio with what it was computed from; value null when it is undefined. */
export interface RatioFigure {
  value: number | null;
  numerator: number;
  denominator: number;
}

/** Complaints: received in the period, and of those the substantiated and closed ones. */
export interface ComplaintsFigure extends CountFigure {
  substantiated: number;
  closed: number;
}

export type KpiFigures = {
  [K in KpiName]: K extends 'complaints' ? ComplaintsFigure : CountFigure | RatioFigure;
};

/** The raw counts and sums of one period and cut (kpis.repository.ts). */
export interface KpiCounts {
  received: number;
  receivedOnline: number;
  accepted: number;
  rejected: number;
  concluded: number;
  approved: number;
  denied: number;
  withdrawn: number;
  /** Concluded in the period on or before the promised / statutory due date. */
  promisedOnTime: number;
  statutoryOnTime: number;
  openNow: number;
  overdueOpenPromised: number;
  overdueOpenStatutory: number;
  yellowNow: number;
  redNow: number;
  /** Concluded in the period with a processing time (an accepted case). */
  withProcessing: number;
  /** Σ processing days and Σ statutory days (before extensions) over those cases. */
  processingDays: number;
  statutoryDays: number;
  sameDay: number;
  /** Concluded in the period with at least one rating at any time. */
  rated: number;
  matters: number;
  mattersOnline: number;
  ratings: number;
  goodRatings: number;
  badRatings: number;
  /** Bad ratings of the period with a verified rectification notice (on time: by its deadline). */
  badRatingsRectified: number;
  badRatingsRectifiedOnTime: number;
  complaints: number;
  complaintsSubstantiated: number;
  complaintsClosed: number;
}

export const EMPTY_COUNTS: KpiCounts = {
  received: 0,
  receivedOnline: 0,
  accepted: 0,
  rejected: 0,
  concluded: 0,
  approved: 0,
  denied: 0,
  withdrawn: 0,
  promisedOnTime: 0,
  statutoryOnTime: 0,
  openNow: 0,
  overdueOpenPromised: 0,
  overdueOpenStatutory: 0,
  yellowNow: 0,
  redNow: 0,
  withProcessing: 0,
  processingDays: 0,
  statutoryDays: 0,
  sameDay: 0,
  rated: 0,
  matters: 0,
  mattersOnline: 0,
  ratings: 0,
  goodRatings: 0,
  badRatings: 0,
  badRatingsRectified: 0,
  badRatingsRectifiedOnTime: 0,
  complaints: 0,
  complaintsSubstantiated: 0,
  complaintsClosed: 0
};

/** numerator ÷ denominator, null when the denominator is 0. */
export function rate(numerator: number, denominator: number): RatioFigure {
  return { value: denominator === 0 ? null : numerator / denominator, numerator, denominator };
}

const count = (value: number): CountFigure => ({ value });

export function assembleKpis(c: KpiCounts): KpiFigures {
  const sums = { processing: c.processingDays, statutory: c.statutoryDays };
  return {
    received: count(c.received),
    accepted: count(c.accepted),
    rejected: count(c.rejected),
    concluded: count(c.concluded),
    approved: count(c.approved),
    denied: count(c.denied),
    withdrawn: count(c.withdrawn),
    open_now: count(c.openNow),
    on_time_rate_promised: rate(c.promisedOnTime, c.concluded),
    on_time_rate_statutory: rate(c.statutoryOnTime, c.concluded),
    overdue_open_promised: count(c.overdueOpenPromised),
    overdue_open_statutory: count(c.overdueOpenStatutory),
    yellow_now: count(c.yellowNow),
    red_now: count(c.redNow),
    // Mean working days: Σ processing days ÷ cases with a processing time.
    avg_processing_days: rate(sums.processing, c.withProcessing),
    // 1 − Σ processing ÷ Σ statutory (negative when the cases took longer than the law allows).
    time_compression: {
      value: sums.statutory === 0 ? null : 1 - sums.processing / sums.statutory,
      numerator: sums.processing,
      denominator: sums.statutory
    },
    // Σ statutory ÷ Σ processing − 1; undefined (null) when Σ processing days = 0.
    efficiency_gain: {
      value: sums.processing === 0 ? null : sums.statutory / sums.processing - 1,
      numerator: sums.statutory,
      denominator: sums.processing
    },
    same_day_rate: rate(c.sameDay, c.concluded),
    online_rate: rate(c.receivedOnline, c.received),
    matters_online_share: rate(c.mattersOnline, c.matters),
    good_rating_rate: rate(c.goodRatings, c.ratings),
    bad_ratings: count(c.badRatings),
    // 差评整改率 and the share rectified by the notice's deadline, over the bad ratings.
    bad_rating_rectified_rate: rate(c.badRatingsRectified, c.badRatings),
    bad_rating_rectified_on_time_rate: rate(c.badRatingsRectifiedOnTime, c.badRatings),
    rating_coverage: rate(c.rated, c.concluded),
    complaints: {
      value: c.complaints,
      substantiated: c.complaintsSubstantiated,
      closed: c.complaintsClosed
    }
  };
}

// ---- The period ----

export interface KpiPeriod {
  from: string;
  to: string;
}

export type PeriodCheck = { ok: true; period: KpiPeriod } | { ok: false; parameter: string; message: string };

/** The longest period: `to` must be before `from` + 3 years. */
export const MAX_PERIOD_YEARS = 3;

function isCalendarDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

function addYears(date: string, years: number): string {
  const [y, m, d] = date.split('-').map(Number);
  // 02-29 + 3 years becomes 03-01 (Date.UTC rolls over), which only lengthens by a day.
  return new Date(Date.UTC(y + years, m - 1, d)).toISOString().slice(0, 10);
}

/** Validates `from` and `to` (local dates, both inclusive). */
export function checkPeriod(from: string | null, to: string | null): PeriodCheck {
  if (from === null || !isCalendarDate(from)) {
    return { ok: false, parameter: 'from', message: 'from 须为 YYYY-MM-DD 格式的日期' };
  }
  if (to === null || !isCalendarDate(to)) {
    return { ok: false, parameter: 'to', message: 'to 须为 YYYY-MM-DD 格式的日期' };
  }
  if (to < from) return { ok: false, parameter: 'to', message: 'to 不得早于 from' };
  if (to >= addYears(from, MAX_PERIOD_YEARS)) {
    return { ok: false, parameter: 'to', message: `统计期间不得超过 ${MAX_PERIOD_YEARS} 年` };
  }
  return { ok: true, period: { from, to } };
}

/**
 * The section codes a request covers: null for every section, else a list (possibly
 * empty). A section outside the user's scope is not refused: the cut is restricted to the
 * scope, so it covers nothing and every figure is 0 or null (no 403, nothing to probe).
 */
export function sectionCut(section: string | undefined, scope: 'all' | readonly string[]): string[] | null {
  if (section === undefined) return scope === 'all' ? null : [...scope];
  if (scope === 'all' || scope.includes(section)) return [section];
  return [];
}
