import type { Kysely } from 'kysely';
import type { SourceDatabase } from '../source/source-tables';
import { MATTERS } from './catalogue';
import { DemoCalendar } from './demo-calendar';
import { createDemoWorld, type DemoWorld } from './demo-world';
import type { ReferenceData } from './reference-data';

// The demo tick works on whatever reference data the demo source holds now: it reads
// the (small) reference tables each minute and indexes them like the generator does.

/** Null when the source has no reference data to work with (never generated). */
export async function loadTickWorld(db: Kysely<SourceDatabase>, day: number): Promise<DemoWorld | null> {
  const [departments, sections, servicePoints, windows, staff, matters] = await Promise.all([
    db.selectFrom('departments').select(['id', 'code', 'name']).orderBy('id').execute(),
    db.selectFrom('sections').select(['id', 'code', 'name']).orderBy('id').execute(),
    db
      .selectFrom('service_points')
      .select(['id', 'code', 'name', 'level', 'parent_id', 'region_code'])
      .orderBy('id')
      .execute(),
    db
      .selectFrom('windows')
      .select(['id', 'code', 'name', 'service_point_id', 'section_id'])
      .orderBy('id')
      .execute(),
    db
      .selectFrom('staff')
      .select(['id', 'staff_no', 'name', 'window_id', 'section_id', 'position', 'employment', 'active'])
      .orderBy('id')
      .execute(),
    db
      .selectFrom('matters')
      .select([
        'id',
        'code',
        'name',
        'department_id',
        'section_id',
        'kind',
        'statutory_days',
        'promised_days',
        'online'
      ])
      .orderBy('id')
      .execute()
  ]);
  const hall = servicePoints.find((p) => p.level === 'district');
  if (!hall || matters.length === 0 || staff.length === 0) return null;
  const weightOf = new Map(MATTERS.map((m) => [m.code, m.weight]));
  const reference: ReferenceData = {
    regionCode: hall.region_code,
    departments,
    sections,
    servicePoints,
    windows,
    staff,
    matters,
    matterWeights: matters.map((m) => weightOf.get(m.code) ?? 1)
  };
  const world = createDemoWorld(reference, new DemoCalendar(day - 30, day + 30));
  // The arrival model needs hall windows and handlers for every section, staffed streets.
  for (const m of matters) {
    if (!world.sectionHandlers.get(m.section_id)?.length || !world.sectionWindows.get(m.section_id)?.length)
      return null;
  }
  if (world.generalWindows.length === 0 || world.streets.length === 0) return null;
  if (world.streets.some((s) => s.windows.length === 0 || s.communities.length === 0)) return null;
  return world;
}
