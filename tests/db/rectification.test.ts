import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/lib/server/audit/audit.repository';
import { loadRectifiedBadRatings } from '../../src/lib/server/kpis/bad-rating-rectification.repository';
import { loadKpiCounts } from '../../src/lib/server/kpis/kpis.repository';
import { checkNoticeForm, type NoticeInput } from '../../src/lib/server/rectification/notice-form';
import { listNotices, sectionIdsForCodes } from '../../src/lib/server/rectification/notices.repository';
import {
  issueNotice,
  RectificationError,
  respond,
  review,
  type Responder
} from '../../src/lib/server/rectification/rectification.service';
import { insertCase, insertReferenceWorld, syncOnce } from '../helpers/sync-fixtures';
import { createTestDatabases, type TestDatabases } from '../helpers/test-databases';
import { addUser } from '../helpers/users';

// Rectification notices: deadlines in working days from the seeded calendar, the state
// machine (a rejected response returns the notice to issued), overdue on a given day,
// insert-only tables, section scope and the bad-rating KPI counts.

let t: TestDatabases;
let inspector: Actor;
let head: Responder;
let otherHead: Responder;

const at = (local: string) => new Date(`${local}+08:00`);

async function addRating(id: number, level: number, ratedAt: string, windowId = 1) {
  await t.db
    .insertInto('ratings')
    .values({
      id,
      case_id: null,
      staff_id: null,
      window_id: windowId,
      level,
      channel: 'hall_device',
      rated_at: ratedAt,
      comment: null,
      region_code: '510107',
      updated_at: ratedAt
    })
    .execute();
}

function input(overrides: Partial<NoticeInput>): NoticeInput {
  return {
    sourceKind: 'rating',
    sourceRef: '1',
    addresseeKind: 'window',
    addresseeCode: 'W01',
    deadlineDays: 10,
    defects: '窗口服务态度生硬',
    ...overrides
  };
}

async function issue(overrides: Partial<NoticeInput>, now: Date): Promise<number> {
  const outcome = await issueNotice(t.db, inspector, input(overrides), now);
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.errors));
  return outcome.id;
}

beforeAll(async () => {
  t = await createTestDatabases();
  await insertReferenceWorld(t.sourceWriter);
  await insertCase(t.sourceWriter, { id: 1 });
  expect((await syncOnce(t)).rowsQuarantined).toBe(0);
  await t.db
    .insertInto('sections')
    .values({ id: 2, code: 'S02', name: '社会事务科', updated_at: new Date() })
    .execute();
  await t.db
    .insertInto('windows')
    .values({
      id: 3,
      code: 'W03',
      name: '社会事务窗口',
      service_point_id: 1,
      section_id: 2,
      updated_at: new Date()
    })
    .execute();
  const i = await addUser(t.db, { login: 'insp', roles: ['inspector'] });
  const h = await addUser(t.db, { login: 'head', roles: ['section_head'], sectionCodes: ['S01'] });
  const o = await addUser(t.db, { login: 'head2', roles: ['section_head'], sectionCodes: ['S02'] });
  inspector = { userId: i, login: 'insp', roles: ['inspector'] };
  head = { userId: h, login: 'head', roles: ['section_head'], sectionCodes: ['S01'], staffNo: null };
  otherHead = { userId: o, login: 'head2', roles: ['section_head'], sectionCodes: ['S02'], staffNo: null };
  await addRating(1, 1, '2025-09-29T10:00:00+08:00');
  await addRating(2, 2, '2025-09-29T11:00:00+08:00');
  await addRating(3, 5, '2025-09-29T12:00:00+08:00');
  await addRating(4, 1, '2025-09-30T23:30:00+08:00', 3);
  await addRating(5, 2, '2025-10-01T00:30:00+08:00'); // outside September, bureau time
});
afterAll(() => t?.destroy());

describe('rectification notices', () => {
  it('checks the form field by field, in Chinese', () => {
    const checked = checkNoticeForm({
      sourceKind: 'x',
      sourceRef: 'abc',
      addresseeKind: '',
      addresseeCode: ' ',
      deadlineDays: '0',
      defects: ''
    });
    expect(checked).toEqual({
      errors: {
        sourceKind: '请选择整改来源',
        sourceRef: '请填写来源记录的编号（数字）',
        addresseeKind: '请选择整改对象类型',
        addresseeCode: '请填写整改对象的代码（科室代码、窗口代码或工号）',
        deadlineDays: '整改期限须为 1 至 60 个工作日',
        defects: '请写明需要整改的问题'
      }
    });
  });

  it('refuses a good rating, an unknown addressee and a case not overdue', async () => {
    const now = at('2025-09-30T10:00:00');
    expect(await issueNotice(t.db, inspector, input({ sourceRef: '3' }), now)).toEqual({
      ok: false,
      errors: { sourceRef: '只能对差评（1–2 星）下发整改通知' }
    });
    expect(await issueNotice(t.db, inspector, input({ addresseeCode: 'W99' }), now)).toEqual({
      ok: false,
      errors: { addresseeCode: '未找到该窗口代码' }
    });
    const c = await issueNotice(
      t.db,
      inspector,
      input({ sourceKind: 'overdue_case', sourceRef: '510107-TEST-000001' }),
      now
    );
    expect(c).toEqual({ ok: false, errors: { sourceRef: '该办件未超过法定时限' } });
  });

  it('sets the deadline in working days across National Day 2025, with an audit entry', async () => {
    const id = await issue({}, at('2025-09-30T10:00:00'));
    const row = await t.db
      .selectFrom('rectification_notices')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    // 10-01..08 off, 10-11 (Saturday) a make-up working day: 9, 10, 11, 13–17, 20, 21.
    expect(row).toMatchObject({ deadline_on: '2025-10-21', section_id: 1, rating_id: '1' });
    const audit = await t.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity', '=', 'rectification_notice')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['rectification.issue']);
  });

  it('returns a rejected response to issued, then verifies; only the addressee responds', async () => {
    const id = await issue({ sourceRef: '2' }, at('2025-09-30T10:00:00'));
    await expect(respond(t.db, otherHead, id, '已整改', null)).rejects.toThrow(RectificationError);
    expect(await review(t.db, inspector, id, 'verified', '好')).toEqual({
      ok: false,
      error: '该通知尚未回复，不能核验'
    });
    expect((await respond(t.db, head, id, ' ', null)).ok).toBe(false);
    const evidence = { filename: '整改.txt', contentType: 'text/plain', bytes: Buffer.from('done') };
    expect((await respond(t.db, head, id, '已组织培训', evidence, at('2025-10-09T10:00:00'))).ok).toBe(true);
    const state = async () =>
      (
        await t.db
          .selectFrom('rectification_notice_states')
          .select('state')
          .where('id', '=', id)
          .executeTakeFirstOrThrow()
      ).state;
    expect(await state()).toBe('responded');
    expect(
      (await review(t.db, inspector, id, 'rejected', '未附培训记录', at('2025-10-10T10:00:00'))).ok
    ).toBe(true);
    expect(await state()).toBe('issued');
    await expect(
      sql`INSERT INTO rectification_events (notice_id, kind, body, by_user_id)
      VALUES (${id}, 'verified', 'x', ${inspector.userId})`.execute(t.db)
    ).rejects.toThrow(/no response to verify/);
    expect((await respond(t.db, head, id, '补充培训记录', null, at('2025-10-13T10:00:00'))).ok).toBe(true);
    expect((await review(t.db, inspector, id, 'verified', '整改到位', at('2025-10-21T17:00:00'))).ok).toBe(
      true
    );
    expect(await state()).toBe('verified');
    expect((await respond(t.db, head, id, '再次回复', null)).ok).toBe(false);
  });

  it('lists a notice as overdue from the working day after its deadline', async () => {
    const ids = async (today: string) => (await listNotices(t.db, 'all', 'overdue', today)).map((n) => n.id);
    const [first] = await t.db.selectFrom('rectification_notices').select('id').orderBy('id').execute();
    expect(await ids('2025-10-21')).toEqual([]);
    expect(await ids('2025-10-22')).toEqual([first.id]);
    const all = await listNotices(t.db, 'all', 'all', '2025-10-22');
    expect(all.map((n) => [n.state, n.overdue])).toEqual([
      ['verified', false],
      ['issued', true]
    ]);
  });

  it('refuses UPDATE, DELETE and TRUNCATE to the app role', async () => {
    await expect(sql`UPDATE rectification_notices SET defects = 'x'`.execute(t.db)).rejects.toThrow(
      /insert-only/
    );
    await expect(sql`UPDATE rectification_events SET body = 'x'`.execute(t.db)).rejects.toThrow(
      /permission denied/
    );
    for (const table of ['rectification_notices', 'rectification_events'] as const) {
      await expect(sql`DELETE FROM ${sql.table(table)}`.execute(t.db)).rejects.toThrow(
        /permission denied|insert-only/
      );
      await expect(sql`TRUNCATE ${sql.table(table)} CASCADE`.execute(t.db)).rejects.toThrow(
        /permission denied|insert-only/
      );
    }
  });

  it('shows section heads only their sections', async () => {
    await issue({ sourceRef: '4', addresseeCode: 'W03' }, at('2025-10-09T10:00:00'));
    const mine = await listNotices(
      t.db,
      { sectionIds: await sectionIdsForCodes(t.db, ['S01']) },
      'all',
      '2025-10-09'
    );
    const theirs = await listNotices(
      t.db,
      { sectionIds: await sectionIdsForCodes(t.db, ['S02']) },
      'all',
      '2025-10-09'
    );
    expect(mine.map((n) => n.section_code)).toEqual(['S01', 'S01']);
    expect(theirs.map((n) => n.addressee_code)).toEqual(['W03']);
    expect(await listNotices(t.db, { sectionIds: [] }, 'all', '2025-10-09')).toEqual([]);
  });

  it('counts bad ratings, rectified and rectified on time, each rating once', async () => {
    // Rating 1: open notice; rating 2: verified on its deadline day (on time); rating 4
    // (S02): a second notice verified after its deadline.
    const late = await issue(
      { sourceRef: '4', addresseeCode: 'W03', deadlineDays: 1 },
      at('2025-10-09T10:00:00')
    );
    expect((await respond(t.db, otherHead, late, '已整改', null)).ok).toBe(true);
    expect((await review(t.db, inspector, late, 'verified', '迟到的整改')).ok).toBe(true);
    const september = { from: '2025-09-01', to: '2025-09-30' };
    const cut = (sections: number[] | null) => ({ sections, members: {} });
    expect(await loadRectifiedBadRatings(t.db, september, cut(null))).toEqual({
      rectified: 2,
      rectifiedOnTime: 1
    });
    expect(await loadRectifiedBadRatings(t.db, september, cut([1]))).toEqual({
      rectified: 1,
      rectifiedOnTime: 1
    });
    expect(await loadRectifiedBadRatings(t.db, september, cut([]))).toEqual({
      rectified: 0,
      rectifiedOnTime: 0
    });
    // The figures: three bad ratings in September, two rectified, one by its deadline.
    const counts = await loadKpiCounts(t.db, september, cut(null));
    expect([counts.badRatings, counts.badRatingsRectified, counts.badRatingsRectifiedOnTime]).toEqual([
      3, 2, 1
    ]);
  });
});
