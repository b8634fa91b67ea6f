import type { Kysely } from 'kysely';
import { CHANNEL_LABELS } from '../../case-labels';
import { LEVEL_LABELS, type CutDimension } from '../../kpis/cuts';
import type { Database } from '../db/database';
import { scopeCodes, type SectionScope } from '../cases/section-scope';

// The members of each cut dimension: their rollup key (id), URL code and Chinese label.
// The filter bar lists them; the rankings name their rows with them. A section head is
// offered only their sections, their matters and departments, and the windows and staff
// of their sections.

export interface CutMember {
  key: string;
  code: string;
  label: string;
}

export type CutMembers = Record<CutDimension, CutMember[]>;

const fixed = (labels: Record<string, string>): CutMember[] =>
  Object.entries(labels).map(([value, label]) => ({ key: value, code: value, label }));

export async function loadCutMembers(db: Kysely<Database>, scope: SectionScope): Promise<CutMembers> {
  const codes = scopeCodes(scope);
  const sectionIds = codes
    ? (await db.selectFrom('sections').select('id').where('code', 'in', codes).execute()).map((s) => s.id)
    : null;
  const [sections, departments, matters, points, windows, staff] = await Promise.all([
    db
      .selectFrom('sections')
      .select(['id', 'code', 'name'])
      .$call((q) => (sectionIds ? q.where('id', 'in', sectionIds.length ? sectionIds : [-1]) : q))
      .orderBy('code')
      .execute(),
    db
      .selectFrom('departments')
      .select(['id', 'code', 'name'])
      .$call((q) =>
        sectionIds
          ? q.where('id', 'in', (s) =>
              s
                .selectFrom('matters')
                .select('department_id')
                .where('section_id', 'in', sectionIds.length ? sectionIds : [-1])
            )
          : q
      )
      .orderBy('code')
      .execute(),
    db
      .selectFrom('matters')
      .select(['id', 'code', 'name'])
      .$call((q) => (sectionIds ? q.where('section_id', 'in', sectionIds.length ? sectionIds : [-1]) : q))
      .orderBy('code')
      .execute(),
    db.selectFrom('service_points').select(['id', 'code', 'name']).orderBy('code').execute(),
    db
      .selectFrom('windows')
      .select(['id', 'code', 'name'])
      .$call((q) => (sectionIds ? q.where('section_id', 'in', sectionIds.length ? sectionIds : [-1]) : q))
      .orderBy('code')
      .execute(),
    db
      .selectFrom('staff')
      .select(['id', 'staff_no as code', 'name'])
      .$call((q) => (sectionIds ? q.where('section_id', 'in', sectionIds.length ? sectionIds : [-1]) : q))
      .orderBy('staff_no')
      .execute()
  ]);
  const members = (rows: { id: number; code: string; name: string }[]): CutMember[] =>
    rows.map((r) => ({ key: String(r.id), code: r.code, label: r.name }));
  return {
    section: members(sections),
    department: members(departments),
    matter: members(matters),
    level: fixed(LEVEL_LABELS),
    service_point: members(points),
    window: members(windows),
    staff: members(staff),
    channel: fixed(CHANNEL_LABELS)
  };
}
