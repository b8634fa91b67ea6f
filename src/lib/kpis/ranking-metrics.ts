// What a ranking table can rank members by, and how each value is worked out from the
// member's counts. Browser-safe and pure.

export interface MemberCounts {
  received: number;
  concluded: number;
  promisedOnTime: number;
  statutoryOnTime: number;
  withProcessing: number;
  processingDays: number;
  sameDay: number;
  ratings: number;
  goodRatings: number;
  openNow: number;
  redNow: number;
}

export type FigureFormat = 'count' | 'rate' | 'days' | 'signed_rate';

export interface MemberFigure {
  value: number | null;
  numerator?: number;
  denominator?: number;
}

interface MetricSpec {
  label: string;
  format: FigureFormat;
  higherIsBetter: boolean;
  /** The figure of kpis.md whose cases stand behind the value (drill-down). */
  figure: string;
  value(c: MemberCounts): MemberFigure;
}

const ratio = (numerator: number, denominator: number): MemberFigure => ({
  value: denominator === 0 ? null : numerator / denominator,
  numerator,
  denominator
});

export const RANKING_METRICS = {
  on_time_rate_promised: {
    label: '承诺时限按时办结率',
    format: 'rate',
    higherIsBetter: true,
    figure: 'on_time_rate_promised',
    value: (c) => ratio(c.promisedOnTime, c.concluded)
  },
  on_time_rate_statutory: {
    label: '法定时限按时办结率',
    format: 'rate',
    higherIsBetter: true,
    figure: 'on_time_rate_statutory',
    value: (c) => ratio(c.statutoryOnTime, c.concluded)
  },
  received: {
    label: '收件量',
    format: 'count',
    higherIsBetter: true,
    figure: 'received',
    value: (c) => ({ value: c.received })
  },
  concluded: {
    label: '办结量',
    format: 'count',
    higherIsBetter: true,
    figure: 'concluded',
    value: (c) => ({ value: c.concluded })
  },
  avg_processing_days: {
    label: '平均办理时长',
    format: 'days',
    higherIsBetter: false,
    figure: 'avg_processing_days',
    value: (c) => ratio(c.processingDays, c.withProcessing)
  },
  same_day_rate: {
    label: '即办率',
    format: 'rate',
    higherIsBetter: true,
    figure: 'same_day_rate',
    value: (c) => ratio(c.sameDay, c.concluded)
  },
  good_rating_rate: {
    label: '好评率',
    format: 'rate',
    higherIsBetter: true,
    figure: 'good_rating_rate',
    value: (c) => ratio(c.goodRatings, c.ratings)
  },
  open_now: {
    label: '当前在办',
    format: 'count',
    higherIsBetter: false,
    figure: 'open_now',
    value: (c) => ({ value: c.openNow })
  },
  red_now: {
    label: '红灯在办',
    format: 'count',
    higherIsBetter: false,
    figure: 'red_now',
    value: (c) => ({ value: c.redNow })
  }
} satisfies Record<string, MetricSpec>;

export type RankingMetric = keyof typeof RANKING_METRICS;
export const RANKING_METRIC_NAMES = Object.keys(RANKING_METRICS) as RankingMetric[];
export const DEFAULT_METRIC: RankingMetric = 'on_time_rate_promised';

export function isRankingMetric(value: string | null): value is RankingMetric {
  return value !== null && value in RANKING_METRICS;
}

/** Sorted best first; members without a value (no denominator) last. */
export function rankMembers<T extends { figure: MemberFigure }>(rows: T[], metric: RankingMetric): T[] {
  const sign = RANKING_METRICS[metric].higherIsBetter ? -1 : 1;
  return [...rows].sort((a, b) => {
    if (a.figure.value === null) return b.figure.value === null ? 0 : 1;
    if (b.figure.value === null) return -1;
    return sign * (a.figure.value - b.figure.value);
  });
}
