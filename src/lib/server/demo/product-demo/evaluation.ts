import type { InstrumentKind, InstrumentSet } from '../../evaluation/instruments';
import { importTemplate } from '../../evaluation/import/template';
import { confirmImport, previewImport } from '../../evaluation/import.service';
import { checkRoundForm } from '../../evaluation/round-form';
import { addRecord } from '../../evaluation/records.service';
import { findRound, loadInstrumentSet } from '../../evaluation/rounds.repository';
import { createRound, submitRound } from '../../evaluation/rounds.service';
import { toCsv } from '../../export/csv';
import type { SeededRandom } from '../seeded-random';
import { workingDaysOf, type SeedContext } from './context';
import { facilityRow, surveyRows, visitRow, type Row } from './evaluation-records';
import { GOOD, loadDemoUnits, loadSurveyCases, type DemoUnits, type Window } from './evaluation-units';

// The demo's third-party evaluation (第三方测评): a leader assigns each month to the demo
// evaluator's firm; the firm fills the round's own import templates with a month of
// checks, covert visits and questionnaires, previews and imports them, and submits the
// round. The current month's round is still being entered on the tablet forms (a few
// records, not submitted), so an evaluator can carry on and a leader sees a draft.

const AREA = 2;
const FIRM_NAME = '锦城社会调查评估中心';
const HALL_VISITS = 6;
const DRAFT_CHECKS = 3;
const COMMUNITY_CHECKS = 4;

export interface EvaluationSeed {
  rounds: number;
  records: Record<InstrumentKind, number>;
}

export async function evaluationIsEmpty(ctx: SeedContext): Promise<boolean> {
  return !(await ctx.db.selectFrom('evaluation_rounds').select('id').limit(1).executeTakeFirst());
}

export async function seedEvaluation(ctx: SeedContext): Promise<EvaluationSeed> {
  const units = await loadDemoUnits(ctx);
  const records = { facility: 0, visit: 0, survey: 0 };
  for (const [i, month] of ctx.months.entries()) {
    const { id, set } = await assignRound(ctx, month);
    const rng = ctx.random(AREA, i);
    const fieldwork = await monthFieldwork(ctx, rng, set, units, month);
    for (const kind of ['facility', 'visit', 'survey'] as const)
      records[kind] += await importFile(ctx, id, kind, set, fieldwork[kind]);
    const submitted = await submitRound(ctx.db, ctx.users.evaluator, id, ctx.now);
    if (!submitted.ok) throw new Error(`演示测评轮次提交失败：${submitted.error}`);
  }
  // This month: a draft round with the first checks (none before its first working day)
  // entered one by one on the tablet form, which has no "not applicable": centres only.
  const { id, set } = await assignRound(ctx, ctx.currentMonth);
  const days = workingDaysOf(ctx.currentMonth, ctx.calendar, ctx.today);
  const rng = ctx.random(AREA, ctx.months.length);
  const centres = days.length ? units.servicePoints.filter((p) => p.level !== 'community') : [];
  for (const [n, point] of centres.slice(0, DRAFT_CHECKS).entries()) {
    const row = facilityRow(rng, set, point, rng.pick(days), n + 1);
    const added = await addRecord(ctx.db, ctx.users.evaluator, id, 'facility', row, { today: ctx.today });
    if (!added.ok) throw new Error(`演示明察记录录入失败：${JSON.stringify(added.errors)}`);
    records.facility++;
  }
  return { rounds: ctx.months.length + 1, records };
}

/** The leader assigns the month to the evaluator's firm, through the new-round form's checks. */
async function assignRound(ctx: SeedContext, month: string): Promise<{ id: number; set: InstrumentSet }> {
  const firmCode = ctx.users.evaluator.firmCode ?? 'F01';
  const checked = checkRoundForm({ month, firmCode, firmName: FIRM_NAME });
  if ('errors' in checked) throw new Error(`演示测评轮次无效：${JSON.stringify(checked.errors)}`);
  const created = await createRound(ctx.db, ctx.users.leader, checked.input);
  if (!created.ok) throw new Error(`演示测评轮次安排失败：${JSON.stringify(created.errors)}`);
  const round = (await findRound(ctx.db, created.id))!;
  return { id: created.id, set: await loadInstrumentSet(ctx.db, round.instrumentSetId) };
}

/** A month of the firm's work: every centre checked, weak windows always visited, surveys everywhere. */
async function monthFieldwork(
  ctx: SeedContext,
  rng: SeededRandom,
  set: InstrumentSet,
  units: DemoUnits,
  month: string
): Promise<Record<InstrumentKind, Row[]>> {
  const days = workingDaysOf(month, ctx.calendar);
  const communities = units.servicePoints.filter((p) => p.level === 'community');
  const stations = sample(rng, communities, COMMUNITY_CHECKS);
  const checked = [...units.servicePoints.filter((p) => p.level !== 'community'), ...stations];
  const cases = await loadSurveyCases(ctx, month);
  const surveys: Row[] = [];
  for (const point of checked) {
    const count =
      point.level === 'district' ? 120 : point.level === 'street' ? rng.int(32, 42) : rng.int(8, 14);
    surveys.push(...surveyRows(rng, set, point, cases.get(point.id) ?? [], days, count, surveys.length + 1));
  }
  surveys.push(...surveyRows(rng, set, null, [], days, 40, surveys.length + 1));
  return {
    facility: checked.map((p, n) => facilityRow(rng, set, p, rng.pick(days), n + 1)),
    visit: visitPlan(rng, units.windows).map((w, n) =>
      visitRow(rng, set, w, rng.pick(days), rng.pick(w.matters), n + 1)
    ),
    survey: surveys
  };
}

/** The weak windows every month, a window of each other street centre, and a few of the hall's. */
function visitPlan(rng: SeededRandom, windows: readonly Window[]): Window[] {
  const weak = windows.filter((w) => w.quality < GOOD);
  const plan = [...weak];
  for (const w of windows) {
    if (w.level !== 'street' || plan.some((p) => p.servicePointId === w.servicePointId)) continue;
    plan.push(rng.pick(windows.filter((o) => o.servicePointId === w.servicePointId)));
  }
  const hall = windows.filter((w) => w.level === 'district' && !weak.includes(w));
  return [...plan, ...sample(rng, hall, HALL_VISITS)];
}

function sample<T>(rng: SeededRandom, items: readonly T[], count: number): T[] {
  const pool = [...items];
  const out: T[] = [];
  while (out.length < count && pool.length > 0) out.push(pool.splice(rng.int(0, pool.length - 1), 1)[0]);
  return out;
}

/** The round's template filled with the rows, previewed and imported as the import page does. */
async function importFile(
  ctx: SeedContext,
  roundId: number,
  kind: InstrumentKind,
  set: InstrumentSet,
  rows: Row[]
): Promise<number> {
  const round = (await findRound(ctx.db, roundId))!;
  // The template's columns are keyed by the entry form's field names, as the rows are.
  const template = importTemplate(kind, set, round, { servicePoints: [], windows: [] });
  const file = {
    name: `${kind}-${round.month.slice(0, 7)}.csv`,
    bytes: Buffer.from(toCsv({ ...template, rows }))
  };
  const who = ctx.users.evaluator;
  const report = await previewImport(ctx.db, who, roundId, kind, file, ctx.today);
  if (!report.ok || report.errorRows > 0)
    throw new Error(
      `演示测评导入文件有误：${report.ok ? JSON.stringify(report.issues.slice(0, 3)) : report.error}`
    );
  const done = await confirmImport(ctx.db, who, roundId, kind, file, {
    today: ctx.today,
    previewed: report.sha256,
    validOnly: false
  });
  if (!done.ok) throw new Error(`演示测评导入失败：${done.error}`);
  return done.stored;
}
