import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/database';
import { scopeCodes, type SectionScope } from '../cases/section-scope';

// The lights of open cases now (电子监察), from the stored clocks: nothing is computed
// per request. "Now" figures ignore any period.

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
  return openClocks(db, scope)
    .select([
      's.code as section_code',
      's.name as section_name',
      sql<string>`count(*)`.as('open'),
      sql<string>`count(*) FILTER (WHERE k.colour = 'yellow')`.as('yellow'),
      sql<string>`count(*) FILTER (WHERE k.colour = 'red')`.as('red'),
      sql<string>`count(*) FILTER (WHERE k.paused)`.as('paused'),
      sql<string>`count(*) FILTER (WHERE k.statutory_overdue)`.as('statutory_overdue')
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
  return clocksInScope(db, scope)
    .select([sql<string>`unnest(k.flags)`.as('flag'), sql<string>`count(*)`.as('n')])
    .where(sql<boolean>`k.flags <> '{}'`)
    .groupBy(sql`1`)
    .orderBy(sql`1`)
    .execute();
}
