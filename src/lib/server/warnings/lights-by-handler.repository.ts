import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/database';
import { scopeCodes, type SectionScope } from '../cases/section-scope';

// The lights of the open cases per handler (经办人), from the rollups (kpi_now, dim
// 'staff'), within the caller's sections: whose desk the overdue cases are on.
export function countLightsByHandler(db: Kysely<Database>, scope: SectionScope) {
  const codes = scopeCodes(scope);
  return db
    .selectFrom('kpi_now as n')
    .innerJoin('sections as s', 's.id', 'n.section_id')
    .innerJoin('staff as h', (join) => join.on(sql`h.id::text`, '=', sql.ref('n.key')))
    .where('n.dim', '=', 'staff')
    .$call((q) => (codes ? q.where('s.code', 'in', codes) : q))
    .select([
      'h.staff_no',
      'h.name',
      sql<string>`sum(n.open_now)`.as('open'),
      sql<string>`sum(n.yellow_now)`.as('yellow'),
      sql<string>`sum(n.red_now)`.as('red'),
      sql<string>`sum(n.overdue_open_statutory)`.as('statutory_overdue')
    ])
    .groupBy(['h.staff_no', 'h.name'])
    .orderBy(sql`sum(n.red_now)`, 'desc')
    .orderBy(sql`sum(n.yellow_now)`, 'desc')
    .orderBy('h.staff_no')
    .execute();
}
