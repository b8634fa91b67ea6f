import { CUT_DIMENSIONS, cutFromParams, type CutDimension } from '../../kpis/cuts';
import { DEFAULT_METRIC, isRankingMetric } from '../../kpis/ranking-metrics';
import type { SectionScope } from '../cases/section-scope';
import type { OverviewRequest } from './overview.service';
import { readPeriod, type PeriodChoice } from './period-params';

// The overview's URL read once, for the page and for its exports alike: period (preset or
// custom), cut, and the ranking's dimension and metric.
export function readOverviewRequest(
  params: URLSearchParams,
  today: string,
  scope: SectionScope
): { request: OverviewRequest; choice: PeriodChoice } {
  const choice = readPeriod(params, today);
  const rank = params.get('rank');
  const metric = params.get('metric');
  return {
    choice,
    request: {
      period: choice.period,
      cut: cutFromParams(params),
      scope,
      rankBy: CUT_DIMENSIONS.find((d) => d === rank) ?? ('section' satisfies CutDimension),
      metric: isRankingMetric(metric) ? metric : DEFAULT_METRIC
    }
  };
}
