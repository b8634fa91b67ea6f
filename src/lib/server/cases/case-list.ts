import { cutFromParams } from '../../kpis/cuts';
import { CASE_BASES, type CaseBasis } from '../../kpis/drill-down';
import { maskIdNumber, maskPhone } from '../../mask';
import { CLOCK_FLAGS, type Colour } from '../clock/types';
import { checkPeriod } from '../kpis/kpi-definitions';
import type { CaseStatus } from '../source/source-tables';
import type { CaseListFilter, CaseListRow } from './cases.repository';

// Reading the case list's filter from the URL (so a list can be shared and the back
// button works) and shaping its rows: personal data is masked before it leaves. The
// dashboard's figures link here with the cases behind them (src/lib/kpis/drill-down.ts):
// a basis (received, concluded, … in a period, or open now), the cut and refinements.

export const PAGE_SIZE = 50;
const STATUSES: CaseStatus[] = ['received', 'accepted', 'suspended', 'concluded', 'rejected', 'withdrawn'];
const COLOURS: Colour[] = ['green', 'yellow', 'red'];

export function caseListFilter(
  params: URLSearchParams,
  limit = PAGE_SIZE
): CaseListFilter & { page: number } {
  const page = Math.max(1, Math.floor(Number(params.get('page') ?? '1')) || 1);
  const text = (name: string) => params.get(name)?.trim() || undefined;
  const oneOf = <T extends string>(name: string, allowed: readonly T[]): T | undefined => {
    const value = text(name);
    return allowed.find((a) => a === value);
  };
  const basis = oneOf<CaseBasis>('basis', CASE_BASES);
  // A period only with a dated basis; an invalid one is dropped rather than guessed.
  const check = basis && basis !== 'open' ? checkPeriod(params.get('from'), params.get('to')) : null;
  const { section, ...members } = cutFromParams(params);
  return {
    q: text('q'),
    status: oneOf('status', STATUSES),
    colour: oneOf('colour', COLOURS),
    section,
    basis: basis === 'open' || check?.ok ? basis : undefined,
    period: check?.ok ? check.period : undefined,
    members,
    decision: oneOf('decision', ['approved', 'denied'] as const),
    late: oneOf('late', ['promised', 'statutory'] as const),
    sameDay: params.get('same_day') === '1' || undefined,
    overdue: oneOf('overdue', ['promised', 'statutory'] as const),
    flag: oneOf('flag', CLOCK_FLAGS),
    page,
    limit,
    offset: (page - 1) * limit
  };
}

export function maskRow(row: CaseListRow) {
  return {
    ...row,
    applicant_id_no: maskIdNumber(row.applicant_id_no),
    applicant_phone: maskPhone(row.applicant_phone)
  };
}
