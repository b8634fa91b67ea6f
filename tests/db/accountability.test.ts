import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AccountabilityError,
  decide,
  propose,
  suggestionFor
} from '../../src/lib/server/accountability/accountability.service';
import { countPending, listPending } from '../../src/lib/server/accountability/pending.repository';
import { checkRecordForm, type RecordInput } from '../../src/lib/server/accountability/record-form';
import {
  countDecidedByLevel,
  findRecord,
  listRecords
} from '../../src/lib/server/accountability/records.repository';
import type { Actor } from '../../src/lib/server/audit/audit.repository';
import { reviewOneKpiFile } from '../helpers/audit-plan';
import { loadKpiWorld } from '../helpers/kpi-world';
import { createTestDatabases, type TestDatabases } from '../helpers/test-databases';
import { addUser } from '../helpers/users';

// Accountability on the KPI world (evaluated 2025-10-10): case 5 is past its statutory
// deadline, complaint 1 (case 2, handled by E001) is substantiated, and a drawn file gets a
// review with a legality defect (score 0, 不合格). Each is pending until a record in force
// with a decision refers to it; records and decisions cannot be changed or removed.

let t: TestDatabases;
let inspector: Actor;
let leader: Actor;
let both: Actor;
let reviewId: number;
let drawnCaseNo: string;

const at = (local: string) => new Date(`${local}+08:00`);
const page = { limit: 50, offset: 0 };

function input(over: Partial<RecordInput>): RecordInput {
  return {
    staffNo: 'E001',
    grounds: 'overdue',
    groundsNote: null,
    level: 1,
    facts: '办件超过法定办理时限',
    basis: [{ kind: 'case', ref: '510107-TEST-000005' }],
    correctsId: null,
    ...over
  };
}

async function proposed(over: Partial<RecordInput>, now = at('2025-10-11T09:00:00')): Promise<number> {
  const outcome = await propose(t.db, inspector, input(over), now);
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.errors));
  return outcome.id;
}

beforeAll(async () => {
  t = await createTestDatabases();
  await loadKpiWorld(t);
  const i = await addUser(t.db, { login: 'insp', roles: ['inspector'] });
  const l = await addUser(t.db, { login: 'boss', roles: ['leader'] });
  inspector = { userId: i, login: 'insp', roles: ['inspector'] };
  leader = { userId: l, login: 'boss', roles: ['leader'] };
  ({ caseNo: drawnCaseNo, reviewId } = await reviewOneKpiFile(
    t.db,
    inspector,
    { title: '追责测试', seed: 'accountability-db' },
    [{ item: 'examination', deducted: 0, defect: '超越法定权限审批', legality: true }]
  ));
  // After the draw, so that the only inspector in the reviewer pool is insp.
  const b = await addUser(t.db, { login: 'both', roles: ['leader', 'inspector'] });
  both = { userId: b, login: 'both', roles: ['leader', 'inspector'] };
});
afterAll(() => t?.destroy());

describe('accountability', () => {
  it('checks the proposal form field by field, in Chinese', () => {
    const checked = checkRecordForm(
      { staffNo: ' ', grounds: 'other', groundsNote: '', level: '9', facts: '', basis: [], corrects: 'x' },
      { levels: [1, 2, 3, 4, 5, 6, 7], grounds: ['overdue', 'other'] }
    );
    expect(checked).toEqual({
      errors: {
        staffNo: '请填写被追责人员的工号',
        groundsNote: '事由为「其他」时请写明具体事由',
        level: '请选择建议的追责级别',
        facts: '请写明事实和理由',
        basis: '请至少填写一项依据（办件编号、评查、投诉或整改通知编号）',
        corrects: '更正的记录编号无效'
      }
    });
  });

  it('lists the overdue case, the 不合格 file and the substantiated complaint as pending', async () => {
    expect(await countPending(t.db)).toEqual({ case: 1, review: 1, complaint: 1 });
    const [c] = await listPending(t.db, 'case', page);
    expect(c).toMatchObject({ ref: '510107-TEST-000005', staffNo: 'E001', proposalId: null });
    const [r] = await listPending(t.db, 'review', page);
    expect(r).toMatchObject({
      ref: String(reviewId),
      caseNo: drawnCaseNo,
      staffNo: 'E001',
      proposalId: null
    });
    const [q] = await listPending(t.db, 'complaint', page);
    expect(q).toMatchObject({ ref: '1', caseNo: '510107-TEST-000002', staffNo: 'E001', proposalId: null });
  });

  it('refuses unknown people and references, and roles that may not propose or decide', async () => {
    expect(await propose(t.db, inspector, input({ staffNo: 'E999' }))).toEqual({
      ok: false,
      errors: { staffNo: '未找到该工号的工作人员' }
    });
    expect(await propose(t.db, inspector, input({ basis: [{ kind: 'complaint', ref: '2' }] }))).toEqual({
      ok: false,
      errors: { basis: '投诉 #2 未认定属实，不能作为追责依据' }
    });
    await expect(propose(t.db, leader, input({}))).rejects.toThrow(AccountabilityError);
    const id = await proposed({ level: 2 });
    await expect(
      decide(t.db, inspector, id, { outcome: 'declined', level: null, reason: 'x' })
    ).rejects.toThrow(/只有局领导/);
    // Cleaned up through a correction that is then declined (nothing can be deleted).
    const fix = await proposed({ correctsId: id, facts: '误录' });
    expect((await decide(t.db, leader, fix, { outcome: 'declined', level: null, reason: '误录' })).ok).toBe(
      true
    );
    // A declined record resolves the case too: propose again below for the rest of the tests.
    expect((await countPending(t.db)).case).toBe(0);
  });

  it('keeps an item pending with a proposal alone and drops it once decided', async () => {
    await proposed({ correctsId: (await listRecords(t.db, allRecords, page)).rows[0].id });
    expect((await countPending(t.db)).case).toBe(1);
    const [waiting] = await listPending(t.db, 'case', page);
    expect(waiting.proposalId).not.toBeNull();
    const reviewRecord = await proposed({
      grounds: 'illegal_approval',
      level: 3,
      basis: [{ kind: 'review', ref: String(reviewId) }]
    });
    const complaintRecord = await proposed({
      grounds: 'substantiated_complaint',
      basis: [{ kind: 'complaint', ref: '1' }]
    });
    expect(await countPending(t.db)).toEqual({ case: 1, review: 1, complaint: 1 });
    expect((await listPending(t.db, 'review', page))[0].proposalId).toBe(reviewRecord);

    const decideAt = at('2025-10-12T10:00:00');
    expect(
      await decide(
        t.db,
        leader,
        waiting.proposalId!,
        { outcome: 'decided', level: 2, reason: '同意' },
        decideAt
      )
    ).toEqual({
      ok: true,
      decisionId: expect.any(Number)
    });
    expect(
      (await decide(t.db, leader, reviewRecord, { outcome: 'decided', level: 3, reason: '同意' }, decideAt))
        .ok
    ).toBe(true);
    expect(
      (
        await decide(
          t.db,
          leader,
          complaintRecord,
          { outcome: 'declined', level: null, reason: '已调离' },
          decideAt
        )
      ).ok
    ).toBe(true);
    expect(await countPending(t.db)).toEqual({ case: 0, review: 0, complaint: 0 });
    expect(
      await decide(t.db, leader, reviewRecord, { outcome: 'declined', level: null, reason: '再议' })
    ).toEqual({
      ok: false,
      error: '该记录已作出决定'
    });
  });

  it('suggests one level up after a decided record of the same grounds', async () => {
    const s = await suggestionFor(t.db, 1, 'overdue', '2025-10-20');
    expect(s.level).toBe(3);
    expect(s.label).toBe('通报批评');
    expect(s.reason).toBe(
      '同一事由12个月内已有 1 次已决定的追责（最高第 2 级「警示谈话」），建议提高一级：第 3 级「通报批评」'
    );
    expect((await suggestionFor(t.db, 1, 'failed_file', '2025-10-20')).level).toBe(1);
    expect((await suggestionFor(t.db, 1, 'illegal_approval', '2025-10-20')).level).toBe(4);
    expect((await suggestionFor(t.db, 1, 'overdue', '2026-10-13')).level).toBe(1);
  });

  it('corrects a decided record with a new one: the old is superseded and the case pending again', async () => {
    const decided = (await listRecords(t.db, { ...allRecords, state: 'decided', grounds: 'overdue' }, page))
      .rows[0];
    const fix = await proposed({ correctsId: decided.id, level: 1, facts: '更正：应为警告提醒' });
    expect((await findRecord(t.db, decided.id))?.state).toBe('superseded');
    expect((await findRecord(t.db, fix))?.corrects_id).toBe(decided.id);
    expect((await countPending(t.db)).case).toBe(1);
    expect(await propose(t.db, inspector, input({ correctsId: decided.id }))).toEqual({
      ok: false,
      errors: { corrects: `该记录已被 #${fix} 更正，请更正最新的记录` }
    });
    // The one who proposed may not decide it, even holding both roles.
    const own = await propose(t.db, both, input({ correctsId: fix }), at('2025-10-13T09:00:00'));
    if (!own.ok) throw new Error('proposal refused');
    expect(await decide(t.db, both, own.id, { outcome: 'decided', level: 1, reason: '同意' })).toEqual({
      ok: false,
      error: '提出追责建议的人员不能决定同一记录'
    });
    expect(await decide(t.db, leader, fix, { outcome: 'decided', level: 1, reason: '同意' })).toEqual({
      ok: false,
      error: `该记录已被 #${own.id} 更正，不能再作决定`
    });
    await decide(
      t.db,
      leader,
      own.id,
      { outcome: 'decided', level: 1, reason: '同意' },
      at('2025-10-14T09:00:00')
    );
    expect((await countPending(t.db)).case).toBe(0);
  });

  it('counts decisions in force per level for bureau-local days', async () => {
    const counts = await countDecidedByLevel(t.db, { from: '2025-10-01', to: '2025-10-31' });
    expect(counts).toHaveLength(7);
    expect(counts.filter((c) => c.count > 0)).toEqual([
      { level: 1, label: '警告提醒', count: 1 },
      { level: 3, label: '通报批评', count: 1 }
    ]);
    expect(
      (await countDecidedByLevel(t.db, { from: '2025-10-15', to: '2025-10-31' })).every((c) => c.count === 0)
    ).toBe(true);
  });

  it('lists the records behind a count: decided at that level on those days', async () => {
    const decided = { ...allRecords, state: 'decided' as const, level: 3 };
    const october = { decidedFrom: '2025-10-01', decidedTo: '2025-10-31' };
    expect((await listRecords(t.db, { ...decided, ...october }, page)).total).toBe(1);
    expect(
      (await listRecords(t.db, { ...decided, decidedFrom: '2025-10-15', decidedTo: '2025-10-31' }, page))
        .total
    ).toBe(0);
    expect((await listRecords(t.db, { ...decided, level: 2, ...october }, page)).total).toBe(0);
  });

  it('writes every proposal, correction and decision to the audit trail', async () => {
    const actions = await t.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity', '=', 'accountability_record')
      .execute();
    const kinds = new Set(actions.map((a) => a.action));
    expect(kinds).toEqual(
      new Set([
        'accountability.propose',
        'accountability.correct',
        'accountability.decide',
        'accountability.decline'
      ])
    );
  });

  it("refuses the application's role any UPDATE or DELETE of records, basis and decisions", async () => {
    const updates = [
      sql`UPDATE accountability_records SET proposed_level = 7`,
      sql`UPDATE accountability_basis SET ref = 'X'`,
      sql`UPDATE accountability_decisions SET level = 7`
    ];
    // Records and basis keep the UPDATE privilege (foreign key checks of the rows they
    // reference need it, migration 20261126090000); their trigger refuses the UPDATE.
    for (const attempt of updates.slice(0, 2))
      await expect(attempt.execute(t.db)).rejects.toThrow(/is insert-only/);
    await expect(updates[2].execute(t.db)).rejects.toThrow(/permission denied/);
    for (const table of ['accountability_records', 'accountability_basis', 'accountability_decisions']) {
      await expect(sql`DELETE FROM ${sql.table(table)}`.execute(t.db)).rejects.toThrow(/permission denied/);
      await expect(sql`TRUNCATE ${sql.table(table)} CASCADE`.execute(t.db)).rejects.toThrow(
        /permission denied/
      );
    }
    const superuser = new pg.Client({ connectionString: t.urls.superuser(t.names.product) });
    await superuser.connect();
    try {
      await expect(superuser.query('UPDATE accountability_decisions SET level = 7')).rejects.toThrow(
        /is insert-only/
      );
      await expect(superuser.query('DELETE FROM accountability_basis')).rejects.toThrow(/is insert-only/);
      await expect(superuser.query('TRUNCATE accountability_records CASCADE')).rejects.toThrow(
        /is insert-only/
      );
    } finally {
      await superuser.end();
    }
    const decided = await t.db
      .selectFrom('accountability_decisions')
      .select(sql<number>`count(*)::int`.as('n'))
      .executeTakeFirstOrThrow();
    expect(decided.n).toBe(5);
  });
});

const allRecords = { state: 'all' as const, grounds: null, level: null, year: null, person: null };
