import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/lib/server/audit/audit.repository';
import { loadNoticeFigures } from '../../src/lib/server/case-audits/audit-overview.repository';
import { loadAuditOverview, loadPeriodFiles } from '../../src/lib/server/case-audits/audit-overview.service';
import { bureauToday } from '../../src/lib/server/case-clock/bureau-date';
import { addDays } from '../../src/lib/kpis/periods';
import { listNotices, sectionIdsForCodes } from '../../src/lib/server/rectification/notices.repository';
import {
  issueNotice,
  respond,
  review,
  type Responder
} from '../../src/lib/server/rectification/rectification.service';
import { caseNo, drawAndReview, insertAuditCases, type AuditWorld } from '../helpers/audit-world';
import { createTestDatabases, type TestDatabases } from '../helpers/test-databases';
import { addUser } from '../helpers/users';

// The inspectors' overview on the world of tests/helpers/audit-world.ts (drawn today), and
// rectification notices issued around National Day 2025 (10-01..08 off, Sat 10-11 a make-up
// working day), counted for October on two "todays": 10-22 and 10-23.

let t: TestDatabases;
let world: AuditWorld;
let inspector: Actor;
let heads: Record<'S01' | 'S02', Responder>;
const today = bureauToday();
const at = (local: string) => new Date(`${local}+08:00`);
const OCTOBER = { from: '2025-10-01', to: '2025-10-31' };
/** Notice ids: N1 … N6 as issued below. */
const N: Record<number, number> = {};

async function issue(n: number, section: 'S01' | 'S02', deadlineDays: number, now: string) {
  const outcome = await issueNotice(
    t.db,
    inspector,
    {
      sourceKind: 'review',
      sourceRef: String(world.reviewIds[n <= 3 ? n : 5]),
      addresseeKind: 'section',
      addresseeCode: section,
      deadlineDays,
      defects: `问题 ${n}`
    },
    at(now)
  );
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.errors));
  N[n] = outcome.id;
}

async function verify(n: number, section: 'S01' | 'S02', responded: string, verified: string) {
  expect((await respond(t.db, heads[section], N[n], '已整改', null, at(responded))).ok).toBe(true);
  expect((await review(t.db, inspector, N[n], 'verified', '整改到位', at(verified))).ok).toBe(true);
}

beforeAll(async () => {
  t = await createTestDatabases();
  await insertAuditCases(t);
  const a = await addUser(t.db, { login: 'a.insp', roles: ['inspector'] });
  await addUser(t.db, { login: 'b.insp', roles: ['inspector'] });
  inspector = { userId: a, login: 'a.insp', roles: ['inspector'] };
  world = await drawAndReview(t, inspector);
  const head = async (code: 'S01' | 'S02'): Promise<Responder> => {
    const login = `head.${code.toLowerCase()}`;
    const id = await addUser(t.db, { login, roles: ['section_head'], sectionCodes: [code] });
    return { userId: id, login, roles: ['section_head'], sectionCodes: [code], staffNo: null };
  };
  heads = { S01: await head('S01'), S02: await head('S02') };

  // N1 09-30, 10 WD → 10-21, verified 10-21 17:00: in October, on its deadline day (on time).
  await issue(1, 'S01', 10, '2025-09-30T10:00:00');
  await verify(1, 'S01', '2025-10-09T10:00:00', '2025-10-21T17:00:00');
  // N2 10-09, 1 WD → 10-10, verified 10-13: in October, late.
  await issue(2, 'S01', 1, '2025-10-09T10:00:00');
  await verify(2, 'S01', '2025-10-10T10:00:00', '2025-10-13T09:00:00');
  // N3 10-09, 10 WD → 10-22 (10-11 counts): open, overdue from 10-23.
  await issue(3, 'S02', 10, '2025-10-09T11:00:00');
  // N4 09-29, 5 WD → 10-13: open, overdue, issued in September.
  await issue(4, 'S02', 5, '2025-09-29T10:00:00');
  // N5 10-31 23:30 and N6 11-01 00:30, bureau time: only N5 is issued in October.
  await issue(5, 'S01', 10, '2025-10-31T23:30:00');
  await issue(6, 'S01', 10, '2025-11-01T00:30:00');
});
afterAll(() => t?.destroy());

describe('the inspectors overview', () => {
  it('counts the draws and files of the period by draw date', async () => {
    const overview = await loadAuditOverview(t.db, { from: today, to: today }, today);
    expect(overview.draws.map((d) => d.id)).toEqual([world.drawId]);
    expect(overview.draws[0]).toMatchObject({ population_size: 7, sample_size: 7 });
    const f = overview.figures;
    expect([f.drawn, f.reviewed, f.pending]).toEqual([7, 6, 1]);
    expect(f.bins).toEqual([1, 0, 0, 0, 1, 1, 0, 0, 1, 2]);

    const before = await loadAuditOverview(t.db, { from: '2025-01-01', to: addDays(today, -1) }, today);
    expect(before.draws).toEqual([]);
    expect([before.figures.drawn, before.figures.defectRate.interval]).toEqual([0, null]);
  });

  it('gives each section its mean and bands; the correction, not the draft, counts', async () => {
    const { figures } = await loadAuditOverview(t.db, { from: today, to: today }, today);
    const [s01, s02] = figures.sections;
    expect(figures.sections.map((s) => s.sectionCode)).toEqual(['S01', 'S02']);
    expect(s01).toMatchObject({
      sectionName: '市场准入科',
      drawn: 4,
      reviewed: 3,
      excellent: 1,
      pass: 1,
      fail: 1
    });
    expect(s01.mean).toBeCloseTo((100 + 88 + 0) / 3, 12);
    expect(s02).toMatchObject({
      sectionName: '建设审批科',
      drawn: 3,
      reviewed: 3,
      excellent: 1,
      pass: 0,
      fail: 2
    });
    expect(s02.mean).toBeCloseTo((45 + 90 + 59.5) / 3, 12);
  });

  it('estimates the defect rate, 3 不合格 of 6, with the Wilson bounds', async () => {
    const { defectRate } = (await loadAuditOverview(t.db, { from: today, to: today }, today)).figures;
    expect([defectRate.defects, defectRate.reviewed]).toEqual([3, 6]);
    expect(defectRate.interval?.estimate).toBe(0.5);
    expect(defectRate.interval?.lower).toBeCloseTo(0.187616, 6);
    expect(defectRate.interval?.upper).toBeCloseTo(0.812384, 6);
  });

  it('lists the files behind a figure: by band and section, and those still to review', async () => {
    const period = { from: today, to: today };
    const list = async (filter: Parameters<typeof loadPeriodFiles>[2]) =>
      (await loadPeriodFiles(t.db, period, filter)).files.map((f) => [f.caseNo, f.review?.score ?? null]);
    expect(await list({ status: 'reviewed', band: 'fail' })).toEqual(
      expect.arrayContaining([
        [caseNo(3), 0],
        [caseNo(5), 45],
        [caseNo(7), 59.5]
      ])
    );
    expect(await list({ status: 'reviewed', band: 'fail', section: 'S02' })).toHaveLength(2);
    expect(await list({ status: 'pending' })).toEqual([[caseNo(4), null]]);
    const corrected = (await loadPeriodFiles(t.db, period, { status: 'all' })).files.find(
      (f) => f.caseNo === caseNo(7)
    );
    expect(corrected?.review).toMatchObject({
      id: world.reviewIds[7],
      band: 'fail',
      reviewerName: expect.any(String)
    });
  });
});

describe('the notice figures', () => {
  it('counts October by bureau-local days: issued, verified, verified on time', async () => {
    const figures = await loadNoticeFigures(t.db, OCTOBER, '2025-10-22');
    expect(figures).toEqual({
      issued: 3, // N2, N3, N5 (not N1, N4 in September, nor N6 on 11-01 00:30)
      verified: 2, // N1, N2
      verifiedOnTime: 1, // N1, on its deadline day
      overdueNow: 1, // N4; N3's deadline is today
      overdueIssuedInPeriod: 0
    });
  });

  it('makes a notice overdue on the day after its deadline', async () => {
    const figures = await loadNoticeFigures(t.db, OCTOBER, '2025-10-23');
    expect([figures.overdueNow, figures.overdueIssuedInPeriod]).toEqual([2, 1]);
  });

  it('filters the notice list as the figures count, within the scope', async () => {
    const ids = async (...args: Parameters<typeof listNotices> extends [unknown, ...infer R] ? R : never) =>
      (await listNotices(t.db, ...args)).map((n) => n.id);
    expect(await ids('all', 'all', '2025-10-23', { issued: OCTOBER })).toEqual([N[5], N[3], N[2]]);
    expect(await ids('all', 'verified', '2025-10-23', { verified: OCTOBER })).toEqual([N[2], N[1]]);
    expect(await ids('all', 'verified', '2025-10-23', { verified: OCTOBER, onTime: true })).toEqual([N[1]]);
    expect(await ids('all', 'overdue', '2025-10-23', {})).toEqual([N[4], N[3]]);
    const s02 = { sectionIds: await sectionIdsForCodes(t.db, ['S02']) };
    expect(await ids(s02, 'all', '2025-10-23', { issued: OCTOBER })).toEqual([N[3]]);
    expect(await ids(s02, 'verified', '2025-10-23', { verified: OCTOBER })).toEqual([]);
  });
});
