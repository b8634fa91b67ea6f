import { describe, expect, it } from 'vitest';
import type { EventStatus, RuleTarget } from '../../src/lib/appraisal/catalogue';
import { monthScore } from '../../src/lib/server/appraisal/month-score';
import { defaultRuleSet } from '../../src/lib/server/appraisal/score-types';
import type { RuleSet, ScoreEventInput } from '../../src/lib/server/appraisal/score-types';

const rules = defaultRuleSet();
let nextId = 1;
function ev(ruleCode: string, target: RuleTarget, points: number, extra: Partial<ScoreEventInput> = {}) {
  return {
    id: nextId++,
    staffId: 7,
    month: '2025-09',
    ruleCode,
    target,
    points,
    status: 'effective' as EventStatus,
    ...extra
  };
}
const bad = (extra: Partial<ScoreEventInput> = {}) => ev('bad_rating', 'ratings', -15, extra);
const veryGood = (n: number) => Array.from({ length: n }, () => ev('very_good_rating', 'bonus', 1));
const praise = () => ev('praise', 'bonus', 10);

describe('monthScore: the allowance', () => {
  it('gives 1000 in the five default dimensions to a month without events', () => {
    const s = monthScore([], rules);
    expect(s.total).toBe(1000);
    expect(s.dimensions.attire).toEqual({
      allowance: 150,
      deducted: 0,
      added: 0,
      score: 150,
      floored: false
    });
    expect(s.dimensions.quality.score + s.dimensions.efficiency.score).toBe(500);
    expect(s.bonus).toEqual({ raw: 0, counted: 0, cap: 50 });
    expect(s.ruleSetId).toBe(rules.id);
  });

  it('uses the rule set’s own dimension points', () => {
    const custom: RuleSet = {
      ...rules,
      dimensionPoints: { attire: 100, quality: 300, style: 200, efficiency: 250, ratings: 150 }
    };
    expect(monthScore([ev('impolite', 'attire', -10)], custom).dimensions.attire.score).toBe(90);
  });
});

describe('monthScore: deductions', () => {
  it('subtracts each counting deduction from its dimension', () => {
    const s = monthScore([bad(), bad(), ev('late_conclusion', 'efficiency', -20)], rules);
    expect(s.dimensions.ratings).toMatchObject({ deducted: 30, score: 120, floored: false });
    expect(s.dimensions.efficiency.score).toBe(230);
    expect(s.total).toBe(950);
  });

  it('stops a dimension at zero (扣完为止) without touching the others', () => {
    const events = Array.from({ length: 11 }, () => bad()); // 165 > 150
    const s = monthScore(events, rules);
    expect(s.dimensions.ratings).toMatchObject({ allowance: 150, deducted: 165, score: 0, floored: true });
    expect(s.total).toBe(850);
  });

  it('marks the deduction that crossed zero as partly counted and the later ones as floored', () => {
    const events = Array.from({ length: 11 }, () => bad());
    const x = monthScore(events, rules).events;
    expect(x.slice(0, 10).every((e) => e.outcome === 'counted' && e.countedPoints === -15)).toBe(true);
    expect(x[10]).toMatchObject({ outcome: 'not_counted', cause: 'floored', countedPoints: 0 });
    expect(x[10].reason).toBe('“服务评价”已扣完为止，不计分');
    const partly = monthScore(
      [
        ev('statutory_overdue', 'efficiency', -50),
        ...Array.from({ length: 5 }, () => ev('statutory_overdue', 'efficiency', -45))
      ],
      rules
    );
    expect(partly.events.map((e) => e.countedPoints)).toEqual([-50, -45, -45, -45, -45, -20]);
    expect(partly.events[5]).toMatchObject({ outcome: 'partly_counted', cause: 'floored' });
  });

  it('counts half points exactly (a chief representative’s share of −15 is −7.5)', () => {
    const shares = Array.from({ length: 3 }, () => ev('chief_share', 'ratings', -7.5));
    const s = monthScore([...shares, ev('chief_share', 'style', -2.5)], rules);
    expect(s.dimensions.ratings.score).toBe(127.5);
    expect(s.total).toBe(975);
  });

  it('rejects points that are not whole or half numbers', () => {
    expect(() => monthScore([ev('chief_share', 'ratings', -1.25)], rules)).toThrow(RangeError);
  });
});

describe('monthScore: statuses', () => {
  it('counts effective and upheld events', () => {
    const s = monthScore([bad({ status: 'effective' }), bad({ status: 'upheld' })], rules);
    expect(s.dimensions.ratings.score).toBe(120);
  });

  it('does not count an appealed event until it is decided', () => {
    const s = monthScore([bad({ status: 'appealed' })], rules);
    expect(s.total).toBe(1000);
    expect(s.events[0]).toMatchObject({
      outcome: 'not_counted',
      cause: 'status',
      reason: '申诉中，复核维持后才计分'
    });
  });

  it('does not count a revoked event', () => {
    const s = monthScore([bad({ status: 'revoked' })], rules);
    expect(s.total).toBe(1000);
    expect(s.events[0]).toMatchObject({ cause: 'status', reason: '状态为“已撤销”，不计分' });
  });

  it('does not count a retracted event, whatever its status', () => {
    const s = monthScore([bad({ retracted: true }), bad({ status: 'upheld', retracted: true })], rules);
    expect(s.total).toBe(1000);
    expect(s.events.map((e) => e.reason)).toEqual(['已撤回，不计分', '已撤回，不计分']);
  });

  it('explains a counted event as counted', () => {
    expect(monthScore([bad()], rules).events[0]).toMatchObject({
      outcome: 'counted',
      cause: null,
      reason: '计分',
      countedPoints: -15
    });
  });
});

describe('monthScore: the bonus', () => {
  it('counts at most 20 very good ratings a month and says how many counted', () => {
    const s = monthScore(veryGood(27), rules);
    expect(s.bonus).toEqual({ raw: 20, counted: 20, cap: 50 });
    expect(s.rules).toEqual([
      { ruleCode: 'very_good_rating', events: 27, countedEvents: 20, points: 20, monthlyCap: 20 }
    ]);
    expect(s.events.filter((e) => e.cause === 'rule_cap')).toHaveLength(7);
    expect(s.events[26].reason).toBe('超过该规则每月上限 20 分，不计分');
    expect(s.total).toBe(1020);
  });

  it('applies the rule caps before the monthly bonus cap of 50', () => {
    const s = monthScore([...veryGood(25), praise(), praise(), praise()], rules); // 20 + 30 = 50
    expect(s.bonus).toEqual({ raw: 50, counted: 50, cap: 50 });
    expect(s.total).toBe(1050);
  });

  it('stops the bonus at 50 and explains which bonus went over it', () => {
    const s = monthScore([praise(), praise(), praise(), praise(), praise(), praise()], rules);
    expect(s.bonus).toEqual({ raw: 60, counted: 50, cap: 50 });
    expect(s.events[5]).toMatchObject({
      outcome: 'not_counted',
      cause: 'bonus_cap',
      reason: '超过每月加分上限，不计分'
    });
  });

  it('counts a bonus partly when it crosses the cap', () => {
    const s = monthScore([...veryGood(15), praise(), praise(), praise(), praise()], rules); // 15 + 40 = 55
    expect(s.bonus.counted).toBe(50);
    expect(s.events[18]).toMatchObject({
      outcome: 'partly_counted',
      countedPoints: 5,
      reason: '超过每月加分上限，部分计分'
    });
  });

  it('adds the bonus on top of the dimensions even when a dimension is at zero', () => {
    const s = monthScore([...Array.from({ length: 12 }, () => bad()), praise()], rules);
    expect(s.total).toBe(850 + 10);
  });

  it('reaches 1050 at most', () => {
    expect(monthScore([...veryGood(40), ...Array.from({ length: 10 }, praise)], rules).total).toBe(1050);
  });

  it('counts a rule cap partly and names both limits when the bonus cap cuts further', () => {
    const capped: RuleSet = {
      ...rules,
      bonusCap: 12,
      rules: rules.rules.map((r) => (r.code === 'praise' ? { ...r, monthlyCap: 15 } : r))
    };
    const s = monthScore([praise(), praise()], capped); // 10 + 5 (rule cap) → 12 (bonus cap)
    expect(s.events.map((e) => e.countedPoints)).toEqual([10, 2]);
    expect(s.events[1].reason).toBe('超过该规则每月上限 15 分；超过每月加分上限，部分计分');
  });
});

describe('monthScore: other rules', () => {
  it('caps a capped deduction rule on the absolute points', () => {
    const capped = {
      ...rules,
      rules: rules.rules.map((r) => (r.code === 'late_or_early_leave' ? { ...r, monthlyCap: 10 } : r))
    };
    const s = monthScore(
      [
        ev('late_or_early_leave', 'style', -5),
        ev('late_or_early_leave', 'style', -5),
        ev('late_or_early_leave', 'style', -5)
      ],
      capped
    );
    expect(s.dimensions.style.score).toBe(190);
  });

  it('does not let a positive event lift a dimension above its allowance', () => {
    const s = monthScore([ev('correction', 'attire', 20), ev('impolite', 'attire', -10)], rules);
    expect(s.dimensions.attire).toMatchObject({ added: 20, deducted: 10, score: 150 });
    expect(s.events[0]).toMatchObject({ countedPoints: 10, outcome: 'partly_counted', cause: 'ceiling' });
  });

  it('lets a positive event offset deductions before the floor applies', () => {
    const offsetOnly = monthScore(
      [ev('impolite', 'attire', -100), ev('impolite', 'attire', -100), ev('correction', 'attire', 60)],
      rules
    );
    expect(offsetOnly.dimensions.attire).toMatchObject({ score: 10, floored: false });
    const big = [-100, -100, -100].map((p) => ev('impolite', 'attire', p));
    const s = monthScore([...big, ev('correction', 'attire', 60)], rules); // 150 + 60 − 300 < 0
    expect(s.dimensions.attire).toMatchObject({ score: 0, floored: true });
    expect(s.events.map((e) => e.countedPoints)).toEqual([-100, -100, -10, 60]);
  });

  it('counts an event whose rule is not in the rule set (such as chief_share), without a cap', () => {
    const s = monthScore([ev('chief_share', 'efficiency', -25), ev('retired_rule', 'quality', -5)], rules);
    expect(s.total).toBe(970);
    expect(s.rules.map((r) => r.monthlyCap)).toEqual([null, null]);
  });

  it('explains every event in the order of their ids, whatever the input order', () => {
    const a = bad({ id: 3 });
    const b = bad({ id: 1 });
    const c = praise();
    expect(monthScore([a, c, b], rules).events.map((e) => e.eventId)).toEqual([1, 3, c.id]);
  });

  it('rejects events of two people, two months or with one id twice', () => {
    expect(() => monthScore([bad(), bad({ staffId: 8 })], rules)).toThrow(RangeError);
    expect(() => monthScore([bad(), bad({ month: '2025-10' })], rules)).toThrow(RangeError);
    expect(() => monthScore([bad({ id: 'x' }), bad({ id: 'x' })], rules)).toThrow(RangeError);
  });
});
