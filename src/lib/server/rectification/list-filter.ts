import { STATE_FILTERS } from '../../rectification';
import { checkPeriod } from '../kpis/kpi-definitions';
import type { NoticeDates, StateFilter } from './notices.repository';

// The notice list's filters from its URL: the state (`state`, or `overdue=1` as a
// shorthand), and the bureau-local days a notice was issued or verified on
// (`issued_from`/`issued_to`, `verified_from`/`verified_to`), `on_time=1` for verified by
// the deadline. The overview's figures link here. A bad date range is dropped with a
// message, never a 400: the list still shows, wider. Scope is applied separately.

export interface NoticeListFilter {
  state: StateFilter;
  dates: NoticeDates;
  /** What was dropped, in Chinese. */
  problems: string[];
}

function range(params: URLSearchParams, name: string, label: string, problems: string[]) {
  const from = params.get(`${name}_from`);
  const to = params.get(`${name}_to`);
  if (from === null && to === null) return undefined;
  const check = checkPeriod(from, to);
  if (check.ok) return check.period;
  problems.push(`${label}日期范围无效（${check.message}），已忽略`);
  return undefined;
}

export function readNoticeListFilter(params: URLSearchParams): NoticeListFilter {
  const wanted = params.get('overdue') === '1' ? 'overdue' : (params.get('state') ?? 'all');
  const state = (STATE_FILTERS.some((f) => f.value === wanted) ? wanted : 'all') as StateFilter;
  const problems: string[] = [];
  const dates: NoticeDates = {};
  const issued = range(params, 'issued', '下发', problems);
  if (issued) dates.issued = issued;
  const verified = range(params, 'verified', '核验', problems);
  if (verified) dates.verified = verified;
  if (params.get('on_time') === '1') dates.onTime = true;
  return { state, dates, problems };
}

/** The date filters in words, for the line above the list: 「下发于 … 至 …；按期核验」. */
export function describeDates(dates: NoticeDates): string {
  return [
    dates.issued ? `下发于 ${dates.issued.from} 至 ${dates.issued.to}` : '',
    dates.verified ? `核验于 ${dates.verified.from} 至 ${dates.verified.to}` : '',
    dates.onTime ? '按期核验' : ''
  ]
    .filter(Boolean)
    .join('；');
}
