import { describe, expect, it } from 'vitest';
import { awards, flagsFromEvents, topShareRank } from '../../src/lib/server/appraisal/awards';
import { rank } from '../../src/lib/server/appraisal/ranking';
import type { RankInput } from '../../src/lib/server/appraisal/ranking';
import type { ScoreEventInput } from '../../src/lib/server/appraisal/score-types';

const person = (
  staffId: number,
  total: number,
  sectionCode = 'A',
  windowId: number | null = null
): RankInput => ({
  staffId,
  staffNo: `S${String(staffId).padStart(3, '0')}`,
  sectionCode,
  windowId,
  total
});
/** n people; person i (1-based) has 1000 − 5 × (i − 1) unless overridden. */
const staff = (n: number, totals: Record<number, number> = {}) =>
  Array.from({ length: n }, (_, i) => person(i + 1, totals[i + 1] ?? 1000 - 5 * i));
const starOf = (people: RankInput[], flags = [] as Parameters<typeof awards>[1]) =>
  awards(rank(people), flags, []).star;
const ids = (xs: { staffId: number }[]) => xs.map((x) => x.staffId);
const reasonsOf = (star: ReturnType<typeof starOf>, staffId: number) =>
  star.misses.find((m) => m.staffId === staffId)?.reasons.map((r) => r.reason);

describe('五星级服务明星: the top 10 %', () => {
  it('takes ranks up to ⌈10 % × the number scored⌉', () => {
    expect(topShareRank(20, 10)).toBe(2);
    expect(topShareRank(21, 10)).toBe(3);
    expect(topShareRank(30, 10)).toBe(3); // not 4: no 0.1 × 30 = 3.0000000000000004
    expect(topShareRank(5, 10)).toBe(1);
    expect(topShareRank(0, 10)).toBe(0);
  });

  it('awards everyone in the top 10 % with at least 950 points and no exclusion', () => {
    const star = starOf(staff(20));
    expect(star.limitRank).toBe(2);
    expect(ids(star.winners)).toEqual([1, 2]);
    expect(reasonsOf(star, 3)).toEqual(['全局排名第 3，未进入前 10%（前 2 名）']);
  });

  it('includes everyone tied at the boundary rank', () => {
    const star = starOf(staff(20, { 2: 995, 3: 995 }));
    expect(ids(star.winners)).toEqual([1, 2, 3]);
  });

  it('excludes a top person below 950 points', () => {
    const star = starOf(
      staff(20, { 1: 949.5, 2: 940 }).map((p) => (p.staffId > 2 ? { ...p, total: 900 } : p))
    );
    expect(star.winners).toEqual([]);
    expect(star.misses.find((m) => m.staffId === 1)?.reasons).toEqual([
      { code: 'below_min_total', reason: '得分 949.5，低于 950 分' }
    ]);
  });

  it('excludes a top person with a substantiated complaint in the month', () => {
    const star = starOf(staff(20), [{ staffId: 1, substantiatedComplaint: true, statutoryOverdue: false }]);
    expect(ids(star.winners)).toEqual([2]);
    expect(star.misses[0]).toEqual({
      staffId: 1,
      reasons: [{ code: 'substantiated_complaint', reason: '本月有属实投诉' }]
    });
  });

  it('excludes a top person with a case past its statutory deadline in the month', () => {
    const star = starOf(staff(20), [{ staffId: 2, substantiatedComplaint: false, statutoryOverdue: true }]);
    expect(ids(star.winners)).toEqual([1]);
    expect(reasonsOf(star, 2)).toEqual(['本月有办件超法定时限']);
  });

  it('does not give an excluded person’s place to the next in the ranking', () => {
    const star = starOf(staff(20), [{ staffId: 1, substantiatedComplaint: true, statutoryOverdue: true }]);
    expect(ids(star.winners)).toEqual([2]);
    expect(reasonsOf(star, 1)).toEqual(['本月有属实投诉', '本月有办件超法定时限']);
  });

  it('lists every reason a person missed', () => {
    const star = starOf(staff(20, { 20: 900 }), [
      { staffId: 20, substantiatedComplaint: true, statutoryOverdue: false }
    ]);
    expect(star.misses.find((m) => m.staffId === 20)?.reasons.map((r) => r.code)).toEqual([
      'not_top_share',
      'below_min_total',
      'substantiated_complaint'
    ]);
  });

  it('awards nobody in a month nobody was scored', () => {
    expect(starOf([])).toEqual({ limitRank: 0, winners: [], misses: [] });
  });
});

describe('flagsFromEvents', () => {
  const e = (staffId: number, ruleCode: string, extra: Partial<ScoreEventInput> = {}): ScoreEventInput => ({
    id: `${staffId}-${ruleCode}`,
    staffId,
    month: '2025-09',
    ruleCode,
    target: 'style',
    points: -30,
    status: 'effective',
    ...extra
  });

  it('flags a counting substantiated complaint and a counting statutory overdue', () => {
    expect(
      flagsFromEvents([
        e(1, 'substantiated_complaint'),
        e(2, 'statutory_overdue', { status: 'upheld' }),
        e(3, 'bad_rating')
      ])
    ).toEqual([
      { staffId: 1, substantiatedComplaint: true, statutoryOverdue: false },
      { staffId: 2, substantiatedComplaint: false, statutoryOverdue: true },
      { staffId: 3, substantiatedComplaint: false, statutoryOverdue: false }
    ]);
  });

  it('does not flag an event under appeal, revoked or retracted', () => {
    const flags = flagsFromEvents([
      e(1, 'substantiated_complaint', { status: 'appealed' }),
      e(2, 'substantiated_complaint', { status: 'revoked' }),
      e(3, 'statutory_overdue', { retracted: true })
    ]);
    expect(flags).toEqual([]);
  });
});

describe('红旗窗口', () => {
  // Windows 1–7 with two staff each, means 1000, 995, …, 970; window 8 has one person at 1050.
  const windows = () => [
    ...Array.from({ length: 7 }, (_, i) => [
      person(10 * i + 1, 1000 - 5 * i, 'A', i + 1),
      person(10 * i + 2, 1000 - 5 * i, 'A', i + 1)
    ]).flat(),
    person(99, 1050, 'A', 8)
  ];
  const redFlags = (people: RankInput[]) => awards(rank(people), [], []).redFlagWindows;

  it('awards the 5 windows with the highest mean staff score', () => {
    const r = redFlags(windows());
    expect(r.winners.map((w) => w.windowId)).toEqual([1, 2, 3, 4, 5]);
    expect(r.misses).toContainEqual({
      windowId: 6,
      reasons: [{ code: 'not_top_windows', reason: '平均分排名第 6，未进入前 5 名' }]
    });
  });

  it('leaves out a window with fewer than 2 scored staff, however high its mean', () => {
    const r = redFlags(windows());
    expect(r.misses).toContainEqual({
      windowId: 8,
      reasons: [{ code: 'too_few_staff', reason: '参评人数 1 人，不足 2 人' }]
    });
  });

  it('includes every window tied at 5th place', () => {
    const people = windows().map((p) => (p.windowId === 6 ? { ...p, total: 980 } : p)); // ties window 5
    const r = redFlags(people);
    expect(r.winners.map((w) => w.windowId)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(r.misses).toContainEqual({
      windowId: 7,
      reasons: [{ code: 'not_top_windows', reason: '平均分排名第 7，未进入前 5 名' }]
    });
  });

  it('awards all eligible windows when there are fewer than 5', () => {
    expect(redFlags(windows().filter((p) => (p.windowId ?? 0) <= 3)).winners).toHaveLength(3);
  });
});

describe('优秀首席代表', () => {
  const people = [person(1, 990, 'A'), person(2, 970, 'B'), person(3, 1000, 'A'), person(4, 960, 'C')];

  it('awards the chief representative with the highest score if at least 950', () => {
    const c = awards(rank(people), [], [1, 2, 4]).chiefRep;
    expect(ids(c.winners)).toEqual([1]);
    expect(c.misses).toContainEqual({
      staffId: 2,
      reasons: [{ code: 'not_best_chief_rep', reason: '得分 970，不是全局首席代表中的最高分（990）' }]
    });
  });

  it('awards nobody when the best chief representative has less than 950', () => {
    const c = awards(rank([person(1, 945), person(2, 930, 'B')]), [], [1, 2]).chiefRep;
    expect(c.winners).toEqual([]);
    expect(c.misses[0]).toEqual({
      staffId: 1,
      reasons: [{ code: 'below_min_total', reason: '得分 945，低于 950 分' }]
    });
  });

  it('awards every chief representative tied at the highest score', () => {
    const c = awards(
      rank([person(1, 990), person(2, 990, 'B'), person(3, 980, 'C')]),
      [],
      [1, 2, 3]
    ).chiefRep;
    expect(ids(c.winners)).toEqual([1, 2]);
  });

  it('ignores staff who are not chief representatives, however high their score', () => {
    expect(ids(awards(rank(people), [], [2, 4]).chiefRep.winners)).toEqual([2]);
  });

  it('can award the best chief representative of each section instead', () => {
    const c = awards(rank(people), [], [1, 2, 4], { chiefRepScope: 'section' }).chiefRep;
    expect(ids(c.winners)).toEqual([1, 2, 4]);
  });

  it('explains a chief representative without a score this month', () => {
    const c = awards(rank(people), [], [1, 42]).chiefRep;
    expect(c.misses).toEqual([{ staffId: 42, reasons: [{ code: 'not_scored', reason: '本月无考核得分' }] }]);
  });
});
