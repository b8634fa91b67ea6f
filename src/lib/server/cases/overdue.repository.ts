import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/database';
import { scopeCodes, type SectionScope } from './section-scope';

// Open cases past a deadline, from the stored clocks (kept current by the sync and the
// daily refresh): nothing is computed per request.

export type OverdueBasis = 'promised' | 'statutory';

export function listOverdue(
  db: Kysely<Database>,
  basis: OverdueBasis,
  options: { section?: string; scope: SectionScope; limit?: number }
) {
  const codes = scopeCodes(options.scope);
  return db
    .selectFrom('case_clock as k')
    .innerJoin('cases as c', 'c.id', 'k.case_id')
    .innerJoin('matters as m', 'm.id', 'c.matter_id')
    .innerJoin('sections as s', 's.id', 'm.section_id')
    .select([
      'c.case_no',
      basis === 'promised' ? 'k.promised_due_on as due_on' : 'k.statutory_due_on as due_on',
      // Working days counted beyond the limit (stops excluded), as the clock counts them.
      basis === 'promised'
        ? sql<number>`k.elapsed_days - k.promised_limit_days`.as('overdue_days')
        : sql<number>`k.elapsed_days - k.statutory_limit_days`.as('overdue_days'),
      's.code as section_code'
    ])
    .where('k.open', '=', true)
    .where(basis === 'promised' ? 'k.promised_overdue' : 'k.statutory_overdue', '=', true)
    .$call((q) => (options.section ? q.where('s.code', '=', options.section) : q))
    .$call((q) => (codes ? q.where('s.code', 'in', codes) : q))
    .orderBy(basis === 'promised' ? 'k.promised_due_on' : 'k.statutory_due_on')
    .orderBy('c.case_no')
    .limit(options.limit ?? 10_000)
    .execute();
}
