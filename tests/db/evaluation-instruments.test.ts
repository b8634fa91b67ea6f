import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/lib/server/audit/audit.repository';
import type { FormValues } from '../../src/lib/server/evaluation/form-fields';
import { importTemplate } from '../../src/lib/server/evaluation/import/template';
import { checkInstrumentForm, formValuesOf } from '../../src/lib/server/evaluation/instrument-form';
import {
  createInstrumentSet,
  listInstrumentSets,
  STALE
} from '../../src/lib/server/evaluation/instrument-sets.service';
import { addRecord } from '../../src/lib/server/evaluation/records.service';
import { loadEvaluationResults } from '../../src/lib/server/evaluation/results.service';
import { checkRoundForm } from '../../src/lib/server/evaluation/round-form';
import { createRound } from '../../src/lib/server/evaluation/rounds.service';
import {
  findRound,
  latestInstrumentSetId,
  loadInstrumentSet
} from '../../src/lib/server/evaluation/rounds.repository';
import { EvaluationError, type EvaluationActor } from '../../src/lib/server/evaluation/scope';
import { loadUnits } from '../../src/lib/server/evaluation/records.repository';
import { insertReferenceWorld, syncOnce } from '../helpers/sync-fixtures';
import { createTestDatabases, type TestDatabases } from '../helpers/test-databases';
import { addUser } from '../helpers/users';

// Instrument versions against the database: a new version is a new row (insert-only); a
// round created afterwards takes it, a round created before keeps its own set, so its
// results and import template do not change; only leaders save versions; audited.

let t: TestDatabases;
let leader: Actor;
let inspector: Actor;
let evaluator: EvaluationActor;
let before: number;
const TODAY = { today: '2026-11-05' };

const FACILITY: FormValues = {
  recordNo: 'F-1',
  servicePoint: 'P01',
  checkedOn: '2026-10-08',
  item_signage: '10',
  item_guides: '15',
  item_queue: '15',
  item_seating: '10',
  item_accessibility: '15',
  item_mother_baby: '5',
  item_amenities: '10',
  item_cleanliness: '10'
};

async function round(month: string) {
  const checked = checkRoundForm({ month, firmCode: 'FA', firmName: '甲测评公司' });
  if (!('input' in checked)) throw new Error(JSON.stringify(checked.errors));
  const outcome = await createRound(t.db, leader, checked.input);
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.errors));
  return outcome.id;
}

async function templateHeaders(roundId: number) {
  const r = (await findRound(t.db, roundId))!;
  const units = await loadUnits(t.db);
  const set = await loadInstrumentSet(t.db, r.instrumentSetId);
  const codes = {
    servicePoints: units.servicePoints.map((p) => p.code),
    windows: units.windows.map((w) => w.code)
  };
  return (['facility', 'visit', 'survey'] as const).map((kind) =>
    importTemplate(kind, set, r, codes).columns.map((c) => c.header)
  );
}

/** The defaults with a Wi-Fi check added, cleanliness worth 5 and the integrity aspect removed. */
async function changedSet() {
  const newest = await loadInstrumentSet(t.db, await latestInstrumentSetId(t.db));
  const values = { ...formValuesOf(newest), label: '2027 年版' };
  values.facility.push({ key: 'wifi', label: '无线网络', points: '10' });
  values.facility.find((r) => r.key === 'cleanliness')!.points = '5';
  values.aspects = values.aspects.filter((a) => a.key !== 'integrity');
  const checked = checkInstrumentForm(values, newest);
  if (!('set' in checked)) throw new Error(JSON.stringify(checked.errors));
  return { baseId: newest.id, set: checked.set };
}

beforeAll(async () => {
  t = await createTestDatabases();
  await insertReferenceWorld(t.sourceWriter);
  await syncOnce(t);
  const l = await addUser(t.db, { login: 'boss', roles: ['leader'] });
  const i = await addUser(t.db, { login: 'insp', roles: ['inspector'] });
  const e = await addUser(t.db, { login: 'eva', roles: ['evaluator'], firmCode: 'FA' });
  leader = { userId: l, login: 'boss', roles: ['leader'] };
  inspector = { userId: i, login: 'insp', roles: ['inspector'] };
  evaluator = { userId: e, login: 'eva', roles: ['evaluator'], firmCode: 'FA' };
  before = await round('2026-10');
  const outcome = await addRecord(t.db, evaluator, before, 'facility', FACILITY, TODAY);
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.errors));
});
afterAll(() => t?.destroy());

describe('instrument versions', () => {
  it('refuses evaluators and inspectors', async () => {
    const { baseId, set } = await changedSet();
    await expect(createInstrumentSet(t.db, evaluator, baseId, set)).rejects.toThrow(EvaluationError);
    await expect(createInstrumentSet(t.db, inspector, baseId, set)).rejects.toThrow('只有局领导');
    expect(await listInstrumentSets(t.db)).toHaveLength(1);
  });

  it('saves a new version as a new row with its audit entry; a round created before keeps its set', async () => {
    const resultsBefore = await loadEvaluationResults(t.db, before);
    const headersBefore = await templateHeaders(before);
    const { baseId, set } = await changedSet();
    const outcome = await createInstrumentSet(t.db, leader, baseId, set);
    if (!outcome.ok) throw new Error(JSON.stringify(outcome.errors));
    expect(outcome.id).toBeGreaterThan(baseId);

    const sets = await listInstrumentSets(t.db);
    expect(sets.map((s) => [s.id, s.label, s.createdBy])).toEqual([
      [outcome.id, '2027 年版', 'boss'],
      [baseId, '默认（第三方测评规范）', null]
    ]);
    expect(sets[1].roundMonths).toEqual(['2026-10-01']);
    expect(sets[0].facilityItems.at(-1)).toEqual({ key: 'wifi', label: '无线网络', points: 10 });

    const audit = await t.db
      .selectFrom('audit_log')
      .select(['actor_login', 'entity', 'entity_id', 'after'])
      .where('action', '=', 'evaluation.instrument_set.create')
      .execute();
    expect(audit).toEqual([
      {
        actor_login: 'boss',
        entity: 'evaluation_instrument_set',
        entity_id: String(outcome.id),
        after: { ...set, replaces: baseId }
      }
    ]);

    // The October round still reads the defaults: same scores (90 = 90 of 100, not 85/95
    // with cleanliness worth 5 and the Wi-Fi check possible), same template columns.
    expect((await findRound(t.db, before))!.instrumentSetId).toBe(baseId);
    const resultsAfter = await loadEvaluationResults(t.db, before);
    expect(resultsAfter).toEqual(resultsBefore);
    expect(resultsAfter!.units.find((u) => u.key === 'service_point:P01')!.scores.facility).toBe(90);
    expect(await templateHeaders(before)).toEqual(headersBefore);
    // …and its entry form still takes the old items, without the new one.
    const more = await addRecord(
      t.db,
      evaluator,
      before,
      'facility',
      { ...FACILITY, recordNo: 'F-2' },
      TODAY
    );
    expect(more.ok).toBe(true);
  });

  it('a round created afterwards uses the new version: its form, template and scores', async () => {
    const after = await round('2026-09');
    const newestId = await latestInstrumentSetId(t.db);
    expect((await findRound(t.db, after))!.instrumentSetId).toBe(newestId);
    const [facility, , survey] = await templateHeaders(after);
    expect(facility).toContain('无线网络（10分）');
    expect(facility).toContain('环境整洁（5分）');
    expect(survey).not.toContain('廉洁办事');

    const values = { ...FACILITY, checkedOn: '2026-09-08' };
    expect(await addRecord(t.db, evaluator, after, 'facility', values, TODAY)).toEqual({
      ok: false,
      errors: {
        item_wifi: '请为“无线网络”打分（0–10 分）',
        item_cleanliness: '“环境整洁”的得分须为 0 至 5 之间的数（最多一位小数）'
      }
    });
    const saved = await addRecord(
      t.db,
      evaluator,
      after,
      'facility',
      { ...values, item_cleanliness: '5', item_wifi: '0' },
      TODAY
    );
    expect(saved.ok).toBe(true);
    // 10+15+15+10+15+5+10+5+0 = 85 of 100 (cleanliness lost 10 points, Wi-Fi brought 10).
    const results = await loadEvaluationResults(t.db, after);
    expect(results!.units.find((u) => u.key === 'service_point:P01')!.scores.facility).toBe(85);
  });

  it('refuses an unchanged set and a form made from a version no longer the newest', async () => {
    const newest = await loadInstrumentSet(t.db, await latestInstrumentSetId(t.db));
    const { id: _id, ...same } = newest;
    expect(await createInstrumentSet(t.db, leader, newest.id, { ...same, label: '再存一次' })).toEqual({
      ok: false,
      errors: { _: '与最新版本内容相同，无需保存新版本' }
    });
    const stale = { ...same, label: '旧表单', surveyAspects: same.surveyAspects.slice(0, 4) };
    expect(await createInstrumentSet(t.db, leader, newest.id - 1, stale)).toEqual({
      ok: false,
      errors: { _: STALE }
    });
    expect(await listInstrumentSets(t.db)).toHaveLength(2);
  });

  it('keeps sets insert-only in the database', async () => {
    await expect(
      sql`UPDATE evaluation_instrument_sets SET label = 'x' WHERE id = 1`.execute(t.db)
    ).rejects.toThrow(/insert-only/);
    await expect(sql`DELETE FROM evaluation_instrument_sets WHERE id = 1`.execute(t.db)).rejects.toThrow(
      /insert-only/
    );
  });
});
