import { checkHeaders, labelProblem } from './instrument-headers';
import type { InstrumentSet, PointsItem, SurveyAspect, WaitingRule } from './instruments';

// Pure: the form making a new instrument set (/evaluation/instruments) from the newest one.
// Rows come as repeated fields in the order shown: f_key/f_label/f_points (明察 checklist),
// v_key/v_label/v_points (暗访 items), b_max/b_points (waiting bands), a_key/a_label
// (满意度 aspects), plus label, w_label, w_points and baseId. Errors are keyed by field name,
// `<field>.<i>` for a row (i = 0-based as posted), a section name (facility, visit, bands,
// survey) or `_` for the whole set. Rules: docs/rules/evaluation.md "Instrument versions".

export type NewInstrumentSet = Omit<InstrumentSet, 'id'>;
export type InstrumentFormErrors = Record<string, string>;

export type ItemRow = { key: string; label: string; points: string };
export interface InstrumentFormValues {
  baseId: string;
  label: string;
  facility: ItemRow[];
  visit: ItemRow[];
  waitingLabel: string;
  waitingPoints: string;
  bands: { maxMinutes: string; points: string }[];
  aspects: { key: string; label: string }[];
}

export const LIMITS = {
  facility: { min: 1, max: 30 },
  visit: { min: 1, max: 20 },
  bands: { min: 1, max: 10 },
  survey: { min: 4, max: 10 },
  label: 50,
  setLabel: 100,
  points: 100,
  // The visit form takes at most 600 minutes of waiting.
  minutes: 600
} as const;
const KEY = /^[a-z][a-z0-9]*(_[a-z0-9]+)*$/;
const KEY_MAX = 40;

export function readInstrumentForm(form: FormData): InstrumentFormValues {
  const all = (name: string) => form.getAll(name).map((v) => (typeof v === 'string' ? v : ''));
  const rows = <K extends string>(names: Record<K, string>) => {
    const columns = Object.entries(names).map(([k, n]) => [k, all(n as string)] as const);
    const n = Math.max(0, ...columns.map(([, c]) => c.length));
    return Array.from(
      { length: n },
      (_, i) => Object.fromEntries(columns.map(([k, c]) => [k, c[i] ?? ''])) as Record<K, string>
    );
  };
  const one = (name: string) => String(form.get(name) ?? '');
  return {
    baseId: one('baseId'),
    label: one('label'),
    facility: rows({ key: 'f_key', label: 'f_label', points: 'f_points' }),
    visit: rows({ key: 'v_key', label: 'v_label', points: 'v_points' }),
    waitingLabel: one('w_label'),
    waitingPoints: one('w_points'),
    bands: rows({ maxMinutes: 'b_max', points: 'b_points' }),
    aspects: rows({ key: 'a_key', label: 'a_label' })
  };
}

/** The form as it starts: a copy of the set it is made from. */
export function formValuesOf(set: InstrumentSet): InstrumentFormValues {
  const items = (list: PointsItem[]) => list.map((i) => ({ ...i, points: String(i.points) }));
  return {
    baseId: String(set.id),
    label: '',
    facility: items(set.facilityItems),
    visit: items(set.visitItems),
    waitingLabel: set.waiting.label,
    waitingPoints: String(set.waiting.points),
    bands: set.waiting.bands.map((b) => ({ maxMinutes: String(b.maxMinutes), points: String(b.points) })),
    aspects: set.surveyAspects.map((a) => ({ ...a }))
  };
}

const whole = (text: string, min: number, max: number) =>
  /^\d{1,4}$/.test(text) && Number(text) >= min && Number(text) <= max ? Number(text) : null;
const chars = (text: string) => [...text].length;

/** Drops rows left wholly blank (an added row not filled in), keeping each row's posted index. */
function filled<T extends Record<string, string>>(rows: T[]) {
  return rows
    .map((row, index) => ({
      row: Object.fromEntries(Object.entries(row).map(([k, v]) => [k, v.trim()])) as T,
      index
    }))
    .filter(({ row }) => Object.values(row).some((v) => v !== ''));
}

function checkKeyLabel(
  prefix: string,
  row: { key: string; label: string },
  i: number,
  firstRow: Map<string, number>,
  errors: InstrumentFormErrors
) {
  if (!KEY.test(row.key) || row.key.length > KEY_MAX)
    errors[`${prefix}_key.${i}`] =
      '编码应为小写英文字母开头、以下划线分词的字母或数字（如 wifi、self_service），最多 40 位';
  else if (firstRow.has(row.key))
    errors[`${prefix}_key.${i}`] = `编码与第 ${firstRow.get(row.key)! + 1} 行重复`;
  else firstRow.set(row.key, i);
  const problem = labelProblem(row.label, LIMITS.label);
  if (problem) errors[`${prefix}_label.${i}`] = problem;
}

function checkItems(
  prefix: 'f' | 'v',
  section: 'facility' | 'visit',
  rows: ItemRow[],
  errors: InstrumentFormErrors
) {
  const kept = filled(rows);
  const firstRow = new Map<string, number>();
  const items: PointsItem[] = [];
  const indexOf = new Map<string, number>();
  for (const { row, index } of kept) {
    checkKeyLabel(prefix, row, index, firstRow, errors);
    const points = whole(row.points, 1, LIMITS.points);
    if (points === null) errors[`${prefix}_points.${index}`] = `分值应为 1 至 ${LIMITS.points} 的整数`;
    items.push({ key: row.key, label: row.label, points: points ?? 0 });
    indexOf.set(row.key, index);
  }
  const { min, max } = LIMITS[section];
  const what = section === 'facility' ? '明察检查项目' : '暗访评分项目';
  if (kept.length < min) errors[section] = `至少要有 ${min} 个${what}`;
  else if (kept.length > max) errors[section] = `${what}最多 ${max} 个`;
  return { items, indexOf };
}

function checkWaiting(values: InstrumentFormValues, errors: InstrumentFormErrors): WaitingRule {
  const label = values.waitingLabel.trim();
  const problem = labelProblem(label, LIMITS.label);
  if (problem) errors.w_label = problem;
  const points = whole(values.waitingPoints.trim(), 1, LIMITS.points);
  if (points === null) errors.w_points = `满分应为 1 至 ${LIMITS.points} 的整数`;
  const bands: WaitingRule['bands'] = [];
  let previous: { maxMinutes: number; points: number } | null = null;
  const kept = filled(values.bands);
  for (const { row, index } of kept) {
    const maxMinutes = whole(row.maxMinutes, 1, LIMITS.minutes);
    const got = whole(row.points, 0, LIMITS.points);
    if (maxMinutes === null) errors[`b_max.${index}`] = `分钟数应为 1 至 ${LIMITS.minutes} 的整数`;
    else if (previous && maxMinutes <= previous.maxMinutes)
      errors[`b_max.${index}`] = `分钟数须大于上一档的 ${previous.maxMinutes} 分钟（由短到长排列）`;
    if (got === null) errors[`b_points.${index}`] = `得分应为 0 至 ${LIMITS.points} 的整数`;
    else if (points !== null && got > points) errors[`b_points.${index}`] = `得分不能超过满分 ${points} 分`;
    else if (previous && got > previous.points)
      errors[`b_points.${index}`] = `等候更久不能得分更多（上一档 ${previous.points} 分）`;
    else if (!previous && points !== null && got !== points)
      errors[`b_points.${index}`] = `等候最短的第一档应得满分 ${points} 分，否则没有记录能得满分`;
    if (maxMinutes !== null && got !== null) {
      bands.push({ maxMinutes, points: got });
      previous = { maxMinutes, points: got };
    }
  }
  if (kept.length < LIMITS.bands.min) errors.bands = '至少要有一档等候时间';
  else if (kept.length > LIMITS.bands.max) errors.bands = `等候时间最多 ${LIMITS.bands.max} 档`;
  return { label, points: points ?? 0, bands };
}

function checkAspects(values: InstrumentFormValues, errors: InstrumentFormErrors) {
  const kept = filled(values.aspects);
  const firstRow = new Map<string, number>();
  const aspects: SurveyAspect[] = [];
  const indexOf = new Map<string, number>();
  for (const { row, index } of kept) {
    checkKeyLabel('a', row, index, firstRow, errors);
    aspects.push({ key: row.key, label: row.label });
    indexOf.set(row.key, index);
  }
  const { min, max } = LIMITS.survey;
  if (kept.length < min || kept.length > max)
    errors.survey = `满意度调查须有 ${min} 至 ${max} 个分项问题（现有 ${kept.length} 个）`;
  return { aspects, indexOf };
}

const content = (s: NewInstrumentSet | InstrumentSet) =>
  JSON.stringify([s.facilityItems, s.visitItems, s.waiting, s.surveyAspects]);

export const sameInstruments = (a: NewInstrumentSet | InstrumentSet, b: NewInstrumentSet | InstrumentSet) =>
  content(a) === content(b);

/** The new set, or the errors in Chinese. `newest` is the set it is made from. */
export function checkInstrumentForm(
  values: InstrumentFormValues,
  newest: InstrumentSet
): { set: NewInstrumentSet } | { errors: InstrumentFormErrors } {
  const errors: InstrumentFormErrors = {};
  const label = values.label.trim();
  if (label === '') errors.label = '请填写版本名称（如 2027 年版）';
  else if (chars(label) > LIMITS.setLabel) errors.label = `版本名称不能超过 ${LIMITS.setLabel} 字`;
  const facility = checkItems('f', 'facility', values.facility, errors);
  const visit = checkItems('v', 'visit', values.visit, errors);
  const waiting = checkWaiting(values, errors);
  const survey = checkAspects(values, errors);
  const set: NewInstrumentSet = {
    label,
    facilityItems: facility.items,
    visitItems: visit.items,
    waiting,
    surveyAspects: survey.aspects
  };
  const row = (prefix: string, byKey: Map<string, number>, field: string, tag: string) => {
    if (field === 'waitingMinutes') return 'w_label';
    if (!field.startsWith(tag)) return null;
    const i = byKey.get(field.slice(tag.length));
    return i === undefined ? null : `${prefix}_label.${i}`;
  };
  checkHeaders(
    set,
    {
      facility: (f) => row('f', facility.indexOf, f, 'item_'),
      visit: (f) => row('v', visit.indexOf, f, 'item_'),
      survey: (f) => row('a', survey.indexOf, f, 'aspect_')
    },
    errors
  );
  if (Object.keys(errors).length > 0) return { errors };
  if (sameInstruments(set, newest))
    return { errors: { _: '检查项目、暗访项目、等候时间和满意度分项都与最新版本相同，无需保存新版本' } };
  return { set };
}
