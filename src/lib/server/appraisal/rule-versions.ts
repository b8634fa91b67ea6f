import { DIMENSION_LABELS, DIMENSIONS, type ScoreRule } from '../../appraisal/catalogue';
import type { RuleSet } from './score-types';

// What changed from one rule-set version to the next, in Chinese, for the history on
// /appraisal/rules (the versions themselves are append-only rows). Pure.

const capText = (cap: number | null) => (cap === null ? '不限' : `${cap} 分`);

function ruleChanges(before: ScoreRule, after: ScoreRule): string[] {
  const out: string[] = [];
  const name = `“${after.label}”（${after.code}）`;
  if (before.label !== after.label) out.push(`${name}名称由“${before.label}”改为“${after.label}”`);
  if (before.points !== after.points) out.push(`${name}分值 ${before.points} → ${after.points}`);
  if (before.target !== after.target) {
    out.push(`${name}计分维度 ${DIMENSION_LABELS[before.target]} → ${DIMENSION_LABELS[after.target]}`);
  }
  if (before.monthlyCap !== after.monthlyCap) {
    out.push(`${name}每月上限 ${capText(before.monthlyCap)} → ${capText(after.monthlyCap)}`);
  }
  if (before.enabled !== after.enabled) out.push(`${name}${after.enabled ? '启用' : '停用'}`);
  return out;
}

export function describeRuleSetChanges(before: RuleSet, after: RuleSet): string[] {
  const out: string[] = [];
  for (const d of DIMENSIONS) {
    const [a, b] = [before.dimensionPoints[d], after.dimensionPoints[d]];
    if (a !== b) out.push(`${DIMENSION_LABELS[d]}满分 ${a} → ${b}`);
  }
  if (before.bonusCap !== after.bonusCap) out.push(`每月加分上限 ${before.bonusCap} → ${after.bonusCap}`);
  if (before.chiefShare !== after.chiefShare) {
    out.push(`首席代表连带比例 ${before.chiefShare} → ${after.chiefShare}`);
  }
  const old = new Map(before.rules.map((r) => [r.code, r]));
  for (const rule of after.rules) {
    const was = old.get(rule.code);
    if (!was) out.push(`新增规则“${rule.label}”（${rule.code}，${rule.points} 分）`);
    else out.push(...ruleChanges(was, rule));
  }
  return out;
}
