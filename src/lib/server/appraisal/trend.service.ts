import type { Kysely } from 'kysely';
import { monthsEndingAt } from '../../appraisal/months';
import type { Database } from '../db/database';
import type { MonthResults } from './month-results';
import { listClosedTrend, listMonthsWithEvents } from './results.repository';
import { checkMonth, computeWith, loadContext, month01, type Context } from './results.service';

// The appraisal over the months (docs/rules/appraisal.md "Months and the trend").

type Db = Kysely<Database>;

export interface TrendPoint {
  month: string;
  bureauMean: number | null;
  person: number | null;
  closed: boolean;
}

/**
 * The bureau mean (and a person's total) over `count` months ending at `last`: closed
 * months from their snapshot, open months with events computed; a month with neither is
 * a gap (the appraisal was not running). `known` spares recomputing the page's month.
 */
export async function loadTrend(
  db: Db,
  last: string,
  staffId: number | null,
  { count = 12, now = new Date(), known }: { count?: number; now?: Date; known?: MonthResults } = {}
): Promise<TrendPoint[]> {
  checkMonth(last);
  const months = monthsEndingAt(last, count);
  const from = month01(months[0]);
  const [closed, withEvents] = await Promise.all([
    listClosedTrend(db, from, month01(last), staffId),
    listMonthsWithEvents(db, from, month01(last))
  ]);
  const closedBy = new Map(closed.map((c) => [c.month, c]));
  let ctx: Context | null = null;
  const points: TrendPoint[] = [];
  for (const month of months) {
    const c = closedBy.get(month);
    if (c) {
      points.push({ month, bureauMean: c.bureauMean, person: c.person, closed: true });
      continue;
    }
    if (!withEvents.includes(month) && month !== last) {
      points.push({ month, bureauMean: null, person: null, closed: false });
      continue;
    }
    let results = known?.month === month ? known : null;
    if (!results) {
      ctx ??= await loadContext(db);
      results = await computeWith(db, ctx, month, now);
    }
    const person =
      staffId === null ? null : (results.staff.find((p) => p.staffId === staffId)?.total ?? null);
    points.push({ month, bureauMean: results.bureauMean, person, closed: false });
  }
  return points;
}
