import {
  checkDate,
  checkLevel,
  checkOptionalText,
  checkPoints,
  checkRecordNo,
  FieldCollector,
  type FieldErrors,
  type FormValues
} from './form-fields';
import { CHANNEL_LABELS, type InstrumentSet, type SurveyChannel } from './instruments';

// The three entry forms checked field by field: range, required, date inside the round,
// unit exists (shared/spec/surveys.md "Entering data"). Field names are the form's input
// names; item and aspect fields are `item_<key>` and `aspect_<key>`. Pure.

export interface FormContext {
  set: InstrumentSet;
  period: { from: string; to: string; today: string };
  /** code → id of the units that exist. */
  servicePoints: ReadonlyMap<string, number>;
  windows: ReadonlyMap<string, number>;
}

export interface FacilityInput {
  recordNo: string;
  servicePointId: number;
  checkedOn: string;
  /** null: not applicable at this service point (import only; the form always gives points). */
  earned: Record<string, number | null>;
  notes: string | null;
}

export interface VisitInput {
  recordNo: string;
  windowId: number;
  visitedOn: string;
  visitedTime: string;
  matter: string;
  itemScores: Record<string, number>;
  waitingMinutes: number;
  problems: string | null;
}

export interface SurveyInput {
  recordNo: string;
  servicePointId: number | null;
  answeredOn: string;
  channel: SurveyChannel;
  caseNo: string | null;
  overall: number;
  aspects: Record<string, number>;
}

export type Checked<T> = { input: T } | { errors: FieldErrors };

function unit(map: ReadonlyMap<string, number>, code: string | undefined, what: string) {
  const v = (code ?? '').trim();
  if (v === '') return { error: `请选择${what}` };
  const id = map.get(v);
  return id === undefined ? { error: `${what}“${v}”不存在，请从列表中选择` } : id;
}

export function checkFacilityForm(values: FormValues, ctx: FormContext): Checked<FacilityInput> {
  const c = new FieldCollector();
  const recordNo = c.take('recordNo', checkRecordNo(values.recordNo));
  const servicePointId = c.take('servicePoint', unit(ctx.servicePoints, values.servicePoint, '服务点'));
  const checkedOn = c.take('checkedOn', checkDate(values.checkedOn, '检查日期', ctx.period));
  const earned: Record<string, number | null> = {};
  for (const item of ctx.set.facilityItems)
    earned[item.key] = c.take(
      `item_${item.key}`,
      checkPoints(values[`item_${item.key}`], item.label, item.points)
    );
  const notes = c.take('notes', checkOptionalText(values.notes, '备注', 2000));
  if (!c.ok) return { errors: c.errors };
  return { input: { recordNo, servicePointId, checkedOn, earned, notes } };
}

function checkTime(value: string | undefined) {
  const v = (value ?? '').trim();
  if (v === '') return { error: '请填写暗访时间' };
  const m = /^([01]?\d|2[0-3]):([0-5]\d)$/.exec(v);
  return m ? `${m[1].padStart(2, '0')}:${m[2]}` : { error: '暗访时间格式应为 时:分，如 09:30' };
}

function checkMinutes(value: string | undefined) {
  const v = (value ?? '').trim();
  if (v === '') return { error: '请填写等候时间（分钟）' };
  if (!/^\d{1,3}$/.test(v) || Number(v) > 600) return { error: '等候时间须为 0 至 600 之间的整数分钟' };
  return Number(v);
}

export function checkVisitForm(values: FormValues, ctx: FormContext): Checked<VisitInput> {
  const c = new FieldCollector();
  const recordNo = c.take('recordNo', checkRecordNo(values.recordNo));
  const windowId = c.take('window', unit(ctx.windows, values.window, '窗口'));
  const visitedOn = c.take('visitedOn', checkDate(values.visitedOn, '暗访日期', ctx.period));
  const visitedTime = c.take('visitedTime', checkTime(values.visitedTime));
  const matterText = (values.matter ?? '').trim();
  const matter = c.take(
    'matter',
    matterText === ''
      ? { error: '请填写咨询的事项' }
      : matterText.length > 200
        ? { error: '咨询事项不能超过 200 字' }
        : matterText
  );
  const itemScores: Record<string, number> = {};
  for (const item of ctx.set.visitItems)
    itemScores[item.key] = c.take(
      `item_${item.key}`,
      checkPoints(values[`item_${item.key}`], item.label, item.points)
    );
  const waitingMinutes = c.take('waitingMinutes', checkMinutes(values.waitingMinutes));
  const problems = c.take('problems', checkOptionalText(values.problems, '发现的问题', 2000));
  if (!c.ok) return { errors: c.errors };
  return {
    input: { recordNo, windowId, visitedOn, visitedTime, matter, itemScores, waitingMinutes, problems }
  };
}

export function checkSurveyForm(values: FormValues, ctx: FormContext): Checked<SurveyInput> {
  const c = new FieldCollector();
  const recordNo = c.take('recordNo', checkRecordNo(values.recordNo));
  const code = (values.servicePoint ?? '').trim();
  const servicePointId = code === '' ? null : c.take('servicePoint', unit(ctx.servicePoints, code, '服务点'));
  const answeredOn = c.take('answeredOn', checkDate(values.answeredOn, '调查日期', ctx.period));
  const channel = c.take(
    'channel',
    (values.channel ?? '') in CHANNEL_LABELS ? (values.channel as SurveyChannel) : { error: '请选择调查渠道' }
  );
  const caseNo = c.take('caseNo', checkOptionalText(values.caseNo, '办件编号', 100));
  const overall = c.take('overall', checkLevel(values.overall, '总体满意度'));
  const aspects: Record<string, number> = {};
  for (const aspect of ctx.set.surveyAspects)
    aspects[aspect.key] = c.take(
      `aspect_${aspect.key}`,
      checkLevel(values[`aspect_${aspect.key}`], aspect.label)
    );
  if (!c.ok) return { errors: c.errors };
  return { input: { recordNo, servicePointId, answeredOn, channel, caseNo, overall, aspects } };
}
