import type { RuleSet } from './score-types';

// Which rule set scores a month (shared/spec/scoring.md, "Monthly results"). A closed
// month is frozen: it keeps the version recorded when it closed, however the rules change
// afterwards. An open month is scored with the newest version in force, so that a rule
// change applies at once to the month still being scored.

export interface RuleSetVersion {
  ruleSet: RuleSet;
  effectiveFrom: Date;
}

/** The closing record of a month (appraisal_months): the rule set it was closed with. */
export interface MonthClosing {
  month: string;
  ruleSetId: number;
}

/**
 * The rule set of a month. Closed (`closing` given): the version recorded at closing, an
 * error if it is missing. Open: the version with the latest `effectiveFrom` not after
 * `now` (ties: the higher id); versions dated in the future are not yet in force.
 */
export function ruleSetForMonth(
  month: string,
  versions: readonly RuleSetVersion[],
  closing?: MonthClosing | null,
  now: Date = new Date()
): RuleSet {
  if (closing) {
    if (closing.month !== month) {
      throw new RangeError(`closing record of ${closing.month} given for ${month}`);
    }
    const kept = versions.find((v) => v.ruleSet.id === closing.ruleSetId);
    if (!kept) throw new RangeError(`rule set ${closing.ruleSetId} of closed month ${month} is missing`);
    return kept.ruleSet;
  }
  let newest: RuleSetVersion | null = null;
  for (const v of versions) {
    if (v.effectiveFrom.getTime() > now.getTime()) continue;
    if (
      !newest ||
      v.effectiveFrom.getTime() > newest.effectiveFrom.getTime() ||
      (v.effectiveFrom.getTime() === newest.effectiveFrom.getTime() && v.ruleSet.id > newest.ruleSet.id)
    ) {
      newest = v;
    }
  }
  if (!newest) throw new RangeError(`no rule set in force for ${month}`);
  return newest.ruleSet;
}
