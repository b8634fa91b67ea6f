// Which cases stand behind each headline figure: the query of the case list (/cases) that
// lists them. Shared by the overview, the rankings and the big screen. Browser-safe.
// Rates link to their denominator (the list then splits it with its own filters).

import { cutToParams, type KpiCut } from './cuts';
import type { Period } from './periods';

export const CASE_BASES = ['received', 'accepted', 'concluded', 'rejected', 'withdrawn', 'open'] as const;
export type CaseBasis = (typeof CASE_BASES)[number];

export const BASIS_LABELS: Record<CaseBasis, string> = {
  received: '期间收件',
  accepted: '期间受理',
  concluded: '期间办结',
  rejected: '期间不予受理',
  withdrawn: '期间撤回',
  open: '当前在办'
};

/** The case-list refinements a figure adds to its basis. */
export interface CaseRefinement {
  decision?: 'approved' | 'denied';
  late?: 'promised' | 'statutory';
  sameDay?: boolean;
  colour?: 'green' | 'yellow' | 'red';
  overdue?: 'promised' | 'statutory';
}

const FIGURE_CASES: Record<string, [CaseBasis, CaseRefinement?]> = {
  received: ['received'],
  accepted: ['accepted'],
  rejected: ['rejected'],
  concluded: ['concluded'],
  approved: ['concluded', { decision: 'approved' }],
  denied: ['concluded', { decision: 'denied' }],
  withdrawn: ['withdrawn'],
  open_now: ['open'],
  on_time_rate_promised: ['concluded'],
  on_time_rate_statutory: ['concluded'],
  overdue_open_promised: ['open', { overdue: 'promised' }],
  overdue_open_statutory: ['open', { overdue: 'statutory' }],
  yellow_now: ['open', { colour: 'yellow' }],
  red_now: ['open', { colour: 'red' }],
  avg_processing_days: ['concluded'],
  time_compression: ['concluded'],
  efficiency_gain: ['concluded'],
  same_day_rate: ['concluded'],
  online_rate: ['received'],
  rating_coverage: ['concluded']
};

/** The case-list query for a figure, or null when no case list stands behind it (ratings). */
export function figureCasesQuery(figure: string, period: Period, cut: KpiCut): URLSearchParams | null {
  const entry = FIGURE_CASES[figure];
  if (!entry) return null;
  return casesQuery(entry[0], period, cut, entry[1]);
}

export function casesQuery(
  basis: CaseBasis,
  period: Period,
  cut: KpiCut,
  refinement: CaseRefinement = {}
): URLSearchParams {
  const params = new URLSearchParams({ basis });
  // "Now" lists ignore the period, as their figures do.
  if (basis !== 'open') {
    params.set('from', period.from);
    params.set('to', period.to);
  }
  cutToParams(cut, params);
  if (refinement.decision) params.set('decision', refinement.decision);
  if (refinement.late) params.set('late', refinement.late);
  if (refinement.sameDay) params.set('same_day', '1');
  if (refinement.colour) params.set('colour', refinement.colour);
  if (refinement.overdue) params.set('overdue', refinement.overdue);
  return params;
}
