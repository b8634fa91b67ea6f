import { CHANNEL_LABELS, type InstrumentSet, type PointsItem } from '../../evaluation/instruments';
import { NOT_APPLICABLE } from '../../evaluation/import/columns';
import type { SeededRandom } from '../seeded-random';

// The records a third-party firm brings back from a month of fieldwork, as the rows of its
// import files (field → cell text, the template's columns). Pure and seeded. Most units do
// well; the weak ones (those citizens rate worst, chosen in evaluation.ts) do badly every
// month, so the results have a bottom three and the 约谈 list has names.

export type Row = Record<string, string>;

export interface Unit {
  id: number;
  code: string;
  /** District, street or community (of a window: its service point's). */
  level?: string;
  /** The share of the points the unit earns on average (evaluation-units.ts). */
  quality: number;
}

/** A concluded case whose applicant the firm may ask (its number and day of conclusion). */
export interface SurveyCase {
  caseNo: string;
  day: string;
}

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));
const quality = (rng: SeededRandom, unit: Unit) => clamp(rng.normal(unit.quality, 0.05), 0.3, 1);
/** Below this a unit is weak: long waits at its windows. */
const WEAK = 0.8;
/** Points of an item at a quality, in half points as assessors give them. */
const itemPoints = (rng: SeededRandom, item: PointsItem, q: number) =>
  clamp(Math.round(item.points * clamp(rng.normal(q, 0.08), 0, 1) * 2) / 2, 0, item.points);

const FACILITY_NOTES: Record<string, string> = {
  signage: '部分窗口标识与实际办理事项不符',
  guides: '办事指南架缺少部分事项的指南',
  queue: '叫号屏故障，现场改为人工叫号',
  seating: '等候座椅不足，部分群众站立等候',
  accessibility: '无障碍通道被杂物占用',
  mother_baby: '母婴室上锁未开放',
  amenities: '饮水机无水，老花镜缺失',
  cleanliness: '等候区地面有积水，垃圾桶未及时清理'
};

const VISIT_PROBLEMS: Record<string, string> = {
  greeting: '工作人员未主动问候，暗访人员站立片刻后才被接待',
  attire: '工作人员未佩戴工牌，着装不统一',
  one_time_notice: '咨询所需材料时未一次性告知，只说“先拿这些来，不够再补”',
  accuracy: '答复的办理时限与办事指南公布的承诺时限不一致'
};

/** The (at most two) items that lost most, over a quarter of their points, as an assessor notes them. */
function shortfalls(items: readonly PointsItem[], got: Row, texts: Record<string, string>): string[] {
  const share = (i: PointsItem) => Number(got[`item_${i.key}`]) / i.points; // NaN: not applicable
  return items
    .filter((i) => share(i) < 0.75)
    .sort((a, b) => share(a) - share(b))
    .slice(0, 2)
    .map((i) => texts[i.key] ?? `${i.label}不到位`);
}

export function facilityRow(rng: SeededRandom, set: InstrumentSet, unit: Unit, day: string, no: number): Row {
  const q = quality(rng, unit);
  const row: Row = { recordNo: `F-${String(no).padStart(3, '0')}`, servicePoint: unit.code, checkedOn: day };
  for (const item of set.facilityItems) row[`item_${item.key}`] = String(itemPoints(rng, item, q));
  // A community station need not have a mother-and-baby room: not applicable, no points possible.
  if (unit.level === 'community' && 'item_mother_baby' in row) row.item_mother_baby = NOT_APPLICABLE;
  row.notes = shortfalls(set.facilityItems, row, FACILITY_NOTES).join('；');
  return row;
}

export function visitRow(
  rng: SeededRandom,
  set: InstrumentSet,
  unit: Unit,
  day: string,
  matter: string,
  no: number
): Row {
  const q = quality(rng, unit);
  const minutes = Math.round(unit.quality < WEAK ? rng.int(18, 55) : clamp(rng.normal(8, 5), 1, 40));
  const time = `${String(rng.int(9, 16)).padStart(2, '0')}:${String(rng.int(0, 5) * 10).padStart(2, '0')}`;
  const row: Row = {
    recordNo: `V-${String(no).padStart(3, '0')}`,
    window: unit.code,
    visitedOn: day,
    visitedTime: time,
    matter,
    waitingMinutes: String(minutes)
  };
  for (const item of set.visitItems) row[`item_${item.key}`] = String(itemPoints(rng, item, q));
  const problems = shortfalls(set.visitItems, row, VISIT_PROBLEMS);
  if (minutes > 20) problems.push(`取号后等候 ${minutes} 分钟才被叫号`);
  row.problems = problems.join('；');
  return row;
}

/** One level of the five-level scale around a quality. */
const level = (rng: SeededRandom, q: number) => {
  const x = rng.normal(q, 0.12);
  return String(x > 0.88 ? 5 : x > 0.74 ? 4 : x > 0.6 ? 3 : x > 0.45 ? 2 : 1);
};

/** `count` questionnaires about a service point (or the bureau as a whole when `unit` is null). */
export function surveyRows(
  rng: SeededRandom,
  set: InstrumentSet,
  unit: Unit | null,
  cases: readonly SurveyCase[],
  days: readonly string[],
  count: number,
  firstNo: number
): Row[] {
  const rows: Row[] = [];
  for (let i = 0; i < count; i++) {
    const q = unit ? quality(rng, unit) : clamp(rng.normal(0.92, 0.05), 0.3, 1);
    // On site and by telephone the firm asks applicants of concluded cases; on line anyone.
    const channel = !unit ? 'online' : rng.chance(0.65) ? 'onsite' : rng.chance(0.8) ? 'phone' : 'sms';
    const asked = channel === 'online' || cases.length === 0 ? null : rng.pick(cases);
    const row: Row = {
      recordNo: `Q-${String(firstNo + i).padStart(4, '0')}`,
      servicePoint: unit?.code ?? '',
      answeredOn: asked?.day ?? rng.pick(days),
      channel: CHANNEL_LABELS[channel],
      caseNo: asked?.caseNo ?? '',
      overall: level(rng, q)
    };
    for (const aspect of set.surveyAspects) row[`aspect_${aspect.key}`] = level(rng, q);
    rows.push(row);
  }
  return rows;
}
