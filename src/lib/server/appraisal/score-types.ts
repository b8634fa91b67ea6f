import {
  CHIEF_SHARE_RULE,
  DEFAULT_BONUS_CAP,
  DEFAULT_CHIEF_SHARE,
  DEFAULT_DIMENSION_POINTS,
  DEFAULT_RULES,
  DIMENSION_LABELS,
  DIMENSIONS
} from '../../appraisal/catalogue';
import type { Dimension, EventStatus, RuleTarget, ScoreRule } from '../../appraisal/catalogue';

// The shapes the pure appraisal arithmetic works on (shared/spec/scoring.md), and the
// checks a rule set must pass before it is saved. Points are whole or half numbers: the
// arithmetic runs on integer half-points so that no floating-point drift can creep in
// (a chief representative's share of −15 is −7.5).

/** The full allowance of a month: the five dimensions always sum to this. */
export const MONTH_ALLOWANCE = 1000;

/** One version of the rule catalogue (a row of score_rule_sets). */
export interface RuleSet {
  id: number;
  dimensionPoints: Record<Dimension, number>;
  bonusCap: number;
  /** Share of each staff deduction a chief representative loses as well, in [0, 1]. */
  chiefShare: number;
  rules: ScoreRule[];
}

/** One score event as the arithmetic needs it. */
export interface ScoreEventInput {
  id: string | number;
  staffId: number;
  /** 'YYYY-MM' */
  month: string;
  ruleCode: string;
  /** Where the points land; the event's own, not looked up from the rule (rules change). */
  target: RuleTarget;
  /** Signed, whole or half points; the event's own (rules change after events are made). */
  points: number;
  status: EventStatus;
  /** Withdrawn by whoever entered it (or superseded by a re-derivation): never counts. */
  retracted?: boolean;
}

/** The defaults of the catalogue as a rule set (a fresh install's first version). */
export function defaultRuleSet(id = 1): RuleSet {
  return {
    id,
    dimensionPoints: { ...DEFAULT_DIMENSION_POINTS },
    bonusCap: DEFAULT_BONUS_CAP,
    chiefShare: DEFAULT_CHIEF_SHARE,
    rules: DEFAULT_RULES.map((r) => ({ ...r }))
  };
}

/** Whether x is a finite whole or half number (…, −0.5, 0, 0.5, 1, …). */
export function isHalfPoint(x: number): boolean {
  return Number.isFinite(x) && Number.isInteger(x * 2);
}

/** Points → integer half-points; throws on anything that is not a whole or half number. */
export function toHalfPoints(points: number, what = 'points'): number {
  if (!isHalfPoint(points)) throw new RangeError(`${what} must be a whole or half number: ${points}`);
  return points * 2;
}

/**
 * A chief representative's share of a staff deduction, rounded to the nearest half point
 * (a quarter is rounded away from zero, 四舍五入): −15 × 0.5 = −7.5, −5 × 0.25 = −1.25 → −1.5.
 * Zero when the share is 0 or the points are not a deduction.
 */
export function chiefSharePoints(deduction: number, share: number): number {
  if (!(deduction < 0) || !(share > 0)) return 0;
  // The epsilon absorbs products such as 15 × 0.35 = 5.249999… that are meant to be 5.25.
  const halves = Math.floor(-deduction * share * 2 + 0.5 + 1e-9);
  return halves === 0 ? 0 : -halves / 2;
}

const CODE_PATTERN = /^[a-z][a-z0-9]*(_[a-z0-9]+)*$/;
const TARGETS: readonly string[] = [...DIMENSIONS, 'bonus'];

/** Everything wrong with a rule set, in Chinese for the settings page; empty when valid. */
export function validateRuleSet(ruleSet: RuleSet): string[] {
  const errors: string[] = [];
  let sum = 0;
  for (const d of DIMENSIONS) {
    const p = ruleSet.dimensionPoints[d];
    if (!isHalfPoint(p) || p < 0) {
      errors.push(`“${DIMENSION_LABELS[d]}”的分值须为不小于 0 的整数或半分（当前为 ${String(p)}）`);
    } else sum += p;
  }
  if (errors.length === 0 && sum !== MONTH_ALLOWANCE) {
    errors.push(`五个维度的分值之和须为 ${MONTH_ALLOWANCE}（当前为 ${sum}）`);
  }
  if (!isHalfPoint(ruleSet.bonusCap) || ruleSet.bonusCap < 0) {
    errors.push(`每月加分上限须为不小于 0 的整数或半分（当前为 ${String(ruleSet.bonusCap)}）`);
  }
  const share = ruleSet.chiefShare;
  if (!Number.isFinite(share) || share < 0 || share > 1) {
    errors.push(`首席代表连带扣分比例须在 0 到 1 之间（当前为 ${String(share)}）`);
  }
  const seen = new Set<string>();
  for (const [i, rule] of ruleSet.rules.entries()) errors.push(...ruleErrors(rule, i + 1, seen));
  return errors;
}

function ruleErrors(rule: ScoreRule, n: number, seen: Set<string>): string[] {
  const errors: string[] = [];
  const name = `第 ${n} 条规则（${rule.code || '无代码'}）`;
  if (!CODE_PATTERN.test(rule.code)) {
    errors.push(`${name}：代码须为小写字母、数字和下划线组成的蛇形命名，且以字母开头`);
  } else if (rule.code === CHIEF_SHARE_RULE) {
    errors.push(`${name}：代码 ${CHIEF_SHARE_RULE} 保留给首席代表连带扣分，不能用作规则代码`);
  } else if (seen.has(rule.code)) {
    errors.push(`${name}：代码与前面的规则重复`);
  }
  seen.add(rule.code);
  if (rule.label.trim() === '') errors.push(`${name}：名称不能为空`);
  if (!TARGETS.includes(rule.target)) errors.push(`${name}：计分维度无效`);
  if (!isHalfPoint(rule.points) || rule.points === 0) {
    errors.push(`${name}：分值须为非零的整数或半分（当前为 ${String(rule.points)}）`);
  } else if (rule.target === 'bonus' && rule.points < 0) {
    errors.push(`${name}：加分规则的分值须为正数`);
  }
  if (rule.monthlyCap !== null && (!isHalfPoint(rule.monthlyCap) || rule.monthlyCap < 0)) {
    errors.push(`${name}：每月上限须为不小于 0 的整数或半分（当前为 ${String(rule.monthlyCap)}）`);
  }
  return errors;
}
