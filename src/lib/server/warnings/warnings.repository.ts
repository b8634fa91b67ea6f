import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/database';
import { scopeCodes, type SectionScope } from '../cases/section-scope';

// The lights of open cases now (电子监察), from the stored clocks: nothing is computed
// per request. "Now" figures ignore any period. The counts (per section, per flag) are
// read from the KPI rollups (kpi_now, kpi_flags: the clocks as of the last rollup refresh,
// which follows every sync pass and daily refresh, the same figures as the overview's):
// counting the clocks per request joins every open or flagged case to its matter, which
// took half a second at 1,000,000 cases (docs/benchmarks.md, "Dashboard").

/** Stored clocks with their case, matter and section, limited to the caller's sections. */
function clocksInScope(db: Kysely<Database>, scope: SectionScope) {
  const codes = scopeCodes(scope);
  return db
    .selectFrom('case_clock as k')
    .innerJoin('cases as c', 'c.id', 'k.case_id')
    .innerJoin('matters as m', 'm.id', 'c.matter_id')
    .innerJoin('sections as s', 's.id', 'm.section_id')
    .$call((q) => (codes ? q.where('s.code', 'in', codes) : q));
}

const openClocks = (db: Kysely<Database>, scope: SectionScope) =>
  clocksInScope(db, scope).where('k.open', '=', true);

/** Per section: open cases, yellow, red, paused, past the statutory deadline. */
export function countLightsBySection(db: Kysely<Database>, scope: SectionScope) {
  const codes = scopeCodes(scope);
  return db
    .selectFrom('kpi_now as n')
    .innerJoin('sections as s', 's.id', 'n.section_id')
    .where('n.dim', '=', 'all')
    .$call((q) => (codes ? q.where('s.code', 'in', codes) : q))
    .select([
      's.code as section_code',
      's.name as section_name',
      sql<string>`sum(n.open_now)`.as('open'),
      sql<string>`sum(n.yellow_now)`.as('yellow'),
      sql<string>`sum(n.red_now)`.as('red'),
      sql<string>`sum(n.paused_now)`.as('paused'),
      sql<string>`sum(n.overdue_open_statutory)`.as('statutory_overdue')
    ])
    .groupBy(['s.code', 's.name'])
    .orderBy('s.code')
    .execute();
}

/** Open cases by light, most urgent first: the fewest working days left (negative = overdue). */
export function listLitCases(
  db: Kysely<Database>,
  scope: SectionScope,
  which: 'red' | 'yellow' | 'statutory',
  limit = 100
) {
  return openClocks(db, scope)
    .leftJoin('staff as h', 'h.id', 'c.handler_staff_id')
    .select([
      'c.case_no',
      'm.name as matter_name',
      's.name as section_name',
      'h.name as handler_name',
      'k.promised_due_on',
      'k.statutory_due_on',
      'k.remaining_days',
      sql<number>`k.elapsed_days - k.statutory_limit_days`.as('statutory_over'),
      'k.colour',
      'k.paused',
      'k.flags'
    ])
    .$call((q) =>
      which === 'statutory' ? q.where('k.statutory_overdue', '=', true) : q.where('k.colour', '=', which)
    )
    .orderBy(which === 'statutory' ? 'k.statutory_due_on' : 'k.remaining_days')
    .orderBy('c.case_no')
    .limit(limit)
    .execute();
}

/** How many cases (open or not) carry each clock flag. */
export async function countFlags(db: Kysely<Database>, scope: SectionScope) {
  const codes = scopeCodes(scope);
  return db
    .selectFrom('kpi_flags as f')
    .innerJoin('sections as s', 's.id', 'f.section_id')
    .$call((q) => (codes ? q.where('s.code', 'in', codes) : q))
    .select(['f.flag', sql<string>`sum(f.cases)`.as('n')])
    .groupBy('f.flag')
    .orderBy('f.flag')
    .execute();
}
