import {
  ACCOUNTABILITY_PROPOSE_ROLES,
  ACCOUNTABILITY_VIEW_ROLES,
  PENDING_KINDS,
  RECORD_STATE_FILTERS,
  type PendingKind
} from '$lib/accountability';
import { countPending, listPending } from '$lib/server/accountability/pending.repository';
import {
  countDecidedByLevel,
  listGrounds,
  listLevels,
  listRecords,
  type RecordFilter
} from '$lib/server/accountability/records.repository';
import { hasRole, requireRole } from '$lib/server/auth/guard';
import { bureauToday } from '$lib/server/case-clock/bureau-date';
import { getDb } from '$lib/server/db/index';
import type { PageServerLoad } from './$types';

// 责任追究: the pending-decision list (overdue cases, 不合格 files, substantiated complaints
// without a decision) and the records with filters; this year's decisions per level.

const PAGE_SIZE = 50;

function pageOf(params: URLSearchParams): number {
  const n = Number(params.get('page'));
  return Number.isInteger(n) && n >= 1 && n <= 100_000 ? n : 1;
}

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
const dayParam = (params: URLSearchParams, name: string) => {
  const value = params.get(name) ?? '';
  return ISO_DAY.test(value) && !Number.isNaN(Date.parse(value)) ? value : null;
};

function recordFilter(params: URLSearchParams): RecordFilter {
  const state = params.get('state') ?? 'all';
  const level = Number(params.get('level'));
  const year = Number(params.get('year'));
  return {
    state: (RECORD_STATE_FILTERS.some((f) => f.value === state) ? state : 'all') as RecordFilter['state'],
    grounds: params.get('grounds') || null,
    level: Number.isInteger(level) && level >= 1 && level <= 20 ? level : null,
    year: Number.isInteger(year) && year >= 2000 && year <= 2100 ? year : null,
    person: (params.get('person') ?? '').trim().slice(0, 50) || null,
    decidedFrom: dayParam(params, 'decided_from'),
    decidedTo: dayParam(params, 'decided_to')
  };
}

export const load: PageServerLoad = async (event) => {
  const user = requireRole(event, ...ACCOUNTABILITY_VIEW_ROLES);
  const params = event.url.searchParams;
  const db = getDb();
  const today = bureauToday();
  const year = today.slice(0, 4);
  const tab = params.get('tab') === 'records' ? 'records' : 'pending';
  const page = pageOf(params);
  const slice = { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE };
  const [levels, grounds, byLevel, pendingCounts] = await Promise.all([
    listLevels(db),
    listGrounds(db),
    countDecidedByLevel(db, { from: `${year}-01-01`, to: today }),
    countPending(db)
  ]);
  const wanted = params.get('kind') as PendingKind;
  const kind: PendingKind = PENDING_KINDS.includes(wanted)
    ? wanted
    : (PENDING_KINDS.find((k) => pendingCounts[k] > 0) ?? 'case');
  const filter = recordFilter(params);
  return {
    tab,
    page,
    pageSize: PAGE_SIZE,
    year,
    levels,
    grounds,
    byLevel,
    pendingCounts,
    kind,
    pending: tab === 'pending' ? await listPending(db, kind, slice) : [],
    filter,
    records: tab === 'records' ? await listRecords(db, filter, slice) : { rows: [], total: 0 },
    canPropose: hasRole(user, ...ACCOUNTABILITY_PROPOSE_ROLES)
  };
};
