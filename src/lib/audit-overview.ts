import type { Period, PeriodPreset } from './kpis/periods';
import type { Band } from './scoresheet';

// The inspectors' overview (督查概览) and its drill-down lists, shared by the pages and
// the server: the score bins of the histogram and the links from a figure to its list.
// Browser-safe and pure. Rules: docs/rules/audits.md (督查概览).

/** Ten bins of ten points: 0–9.5, 10–19.5, …, 90–100 (scores are whole or half points). */
export const SCORE_BIN_COUNT = 10;

export const SCORE_BIN_LABELS: readonly string[] = Array.from({ length: SCORE_BIN_COUNT }, (_, i) =>
  i === SCORE_BIN_COUNT - 1 ? '90–100' : `${i * 10}–${i * 10 + 9.5}`
);

/** The bin of a score in 0..100; 100 goes into the last bin with 90–99.5. */
export function scoreBinIndex(score: number): number {
  if (!Number.isFinite(score) || score < 0 || score > 100)
    throw new RangeError(`score out of range: ${score}`);
  return Math.min(SCORE_BIN_COUNT - 1, Math.floor(score / 10));
}

/** How many scores fall into each bin, in bin order. */
export function scoreBins(scores: readonly number[]): number[] {
  const bins = new Array<number>(SCORE_BIN_COUNT).fill(0);
  for (const score of scores) bins[scoreBinIndex(score)] += 1;
  return bins;
}

/** The band a bin lies in (bins never straddle 60 or 90), for its colour. */
export function binBand(index: number): Band {
  if (index >= 9) return 'excellent';
  if (index >= 6) return 'pass';
  return 'fail';
}

/** Which drawn files the reviews list shows: reviewed (default), not yet reviewed, or all. */
export const FILE_STATUSES = ['reviewed', 'pending', 'all'] as const;
export type FileStatus = (typeof FILE_STATUSES)[number];
export const FILE_STATUS_LABELS: Record<FileStatus, string> = {
  reviewed: '已评查',
  pending: '待评查',
  all: '全部抽中案卷'
};

export interface FileFilter {
  status: FileStatus;
  section?: string;
  band?: Band;
  draw?: number;
}

/** The period part of a page's query, as FilterBar writes it. */
export function periodParams(preset: PeriodPreset, period: Period): URLSearchParams {
  const params = new URLSearchParams({ period: preset });
  if (preset === 'custom') {
    params.set('from', period.from);
    params.set('to', period.to);
  }
  return params;
}

/** The query of the reviews list for the period and a filter: default values are left out. */
export function reviewsQuery(preset: PeriodPreset, period: Period, filter: FileFilter): URLSearchParams {
  const params = periodParams(preset, period);
  if (filter.status !== 'reviewed') params.set('status', filter.status);
  if (filter.section !== undefined) params.set('section', filter.section);
  if (filter.band !== undefined) params.set('band', filter.band);
  if (filter.draw !== undefined) params.set('draw', String(filter.draw));
  return params;
}

/** Filters of the notice list that the overview links to (/rectification). */
export interface NoticeLinkFilter {
  state?: 'overdue' | 'verified';
  issued?: Period;
  verified?: Period;
  onTime?: boolean;
}

export function noticesQuery(filter: NoticeLinkFilter): URLSearchParams {
  const params = new URLSearchParams();
  if (filter.state) params.set('state', filter.state);
  if (filter.issued) {
    params.set('issued_from', filter.issued.from);
    params.set('issued_to', filter.issued.to);
  }
  if (filter.verified) {
    params.set('verified_from', filter.verified.from);
    params.set('verified_to', filter.verified.to);
  }
  if (filter.onTime) params.set('on_time', '1');
  return params;
}
