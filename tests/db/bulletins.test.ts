import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bulletinDraftJob, runBulletinDraft } from '../../jobs/bulletin-draft';
import type { Actor } from '../../src/lib/server/audit/audit.repository';
import {
  findBulletin,
  listBulletins,
  updateDraft
} from '../../src/lib/server/bulletins/bulletins.repository';
import {
  draftBulletin,
  editCommentary,
  publishBulletin,
  refreshBulletin
} from '../../src/lib/server/bulletins/bulletins.service';
import { correctBulletin } from '../../src/lib/server/bulletins/correction.service';
import { BulletinError } from '../../src/lib/server/bulletins/write-rules';
import { monthPeriod } from '../../src/lib/server/bulletins/month';
import { UNCUT } from '../../src/lib/server/kpis/kpi-filter';
import { loadCounts } from '../../src/lib/server/kpis/kpi.service';
import { runJob } from '../../src/lib/server/jobs/run-job';
import { loadKpiWorld } from '../helpers/kpi-world';
import { createTestDatabases, type TestDatabases } from '../helpers/test-databases';
import { addRoleUsers } from '../helpers/users';

// The monthly bulletin on the KPI world (tests/helpers/kpi-world.ts, September and October
// 2025; the seeded 2025 calendar has 10-01..10-08 off, so 10-09 is October's first
// working day): the job drafts once, a draft is refreshed not duplicated, publication
// numbers and freezes it, a correction takes the next number and refers to the original.

let t: TestDatabases;
let leader: Actor;
let inspector: Actor;
const PUBLISHED_AT = new Date('2025-10-10T02:00:00Z');

async function actor(login: string, roles: string[]): Promise<Actor> {
  const { id } = await t.db
    .selectFrom('users')
    .select('id')
    .where('login', '=', login)
    .executeTakeFirstOrThrow();
  return { userId: id, login, roles };
}

const bulletinRows = () =>
  t.db.selectFrom('bulletins').select(['id', 'status', 'corrects_id']).orderBy('id').execute();
const audits = (action: string) =>
  t.db
    .selectFrom('audit_log')
    .select(['entity_id', 'after'])
    .where('action', '=', action)
    .orderBy('seq')
    .execute();

beforeAll(async () => {
  t = await createTestDatabases();
  await loadKpiWorld(t);
  await addRoleUsers(t.db);
  leader = await actor('leader', ['leader']);
  inspector = await actor('inspector', ['inspector']);
});
afterAll(async () => t?.destroy());

describe('the bulletin-draft job', () => {
  it('does nothing before the first working day, even when the 1st has passed', async () => {
    for (const day of ['2025-10-01', '2025-10-08']) {
      const result = await runBulletinDraft(t.db, [], day);
      expect(result.rowsTouched).toBe(0);
      expect(result.message).toContain('不是本月第一个工作日');
    }
    expect(await bulletinRows()).toEqual([]);
  });

  it('drafts the month before on the first working day, once', async () => {
    const first = await runBulletinDraft(t.db, [], '2025-10-09');
    expect(first.message).toMatch(/^2025-09 通报（#\d+）已生成草稿$/);
    expect(await runBulletinDraft(t.db, [], '2025-10-10')).toMatchObject({ rowsTouched: 0 });
    const rows = await bulletinRows();
    expect(rows).toHaveLength(1);
    expect(rows[0].status).toBe('draft');
  });

  it('runs by hand for a given month under the job runner, recorded in job_runs', async () => {
    const outcome = await runJob(bulletinDraftJob, {
      db: t.db,
      source: t.source,
      trigger: 'manual',
      args: ['--month', '2025-08'],
      log: () => {}
    });
    expect(outcome.status).toBe('succeeded');
    const run = await t.db
      .selectFrom('job_runs')
      .selectAll()
      .where('id', '=', outcome.runId)
      .executeTakeFirstOrThrow();
    expect(run.message).toContain('2025-08 通报');
    await expect(runBulletinDraft(t.db, ['--month', '2025-13'], '2025-10-10')).rejects.toThrow(/--month/);
  });
});

describe('a draft', () => {
  it('is refreshed, not duplicated, when drafted again', async () => {
    const before = await bulletinRows();
    const again = await draftBulletin(t.db, leader, '2025-09', '2025-10-10');
    expect(again.outcome).toBe('refreshed');
    expect(await bulletinRows()).toEqual(before);
    expect((await audits('bulletin.draft')).length).toBe(2); // September and August
    expect((await audits('bulletin.refresh')).map((a) => a.entity_id)).toEqual([String(again.id)]);
  });

  it('holds every section, with the KPI service figures', async () => {
    const { id } = await draftBulletin(t.db, leader, '2025-09', '2025-10-10');
    const b = (await findBulletin(t.db, id))!;
    const statuses = Object.fromEntries(b.content.sections.map((s) => [s.key, s.status]));
    expect(statuses).toEqual({
      headline: 'ok',
      evaluation: 'unavailable',
      covert_visits: 'unavailable',
      overdue: 'ok',
      ratings: 'ok',
      audits: 'ok',
      rectification: 'ok',
      awards: 'unavailable',
      interviews: 'unavailable'
    });
    const headline = b.content.sections[0];
    if (headline.status !== 'ok') throw new Error('headline missing');
    const counts = await loadCounts(t.db, monthPeriod('2025-09'), UNCUT);
    const received = headline.tables[0].rows.find((r) => r.indicator === '收件量');
    expect(received?.current).toBe(counts.received);
    // By hand: case 2 (S01) concluded 09-30 past its promised date 09-28, case 3 on time.
    const overdue = b.content.sections.find((s) => s.key === 'overdue');
    if (overdue?.status !== 'ok') throw new Error('overdue missing');
    const row = (name: string) => overdue.tables[0].rows.find((r) => r.section === name);
    expect(row('市场准入科')).toMatchObject({ concluded: 2, lateConcluded: 1, statutoryLateConcluded: 0 });
    // Case 5 (S01) is past both deadlines now; 合计 adds the sections up.
    expect(row('市场准入科')).toMatchObject({ overdueOpen: 1, statutoryOverdueOpen: 1 });
    expect(row('合计')).toMatchObject({ concluded: 2, lateConcluded: 1 });
    const evaluation = b.content.sections[1];
    expect(evaluation.status === 'unavailable' && evaluation.reason).toContain('本月未安排第三方测评');
  });

  it('takes a leader’s commentary, not an inspector’s, and refuses one too long', async () => {
    const [{ id }] = await bulletinRows();
    expect(await editCommentary(t.db, leader, id, '  各科室要对超期办件逐件说明原因。 ')).toEqual({
      ok: true,
      id
    });
    expect((await findBulletin(t.db, id))?.commentary).toBe('各科室要对超期办件逐件说明原因。');
    await expect(editCommentary(t.db, inspector, id, 'x')).rejects.toMatchObject({ status: 403 });
    expect(await editCommentary(t.db, leader, id, 'x'.repeat(5001))).toMatchObject({ ok: false });
    const [entry] = await audits('bulletin.commentary');
    expect(entry.after).toEqual({ commentary: '各科室要对超期办件逐件说明原因。' });
  });
});

describe('a published bulletin', () => {
  let id: number;

  beforeAll(async () => {
    [{ id }] = await bulletinRows();
    await expect(publishBulletin(t.db, inspector, id, PUBLISHED_AT)).rejects.toBeInstanceOf(BulletinError);
    expect(await publishBulletin(t.db, leader, id, PUBLISHED_AT)).toEqual({ number: '2025年第1期' });
  });

  it('is numbered, found by number, month and words, and audited with its digest', async () => {
    const find = (terms: string[], publishedOnly = false) =>
      listBulletins(t.db, { terms, publishedOnly }).then((rows) => rows.map((r) => r.id));
    expect(await find(['第1期'])).toEqual([id]);
    expect(await find(['2025年9月', '逐件说明'])).toEqual([id]);
    expect(await find(['没有这个词'])).toEqual([]);
    expect((await listBulletins(t.db, { terms: [], publishedOnly: true })).map((r) => r.status)).toEqual([
      'published'
    ]);
    expect((await listBulletins(t.db, { terms: [], month: '2025-08', publishedOnly: false })).length).toBe(1);
    const [entry] = await audits('bulletin.publish');
    expect(entry.after).toMatchObject({
      number: '2025年第1期',
      contentSha256: expect.stringMatching(/^[0-9a-f]{64}$/)
    });
  });

  it('cannot be changed through the service', async () => {
    await expect(editCommentary(t.db, leader, id, '改')).rejects.toMatchObject({ status: 409 });
    await expect(refreshBulletin(t.db, leader, id, '2025-10-11')).rejects.toMatchObject({ status: 409 });
    await expect(publishBulletin(t.db, leader, id)).rejects.toMatchObject({ status: 409 });
    expect(await draftBulletin(t.db, leader, '2025-09', '2025-10-11')).toEqual({ id, outcome: 'published' });
    const b = (await findBulletin(t.db, id))!;
    expect(await updateDraft(t.db, id, { commentary: '改', searchText: '' })).toBe(false);
    expect(b.commentary).toBe('各科室要对超期办件逐件说明原因。');
    expect(b.content.asOf).toBe('2025-10-10');
  });

  it('cannot be updated, deleted or truncated through the app role', async () => {
    await expect(sql`UPDATE bulletins SET commentary = 'x' WHERE id = ${id}`.execute(t.db)).rejects.toThrow(
      /immutable/
    );
    await expect(sql`UPDATE bulletins SET status = 'draft' WHERE id = ${id}`.execute(t.db)).rejects.toThrow(
      /immutable/
    );
    await expect(sql`DELETE FROM bulletins WHERE id = ${id}`.execute(t.db)).rejects.toThrow(/immutable/);
    await expect(sql`TRUNCATE bulletins`.execute(t.db)).rejects.toThrow(/permission denied|truncated/);
  });

  it('is corrected by a new bulletin with the next number that refers to it', async () => {
    expect(await correctBulletin(t.db, leader, id, '  ', '2025-10-12')).toEqual({
      ok: false,
      errors: { note: '请说明更正的内容和原因' }
    });
    const outcome = await correctBulletin(t.db, leader, id, '第四部分超期件数有误', '2025-10-12');
    if (!outcome.ok) throw new Error(JSON.stringify(outcome.errors));
    expect(await correctBulletin(t.db, leader, id, '再次更正', '2025-10-12')).toEqual(outcome);
    const draft = (await findBulletin(t.db, outcome.id))!;
    expect(draft).toMatchObject({
      corrects_id: id,
      correction_note: '第四部分超期件数有误',
      month: '2025-09',
      commentary: '各科室要对超期办件逐件说明原因。',
      title: '2025年9月审批效能集中通报（更正）',
      corrects_year: 2025,
      corrects_seq: 1
    });
    expect(await publishBulletin(t.db, leader, outcome.id, PUBLISHED_AT)).toEqual({ number: '2025年第2期' });
    // A correction must refer to a published bulletin (the August draft is not).
    const august = (await bulletinRows()).find((r) => r.status === 'draft')!;
    await expect(
      sql`INSERT INTO bulletins (month, title, content, corrects_id, correction_note)
        VALUES ('2025-08-01', 'x', '{}', ${august.id}, 'x')`.execute(t.db)
    ).rejects.toThrow(/published bulletin/);
  });
});
