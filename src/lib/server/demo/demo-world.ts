import type { SourceMatter } from '../source/source-tables';
import type { DemoCalendar } from './demo-calendar';
import type { ReferenceData } from './reference-data';
import { cumulative } from './seeded-random';

// The reference data indexed for the case generator: who sits at which window, which
// matters the street centres handle, the matter weights as cumulative arrays.

type Matter = Omit<SourceMatter, 'updated_at'>;

export interface StreetDesk {
  servicePointId: number;
  /** Staffed windows of the street centre with their staff. */
  windows: { windowId: number; staffId: number }[];
  /** Community stations below it. */
  communities: number[];
}

export interface DemoWorld {
  reference: ReferenceData;
  calendar: DemoCalendar;
  regionCode: string;
  hallId: number;
  matters: Matter[];
  /** Matter indexes selectable for each arrival kind, with cumulative weights. */
  allMatters: { indexes: number[]; weights: Float64Array };
  onlineMatters: { indexes: number[]; weights: Float64Array };
  /** Matters delegated to street centres and community stations (下沉事项). */
  localMatters: { indexes: number[]; weights: Float64Array };
  /** By matter index: whether street centres and community stations take the matter. */
  isLocal: boolean[];
  /** Hall windows of each section (by section id) with their staff. */
  sectionWindows: Map<number, { windowId: number; staffId: number }[]>;
  generalWindows: { windowId: number; staffId: number }[];
  /** Staff who process online and mailed cases of a section (window staff and reviewers). */
  sectionHandlers: Map<number, number[]>;
  chiefRep: Map<number, number>;
  sectionHead: Map<number, number>;
  streets: StreetDesk[];
  /** Share of applicants who are persons rather than enterprises, by matter index. */
  personShare: number[];
}

const PERSON_MATTERS = /个体|教师|医师|护士|驾驶|宅基地|法律援助|外国人|从业资格|健身气功/;

function subset(matters: Matter[], weights: number[], keep: (m: Matter, w: number) => boolean) {
  const indexes = matters.map((_, i) => i).filter((i) => keep(matters[i], weights[i]));
  return { indexes, weights: cumulative(indexes.map((i) => weights[i])) };
}

export function createDemoWorld(reference: ReferenceData, calendar: DemoCalendar): DemoWorld {
  const { matters, matterWeights, staff, windows, servicePoints } = reference;
  const staffOfWindow = new Map<number, number>();
  for (const s of staff) if (s.window_id !== null && s.active) staffOfWindow.set(s.window_id, s.id);
  const hallId = servicePoints.find((p) => p.level === 'district')!.id;

  const sectionWindows = new Map<number, { windowId: number; staffId: number }[]>();
  const generalWindows: { windowId: number; staffId: number }[] = [];
  for (const w of windows) {
    const staffId = staffOfWindow.get(w.id);
    if (w.service_point_id !== hallId || staffId === undefined) continue;
    if (w.section_id === null) generalWindows.push({ windowId: w.id, staffId });
    else
      sectionWindows.set(w.section_id, [
        ...(sectionWindows.get(w.section_id) ?? []),
        { windowId: w.id, staffId }
      ]);
  }

  const sectionHandlers = new Map<number, number[]>();
  const chiefRep = new Map<number, number>();
  const sectionHead = new Map<number, number>();
  for (const s of staff) {
    if (s.section_id === null || !s.active) continue;
    if (s.position === 'chief_rep') chiefRep.set(s.section_id, s.id);
    else if (s.position === 'section_head') sectionHead.set(s.section_id, s.id);
    else sectionHandlers.set(s.section_id, [...(sectionHandlers.get(s.section_id) ?? []), s.id]);
  }

  const streets: StreetDesk[] = servicePoints
    .filter((p) => p.level === 'street')
    .map((p) => ({
      servicePointId: p.id,
      windows: windows
        .filter((w) => w.service_point_id === p.id && staffOfWindow.has(w.id))
        .map((w) => ({ windowId: w.id, staffId: staffOfWindow.get(w.id)! })),
      communities: servicePoints
        .filter((c) => c.parent_id === p.id && c.level === 'community')
        .map((c) => c.id)
    }));

  const localMatters = subset(matters, matterWeights, (m, w) => m.kind === 'immediate' || w >= 12);
  const localSet = new Set(localMatters.indexes);
  return {
    reference,
    calendar,
    regionCode: reference.regionCode,
    hallId,
    matters,
    allMatters: subset(matters, matterWeights, () => true),
    onlineMatters: subset(matters, matterWeights, (m) => m.online),
    localMatters,
    isLocal: matters.map((_, i) => localSet.has(i)),
    sectionWindows,
    generalWindows,
    sectionHandlers,
    chiefRep,
    sectionHead,
    streets,
    personShare: matters.map((m) => (PERSON_MATTERS.test(m.name) ? 0.92 : 0.12))
  };
}
