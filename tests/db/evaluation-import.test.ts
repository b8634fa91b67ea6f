import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/lib/server/audit/audit.repository';
import {
  confirmImport,
  previewImport,
  sha256Of,
  type ImportFile
} from '../../src/lib/server/evaluation/import.service';
import { checkRoundForm } from '../../src/lib/server/evaluation/round-form';
import { createRound, submitRound } from '../../src/lib/server/evaluation/rounds.service';
import type { EvaluationActor } from '../../src/lib/server/evaluation/scope';
import { insertReferenceWorld, syncOnce } from '../helpers/sync-fixtures';
import { createTestDatabases, type TestDatabases } from '../helpers/test-databases';
import { addUser } from '../helpers/users';

// Bulk import against the database: a valid file stores every row in one transaction with
// one audit entry; re-importing stores nothing twice; a refused file or an unconfirmed
// file with errors stores nothing; 50,000 questionnaires import; another firm and a
// submitted round are refused.

let t: TestDatabases;
let firmA: EvaluationActor;
let firmB: EvaluationActor;
let october: number;
let september: number;
const TODAY = '2026-11-05';
const HEADER =
  '记录编号,服务点编码,调查日期,调查渠道,办件编号,总体满意度,办事指南清晰易懂,窗口服务态度,办事效率,一次性告知到位,办事环境,廉洁办事';

function surveyCsv(count: number, edit?: (i: number, cells: string[]) => void, month = '10'): ImportFile {
  const lines = [HEADER];
  for (let i = 1; i <= count; i++) {
    const cells = [
      `Q-${i}`,
      i % 2 ? 'P01' : 'P02',
      `2026-${month}-${String((i % 28) + 1).padStart(2, '0')}`,
      '现场',
      i % 3 ? '' : `SP${i}`,
      String((i % 5) + 1),
      '4',
      '4',
      '5',
      '3',
      '4',
      '5'
    ];
    edit?.(i, cells);
    lines.push(cells.join(','));
  }
  return {
    name: `问卷-${count}.csv`,
    bytes: new TextEncoder().encode('\uFEFF' + lines.join('\r\n') + '\r\n')
  };
}

async function round(month: string, firmCode: string, leader: Actor) {
  const checked = checkRoundForm({ month, firmCode, firmName: `${firmCode} 公司` });
  if (!('input' in checked)) throw new Error(JSON.stringify(checked.errors));
  const outcome = await createRound(t.db, leader, checked.input);
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.errors));
  return outcome.id;
}

const surveys = (roundId: number) =>
  t.db
    .selectFrom('evaluation_surveys')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('round_id', '=', roundId)
    .executeTakeFirstOrThrow()
    .then((r) => r.n);

async function importFile(roundId: number, file: ImportFile, validOnly = false) {
  const report = await previewImport(t.db, firmA, roundId, 'survey', file, TODAY);
  return {
    report,
    outcome: await confirmImport(t.db, firmA, roundId, 'survey', file, {
      today: TODAY,
      previewed: report.sha256,
      validOnly
    })
  };
}

beforeAll(async () => {
  t = await createTestDatabases();
  await insertReferenceWorld(t.sourceWriter);
  await syncOnce(t);
  const l = await addUser(t.db, { login: 'boss', roles: ['leader'] });
  const a = await addUser(t.db, { login: 'eva', roles: ['evaluator'], firmCode: 'FA' });
  const b = await addUser(t.db, { login: 'evb', roles: ['evaluator'], firmCode: 'FB' });
  const leader = { userId: l, login: 'boss', roles: ['leader'] };
  firmA = { userId: a, login: 'eva', roles: ['evaluator'], firmCode: 'FA' };
  firmB = { userId: b, login: 'evb', roles: ['evaluator'], firmCode: 'FB' };
  october = await round('2026-10', 'FA', leader);
  september = await round('2026-09', 'FA', leader);
});
afterAll(() => t?.destroy());

describe('bulk import of questionnaires', () => {
  it('previews without storing, then stores every row in one transaction with one audit entry', async () => {
    const file = surveyCsv(120);
    const report = await previewImport(t.db, firmA, october, 'survey', file, TODAY);
    expect(report).toMatchObject({
      ok: true,
      total: 120,
      valid: 120,
      errorRows: 0,
      skipped: 0,
      encoding: 'UTF-8'
    });
    expect(await surveys(october)).toBe(0);

    const { outcome } = await importFile(october, file);
    expect(outcome).toMatchObject({ ok: true, stored: 120, skipped: 0, leftOut: 0 });
    const tx = await sql<{
      n: number;
    }>`SELECT count(DISTINCT xmin::text)::int AS n FROM evaluation_surveys WHERE round_id = ${october}`.execute(
      t.db
    );
    expect(tx.rows[0].n).toBe(1);
    const audit = await t.db
      .selectFrom('audit_log')
      .select(['action', 'entity', 'after'])
      .where('action', '=', 'evaluation.import')
      .execute();
    expect(audit).toEqual([
      {
        action: 'evaluation.import',
        entity: 'evaluation_surveys',
        after: expect.objectContaining({ sha256: sha256Of(file.bytes), rows: 120, stored: 120, skipped: 0 })
      }
    ]);
  });

  it('stores nothing twice when the same file (or a longer one) is imported again', async () => {
    const { report, outcome } = await importFile(october, surveyCsv(120));
    expect(report).toMatchObject({ ok: true, valid: 0, skipped: 120 });
    expect(outcome).toMatchObject({ ok: true, stored: 0, skipped: 120 });
    expect(await importFile(october, surveyCsv(130))).toMatchObject({
      outcome: { ok: true, stored: 10, skipped: 120 }
    });
    expect(await surveys(october)).toBe(130);
  });

  it('stores nothing from a file with errors unless the valid rows only are asked for', async () => {
    const file = surveyCsv(
      20,
      (i, cells) => {
        if (i === 7) cells[5] = '9';
        if (i === 9) cells[1] = 'P99';
      },
      '09'
    );
    const { report, outcome } = await importFile(september, file);
    expect(report).toMatchObject({
      ok: true,
      valid: 18,
      errorRows: 2,
      issues: [
        { row: 8, column: '总体满意度', message: '请选择“总体满意度”的满意程度' },
        { row: 10, column: '服务点编码', message: '服务点“P99”不存在，请从列表中选择' }
      ]
    });
    expect(outcome).toMatchObject({ ok: false, error: expect.stringContaining('仅导入无误的 18 行') });
    expect(await surveys(september)).toBe(0);
    expect((await importFile(september, file, true)).outcome).toMatchObject({
      ok: true,
      stored: 18,
      leftOut: 2
    });
    expect(await surveys(september)).toBe(18);
  });

  it('stores nothing from a refused file, a changed file or a different record under a taken number', async () => {
    const whole = surveyCsv(30, (i, cells) => (cells[0] = `R-${i}`), '09');
    const cut = { name: 'cut.csv', bytes: whole.bytes.subarray(0, whole.bytes.length - 9) };
    const refused = await importFile(september, cut, true);
    expect(refused.report).toMatchObject({ ok: false, error: expect.stringContaining('被截断') });
    expect(refused.outcome).toMatchObject({ ok: false });
    const other = surveyCsv(3, (i, cells) => (cells[0] = `S-${i}`));
    expect(
      await confirmImport(t.db, firmA, september, 'survey', other, {
        today: TODAY,
        previewed: sha256Of(whole.bytes),
        validOnly: true
      })
    ).toMatchObject({
      ok: false,
      error: expect.stringContaining('不一致')
    });
    const changed = await importFile(
      september,
      surveyCsv(1, (_, cells) => (cells[5] = '1'), '09'),
      true
    );
    expect(changed.report).toMatchObject({
      issues: [{ row: 2, column: '记录编号', message: '已存在同编号记录，如需修改请使用更正' }]
    });
    expect(await surveys(september)).toBe(18);
  });

  it("refuses another firm's evaluator and a submitted round", async () => {
    await expect(previewImport(t.db, firmB, october, 'survey', surveyCsv(1), TODAY)).rejects.toMatchObject({
      status: 404
    });
    await expect(importFile(september, surveyCsv(1, undefined, '09'))).resolves.toMatchObject({
      outcome: { ok: true, stored: 0 }
    });
    expect(await submitRound(t.db, firmA, september)).toMatchObject({ ok: true });
    await expect(
      previewImport(t.db, firmA, september, 'survey', surveyCsv(25, undefined, '09'), TODAY)
    ).rejects.toMatchObject({ status: 409 });
    await expect(
      confirmImport(t.db, firmA, september, 'survey', surveyCsv(25), {
        today: TODAY,
        previewed: '',
        validOnly: true
      })
    ).rejects.toMatchObject({ status: 409 });
    expect(await surveys(september)).toBe(18);
  });

  it('imports a 50,000-row questionnaire file', async () => {
    const file = surveyCsv(50_000, (i, cells) => (cells[0] = `B-${i}`));
    const started = performance.now();
    const { report, outcome } = await importFile(october, file);
    const seconds = (performance.now() - started) / 1000;
    console.log(
      `50,000-row survey CSV (${(file.bytes.length / 1e6).toFixed(1)} MB): preview + confirm ${seconds.toFixed(1)} s`
    );
    expect(report).toMatchObject({ ok: true, total: 50_000, valid: 50_000 });
    expect(outcome).toMatchObject({ ok: true, stored: 50_000 });
    expect(await surveys(october)).toBe(50_130);
  }, 120_000);
});
