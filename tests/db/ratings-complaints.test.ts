import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCalendarFrom } from '../../src/lib/server/case-clock/calendar.repository';
import { complaintStats, groupComplaints } from '../../src/lib/server/complaints/complaint-figures';
import { loadComplaints } from '../../src/lib/server/complaints/complaints.repository';
import { resolveKpiFilter, UNCUT } from '../../src/lib/server/kpis/kpi-filter';
import { loadKpiCounts } from '../../src/lib/server/kpis/kpis.repository';
import { prefill } from '../../src/lib/server/rectification/prefill';
import { excludedRatingIds } from '../../src/lib/server/ratings/rating-marks.repository';
import { markRating, type MarkingUser } from '../../src/lib/server/ratings/rating-marks.service';
import { listBadRatings, loadRatingGroups } from '../../src/lib/server/ratings/ratings.repository';
import { loadKpiWorld, P1 } from '../helpers/kpi-world';
import { createTestDatabases, type TestDatabases } from '../helpers/test-databases';
import { addUser } from '../helpers/users';

// The rating and complaint pages' figures on the hand-made KPI world (tests/helpers/kpi-world.ts),
// the marks on bad ratings and the exclusions the appraisal reads.
//
// In P1 (09-22..10-09): R1 case 1 (W01, E001) level 5; R2 case 2 (W01, E001) level 1;
// R4 no case, W03 (S02) level 2; R5 no case, W02 (no section) level 3. R3 (10-10) is outside.
// Complaints in P1: C1 case 2 (W01, E001, S01) substantiated, received 09-30, closed 10-09
// (working days after 09-30 up to 10-09: only 10-09, the holiday being 10-01..10-08 → 1);
// C2 no case, W03 (S02), not substantiated, open.

let t: TestDatabases;
let leader: MarkingUser;
let inspector: MarkingUser;
let headS01: MarkingUser;
let headS02: MarkingUser;

const uncut = { sections: null, members: {} };
const byCode = <T extends { code: string | null }>(rows: T[]) => new Map(rows.map((r) => [r.code ?? '', r]));

beforeAll(async () => {
  t = await createTestDatabases();
  await loadKpiWorld(t);
  const user = async (login: string, roles: MarkingUser['roles'], scope: MarkingUser['scope']) => {
    const sectionCodes = scope === 'all' ? [] : [...scope];
    const userId = await addUser(t.db, { login, roles: [...roles], sectionCodes });
    return { userId, login, roles, scope };
  };
  leader = await user('leader', ['leader'], 'all');
  inspector = await user('insp', ['inspector'], 'all');
  headS01 = await user('head1', ['section_head'], ['S01']);
  headS02 = await user('head2', ['section_head'], ['S02']);
});
afterAll(() => t?.destroy());

describe('ratings by window and by person', () => {
  it('counts the hand-made world and agrees with the headline figures of each window', async () => {
    const windows = byCode(await loadRatingGroups(t.db, P1, uncut, 'window'));
    expect(windows.get('W01')).toMatchObject({ ratings: 2, good: 1, bad: 1, rectified: 0 });
    expect(windows.get('W02')).toMatchObject({ ratings: 1, good: 0, bad: 0 });
    expect(windows.get('W03')).toMatchObject({ ratings: 1, good: 0, bad: 1 });
    expect(windows.size).toBe(3);
    for (const code of ['W01', 'W02', 'W03']) {
      const counts = await loadKpiCounts(t.db, P1, await resolveKpiFilter(t.db, { window: code }, 'all'));
      const row = windows.get(code)!;
      expect([row.ratings, row.good, row.bad]).toEqual([
        counts.ratings,
        counts.goodRatings,
        counts.badRatings
      ]);
    }
    const staff = byCode(await loadRatingGroups(t.db, P1, uncut, 'staff'));
    expect(staff.get('E001')).toMatchObject({ ratings: 2, good: 1, bad: 1 });
    expect(staff.get('')).toMatchObject({ ratings: 2, good: 0, bad: 1 }); // R4, R5: nobody
    const total = await loadKpiCounts(t.db, P1, UNCUT);
    const sum = [...windows.values()].reduce((s, r) => s + r.ratings, 0);
    expect(sum).toBe(total.ratings);
  });

  it('lists the bad ratings of the period, and a section head only their section', async () => {
    const all = await listBadRatings(t.db, P1, uncut, { limit: 50, offset: 0 });
    expect(all.map((r) => [r.id, r.window_code, r.notice, r.mark])).toEqual([
      ['2', 'W01', 'none', 'none'],
      ['4', 'W03', 'none', 'none']
    ]);
    const s01 = await resolveKpiFilter(t.db, {}, ['S01']);
    expect((await listBadRatings(t.db, P1, s01, { limit: 50, offset: 0 })).map((r) => r.id)).toEqual(['2']);
    expect((await loadRatingGroups(t.db, P1, s01, 'window')).map((r) => r.code)).toEqual(['W01']);
    const s02 = await resolveKpiFilter(t.db, {}, ['S02']);
    expect((await listBadRatings(t.db, P1, s02, { limit: 50, offset: 0 })).map((r) => r.id)).toEqual(['4']);
  });
});

describe('marks on bad ratings', () => {
  it('follows who may mark what, and records each mark in the audit trail', async () => {
    const auditBefore = await t.db
      .selectFrom('audit_log')
      .select('seq')
      .where('entity', '=', 'rating')
      .execute();
    expect(auditBefore).toHaveLength(0);
    expect(await markRating(t.db, headS01, '2', { kind: 'verified', reason: null })).toMatchObject({
      ok: false,
      status: 403
    });
    expect(
      await markRating(t.db, headS02, '2', { kind: 'appealed_malicious', reason: '同一号码多次差评' })
    ).toMatchObject({ ok: false, status: 404 });
    expect(await markRating(t.db, headS01, '2', { kind: 'appealed_malicious', reason: ' ' })).toEqual({
      ok: false,
      status: 400,
      errors: { reason: '请写明申诉理由' }
    });
    expect(await markRating(t.db, leader, '1', { kind: 'verified', reason: null })).toEqual({
      ok: false,
      status: 400,
      errors: { kind: '只能标记差评（1–2 星）' }
    });
    expect(
      await markRating(t.db, headS01, '2', { kind: 'appealed_malicious', reason: '同一号码多次差评' })
    ).toMatchObject({ ok: true });
    // A section head never decides; an appeal is decided by someone other than the appellant.
    expect(await markRating(t.db, headS01, '2', { kind: 'appeal_accepted', reason: '成立' })).toMatchObject({
      ok: false,
      status: 403
    });
    expect(await markRating(t.db, inspector, '2', { kind: 'appeal_accepted', reason: '' })).toEqual({
      ok: false,
      status: 400,
      errors: { reason: '请写明裁定理由' }
    });
    expect(
      await markRating(t.db, inspector, '2', { kind: 'appeal_accepted', reason: '经核查系恶意评价' })
    ).toMatchObject({ ok: true });
    // Accepted is final.
    expect(await markRating(t.db, leader, '2', { kind: 'rectified', reason: null })).toMatchObject({
      ok: false
    });

    expect(await markRating(t.db, leader, '4', { kind: 'verified', reason: '已电话回访核实' })).toMatchObject(
      { ok: true }
    );
    expect(
      await markRating(t.db, leader, '4', { kind: 'appealed_mistaken', reason: '评价人误点' })
    ).toMatchObject({
      ok: true
    });
    expect(await markRating(t.db, leader, '4', { kind: 'appeal_rejected', reason: '自己裁定' })).toEqual({
      ok: false,
      status: 403,
      errors: { kind: '申诉须由申诉人以外的局领导或纪检监察人员裁定' }
    });
    expect(
      await markRating(t.db, inspector, '4', { kind: 'appeal_rejected', reason: '录音显示确有不满' })
    ).toMatchObject({ ok: true });
    // One appeal per rating; after a rejected appeal only 已整改 remains.
    expect(
      await markRating(t.db, headS02, '4', { kind: 'appealed_malicious', reason: '再申诉' })
    ).toMatchObject({
      ok: false,
      status: 400
    });
    expect(await markRating(t.db, headS02, '4', { kind: 'rectified', reason: '已约谈' })).toMatchObject({
      ok: true
    });

    const audit = await t.db
      .selectFrom('audit_log')
      .select(['action', 'entity_id'])
      .where('entity', '=', 'rating')
      .orderBy('seq')
      .execute();
    expect(audit.map((a) => `${a.entity_id}:${a.action}`)).toEqual([
      '2:rating.mark.appealed_malicious',
      '2:rating.mark.appeal_accepted',
      '4:rating.mark.verified',
      '4:rating.mark.appealed_mistaken',
      '4:rating.mark.appeal_rejected',
      '4:rating.mark.rectified'
    ]);
    const list = await listBadRatings(t.db, P1, uncut, { limit: 50, offset: 0 });
    expect(list.map((r) => r.mark)).toEqual(['appeal_accepted', 'rectified']);
    const appealed = await listBadRatings(t.db, P1, uncut, { mark: 'appeal_accepted', limit: 50, offset: 0 });
    expect(appealed.map((r) => r.id)).toEqual(['2']);
  });

  it('excludes exactly the ratings whose appeal was accepted', async () => {
    expect(await excludedRatingIds(t.db, P1)).toEqual(['2']);
    expect(await excludedRatingIds(t.db, { from: '2025-10-10', to: '2025-10-31' })).toEqual([]);
    const view = await t.db.selectFrom('rating_exclusions').select('rating_id').execute();
    expect(view.map((v) => String(v.rating_id))).toEqual(['2']);
  });

  it('refuses to update or delete a mark, or to skip the state machine, through the app role', async () => {
    await expect(sql`UPDATE rating_marks SET reason = 'x'`.execute(t.db)).rejects.toThrow(
      /permission denied|append-only/
    );
    await expect(sql`DELETE FROM rating_marks`.execute(t.db)).rejects.toThrow(
      /permission denied|append-only/
    );
    await expect(sql`TRUNCATE rating_marks`.execute(t.db)).rejects.toThrow(/permission denied|append-only/);
    await expect(
      sql`INSERT INTO rating_marks (rating_id, kind, reason, by_user_id) VALUES (99, 'appeal_accepted', 'x', ${leader.userId})`.execute(
        t.db
      )
    ).rejects.toThrow(/cannot be marked/);
    expect((await t.db.selectFrom('rating_marks').select('id').execute()).length).toBe(6);
  });
});

describe('complaints', () => {
  it('counts, closing time in working days, and the breakdowns match the headline figures', async () => {
    const calendar = await loadCalendarFrom(t.db);
    const rows = await loadComplaints(t.db, P1, uncut);
    const stats = complaintStats(rows, calendar);
    expect(stats).toEqual({
      received: 2,
      substantiated: 1,
      undetermined: 0,
      closed: 1,
      open: 1,
      meanClosingDays: 1,
      medianClosingDays: 1
    });
    const counts = await loadKpiCounts(t.db, P1, UNCUT);
    expect([stats.received, stats.substantiated, stats.closed]).toEqual([
      counts.complaints,
      counts.complaintsSubstantiated,
      counts.complaintsClosed
    ]);
    const windows = groupComplaints(rows, 'window', calendar).map((g) => [g.code, g.stats.received]);
    expect(windows).toEqual([
      ['W01', 1],
      ['W03', 1]
    ]);
    expect(groupComplaints(rows, 'staff', calendar).map((g) => [g.code, g.stats.received])).toEqual([
      ['', 1],
      ['E001', 1]
    ]);
    expect(groupComplaints(rows, 'source', calendar).map((g) => [g.code, g.stats.received])).toEqual([
      ['hotline', 2]
    ]);
  });

  it('shows a section head only their section', async () => {
    const s02 = await resolveKpiFilter(t.db, {}, ['S02']);
    expect((await loadComplaints(t.db, P1, s02)).map((c) => c.id)).toEqual(['2']);
    const s03 = await resolveKpiFilter(t.db, {}, ['S03']);
    expect(await loadComplaints(t.db, P1, s03)).toEqual([]);
  });

  it('prefills a rectification notice from a complaint', async () => {
    expect(await prefill(t.db, new URLSearchParams('complaint=2'))).toMatchObject({
      sourceKind: 'complaint',
      sourceRef: '2',
      addresseeKind: 'window',
      addresseeCode: 'W03'
    });
  });
});
