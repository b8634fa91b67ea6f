import type { Kysely } from 'kysely';
import type { SectionScope } from '../cases/section-scope';
import { loadCalendarFrom } from '../case-clock/calendar.repository';
import type { Database } from '../db/database';
import { readFollowerRequest, type FollowerRequest } from '../ratings/rating-request';
import { closingDays } from './complaint-figures';
import { loadComplaints, type ComplaintRow } from './complaints.repository';

// The complaint list's own filters (source, category, substantiated, open/closed) on top
// of the period and cut; shared by /complaints and /complaints/export.

export interface ComplaintListFilter {
  source?: string;
  category?: string;
  /** 'yes' substantiated, 'no' not, 'pending' undetermined. */
  substantiated?: 'yes' | 'no' | 'pending';
  status?: 'open' | 'closed';
}

export function readComplaintFilter(params: URLSearchParams): ComplaintListFilter {
  const pick = <T extends string>(name: string, values: readonly T[]) => {
    const v = params.get(name);
    return values.find((x) => x === v);
  };
  const category = params.get('category')?.trim();
  return {
    source: pick('source', ['hotline', 'online', 'letter', 'visit']),
    category: category && category.length <= 100 ? category : undefined,
    substantiated: pick('substantiated', ['yes', 'no', 'pending'] as const),
    status: pick('status', ['open', 'closed'] as const)
  };
}

export function matchesComplaint(row: ComplaintRow, f: ComplaintListFilter): boolean {
  if (f.source && row.source !== f.source) return false;
  if (f.category && row.category !== f.category) return false;
  if (f.substantiated === 'yes' && row.substantiated !== true) return false;
  if (f.substantiated === 'no' && row.substantiated !== false) return false;
  if (f.substantiated === 'pending' && row.substantiated !== null) return false;
  if (f.status === 'open' && row.closed_at) return false;
  if (f.status === 'closed' && !row.closed_at) return false;
  return true;
}

/** The period's complaints in scope, the calendar, and the list after its own filters. */
export async function loadComplaintRequest(
  db: Kysely<Database>,
  params: URLSearchParams,
  scope: SectionScope,
  today: string
) {
  const request: FollowerRequest = await readFollowerRequest(db, params, scope, today);
  const listFilter = readComplaintFilter(params);
  const [rows, calendar] = await Promise.all([
    loadComplaints(db, request.choice.period, request.filter),
    loadCalendarFrom(db)
  ]);
  const list = rows
    .filter((r) => matchesComplaint(r, listFilter))
    .map((r) => ({ ...r, closing_days: closingDays(r, calendar) }));
  return { request, listFilter, rows, calendar, list };
}
