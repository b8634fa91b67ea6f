import { maskIdNumber, maskPhone } from '../../mask';
import type { Colour } from '../clock/types';
import type { CaseStatus } from '../source/source-tables';
import type { CaseListFilter, CaseListRow } from './cases.repository';

// Reading the case list's filter from the URL (so a list can be shared and the back
// button works) and shaping its rows: personal data is masked before it leaves.

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
  return {
    q: text('q'),
    status: oneOf('status', STATUSES),
    colour: oneOf('colour', COLOURS),
    section: text('section'),
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
