import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DIMENSIONS, EVENT_STATUSES } from '../../src/lib/appraisal/catalogue';
import type { RuleTarget } from '../../src/lib/appraisal/catalogue';
import { monthScore } from '../../src/lib/server/appraisal/month-score';
import { defaultRuleSet } from '../../src/lib/server/appraisal/score-types';
import type { ScoreEventInput } from '../../src/lib/server/appraisal/score-types';

// Properties of monthScore on random months of events: random rules (capped and not),
// targets, half points, statuses and retractions, under the default rule set.

const rules = defaultRuleSet();
const TARGETS: RuleTarget[] = [...DIMENSIONS, 'bonus'];
const CODES = ['bad_rating', 'very_good_rating', 'praise', 'chief_share', 'impolite', 'statutory_overdue'];

const eventArb = fc.record({
  ruleCode: fc.constantFrom(...CODES),
  target: fc.constantFrom(...TARGETS),
  halves: fc.integer({ min: -200, max: 60 }),
  status: fc.constantFrom(...EVENT_STATUSES),
  retracted: fc.boolean()
});
const monthArb = fc.array(eventArb, { maxLength: 60 }).map((list) =>
  list.map((e, i): ScoreEventInput => ({
    id: i + 1,
    staffId: 1,
    month: '2025-09',
    ruleCode: e.ruleCode,
    target: e.target,
    points: e.halves / 2,
    status: e.status,
    retracted: e.retracted
  }))
);

describe('monthScore properties', () => {
  it('keeps the total within 0–1050 and each dimension within 0 and its allowance', () => {
    fc.assert(
      fc.property(monthArb, (events) => {
        const s = monthScore(events, rules);
        expect(s.total).toBeGreaterThanOrEqual(0);
        expect(s.total).toBeLessThanOrEqual(1050);
        for (const d of DIMENSIONS) {
          expect(s.dimensions[d].score).toBeGreaterThanOrEqual(0);
          expect(s.dimensions[d].score).toBeLessThanOrEqual(s.dimensions[d].allowance);
        }
        expect(s.bonus.counted).toBeGreaterThanOrEqual(0);
        expect(s.bonus.counted).toBeLessThanOrEqual(50);
      })
    );
  });

  it('does not depend on the order of the events', () => {
    fc.assert(
      fc.property(
        monthArb.chain((events) =>
          fc.tuple(fc.constant(events), fc.shuffledSubarray(events, { minLength: events.length }))
        ),
        ([events, shuffled]) => {
          expect(monthScore(shuffled, rules)).toEqual(monthScore(events, rules));
        }
      )
    );
  });

  it('explains the total exactly: the counted points of the events add up to total − 1000', () => {
    fc.assert(
      fc.property(monthArb, (events) => {
        const s = monthScore(events, rules);
        const counted = s.events.reduce((sum, e) => sum + e.countedPoints * 2, 0);
        expect(counted / 2).toBe(s.total - 1000);
        for (const e of s.events) {
          expect(Math.abs(e.countedPoints)).toBeLessThanOrEqual(Math.abs(e.points));
          expect(e.outcome === 'counted').toBe(e.cause === null);
        }
      })
    );
  });

  it('never counts an event that is retracted, appealed or revoked', () => {
    fc.assert(
      fc.property(monthArb, (events) => {
        const s = monthScore(events, rules);
        s.events.forEach((x, i) => {
          const e = events[i];
          if (e.retracted || e.status === 'appealed' || e.status === 'revoked')
            expect(x.countedPoints).toBe(0);
        });
      })
    );
  });

  it('never raises the total when a counting deduction is added', () => {
    fc.assert(
      fc.property(
        monthArb,
        fc.constantFrom(...DIMENSIONS),
        fc.integer({ min: 1, max: 100 }),
        (events, d, halves) => {
          const extra: ScoreEventInput = {
            ...events[0],
            id: 999,
            ruleCode: 'bad_rating',
            target: d,
            points: -halves / 2,
            status: 'effective',
            retracted: false,
            staffId: 1,
            month: '2025-09'
          };
          expect(monthScore([...events, extra], rules).total).toBeLessThanOrEqual(
            monthScore(events, rules).total
          );
        }
      )
    );
  });
});
