import { sql, type Kysely } from 'kysely';
import type { ClockFlag, Colour } from '../clock/types';
import type { Database } from '../db/database';
import type { CaseStatus } from '../source/source-tables';
import type { KpiCut } from '../../kpis/cuts';
import type { CaseBasis } from '../../kpis/drill-down';
import { basisOrder, dashboardConditions } from './case-list-conditions';
import { scopeCodes, type SectionScope } from './section-scope';

// Queries over the synced cases. Section scope is applied here, in SQL, so that a case
// outside the caller's sections is simply not found.

export type { SectionScope } from './section-scope';

/**
 * Cases with where they belong: matter (m), section (s), department (d), service point
 * (sp), window (w) and handler (h). The case page and the case list read the same joins.
 */
function casesWithPlaces(db: Kysely<Database>) {
  return db
    .selectFrom('cases as c')
    .innerJoin('matters as m', 'm.id', 'c.matter_id')
    .innerJoin('sections as s', 's.id', 'm.section_id')
    .innerJoin('departments as d', 'd.id', 'm.department_id')
    .innerJoin('service_points as sp', 'sp.id', 'c.service_point_id')
    .leftJoin('windows as w', 'w.id', 'c.window_id')
    .leftJoin('staff as h', 'h.id', 'c.handler_staff_id');
}

export async function findCaseDetail(db: Kysely<Database>, caseNo: string, scope: SectionScope) {
  const codes = scopeCodes(scope);
  return casesWithPlaces(db)
    .select([
      'c.id',
      'c.case_no',
      'c.status',
      'c.decision',
      'c.channel',
      'c.applicant_kind',
      'c.applicant_name',
      'c.applicant_id_no',
      'c.applicant_phone',
      'c.received_at',
      'c.accepted_at',
      'c.concluded_at',
      'c.delivered_at',
      'm.code as matter_code',
      'm.name as matter_name',
      'm.kind as matter_kind',
      'm.promised_days',
      'm.statutory_days',
      's.code as section_code',
      's.name as section_name',
      'd.name as department_name',
      'sp.name as service_point_name',
      'w.name as window_name',
      'h.name as handler_name'
    ])
    .where('c.case_no', '=', caseNo)
    .$call((q) => (codes ? q.where('s.code', 'in', codes) : q))
    .executeTakeFirst();
}

export type CaseDetail = NonNullable<Awaited<ReturnType<typeof findCaseDetail>>>;

export function listCaseEvents(db: Kysely<Database>, caseId: string) {
  return db
    .selectFrom('case_events as e')
    .leftJoin('staff as st', 'st.id', 'e.staff_id')
    .select(['e.id', 'e.kind', 'e.occurred_at', 'e.procedure', 'e.days', 'e.note', 'st.name as staff_name'])
    .where('e.case_id', '=', caseId)
    .orderBy('e.occurred_at')
    .orderBy('e.id')
    .execute();
}

export interface CaseListFilter {
  q?: string;
  status?: CaseStatus;
  colour?: Colour;
  section?: string;
  /** The dashboard's drill-down: which cases of a figure (src/lib/kpis/drill-down.ts). */
  basis?: CaseBasis;
  period?: { from: string; to: string };
  members?: Omit<KpiCut, 'section'>;
  decision?: 'approved' | 'denied';
  late?: 'promised' | 'statutory';
  sameDay?: boolean;
  overdue?: 'promised' | 'statutory';
  /** A clock flag (time-limits.md), e.g. late_one_time_notice. */
  flag?: ClockFlag;
  limit: number;
  offset: number;
}

/**
 * A page of cases with their stored clock (nothing is computed per request), newest first
 * by the drill-down basis's own date (open cases: the earliest promised due date first).
 */
export function listCases(db: Kysely<Database>, filter: CaseListFilter, scope: SectionScope) {
  const order = basisOrder(filter);
  // DESC NULLS LAST cannot walk a date index backwards: the whole list would be sorted on
  // every page (2.4 s at 1,000,000 cases). received_at is never null, and accepted_at or
  // concluded_at are ordered on only with a period that requires them, so plain DESC (nulls
  // first) gives the same order; NULLS LAST stays for the case it matters.
  const nullsLast = order.direction === 'desc' && order.column !== 'c.received_at' && !filter.period;
  return casesWithPlaces(db)
    .leftJoin('case_clock as k', 'k.case_id', 'c.id')
    .select([
      'c.case_no',
      'c.status',
      'c.channel',
      'c.applicant_name',
      'c.applicant_id_no',
      'c.applicant_phone',
      'c.received_at',
      'c.accepted_at',
      'c.concluded_at',
      'm.name as matter_name',
      's.code as section_code',
      's.name as section_name',
      'k.promised_due_on',
      'k.statutory_due_on',
      'k.colour',
      'k.paused',
      'k.promised_on_time',
      'k.statutory_on_time',
      'k.processing_days'
    ])
    .$call((q) => {
      const codes = scopeCodes(scope);
      return codes ? q.where('s.code', 'in', codes) : q;
    })
    .$call((q) => (filter.q ? q.where('c.case_no', 'like', `${filter.q.replace(/[%_\\]/g, '\\$&')}%`) : q))
    .$call((q) => (filter.status ? q.where('c.status', '=', filter.status) : q))
    .$call((q) => (filter.colour ? q.where('k.colour', '=', filter.colour) : q))
    .$call((q) => (filter.section ? q.where('s.code', '=', filter.section) : q))
    .where((eb) => dashboardConditions(eb, filter))
    .orderBy(sql.ref(order.column), (ob) =>
      order.direction === 'asc' ? ob.asc() : nullsLast ? ob.desc().nullsLast() : ob.desc()
    )
    .orderBy('c.id', 'desc')
    .limit(filter.limit)
    .offset(filter.offset)
    .execute();
}

export type CaseListRow = Awaited<ReturnType<typeof listCases>>[number];

export async function listSections(db: Kysely<Database>, scope: SectionScope) {
  return db
    .selectFrom('sections')
    .select(['code', 'name'])
    .$call((q) => {
      const codes = scopeCodes(scope);
      return codes ? q.where('code', 'in', codes) : q;
    })
    .orderBy('code')
    .execute();
}
