import type { Kysely } from 'kysely';
import { formatDate } from '../../format';
import type { CaseStatus, SourceDatabase } from '../source/source-tables';

// Headline counts for the overview's welcome, read straight from the source. A stopgap:
// the KPI issue replaces them with figures from the product's synced copy.

export interface HeadlineCounts {
  receivedToday: number;
  concludedToday: number;
  openNow: number;
  suspendedNow: number;
  totalCases: number;
}

const OPEN_STATUSES: CaseStatus[] = ['received', 'accepted', 'suspended'];

/** Midnight of `now`'s bureau-local day; Asia/Shanghai has had no daylight saving since 1991. */
export function bureauDayStart(now: Date): Date {
  return new Date(`${formatDate(now)}T00:00:00+08:00`);
}

/** One pass over cases (FILTER clauses) rather than five scans. */
export async function readHeadlineCounts(source: Kysely<SourceDatabase>, now: Date): Promise<HeadlineCounts> {
  const dayStart = bureauDayStart(now);
  const row = await source
    .selectFrom('cases')
    .select((eb) => [
      eb.fn.countAll<string>().filterWhere('received_at', '>=', dayStart).as('receivedToday'),
      eb.fn.countAll<string>().filterWhere('concluded_at', '>=', dayStart).as('concludedToday'),
      eb.fn.countAll<string>().filterWhere('status', 'in', OPEN_STATUSES).as('openNow'),
      eb.fn.countAll<string>().filterWhere('status', '=', 'suspended').as('suspendedNow'),
      eb.fn.countAll<string>().as('totalCases')
    ])
    .executeTakeFirstOrThrow();
  return {
    receivedToday: Number(row.receivedToday),
    concludedToday: Number(row.concludedToday),
    openNow: Number(row.openNow),
    suspendedNow: Number(row.suspendedNow),
    totalCases: Number(row.totalCases)
  };
}
