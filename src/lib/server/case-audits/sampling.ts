import { byKey, drawKey } from './keys';
import { requireCanonicalSeed, SamplingError } from './seed';

// The draw of files to review (办件抽查), exactly as audits.md: per stratum of size N,
// n = min(N, max(minimum, ceil(rate × N))) cases, those with the smallest keys
// HMAC-SHA256(seed, case_no). Nothing random happens here: the seed carries the chance.

export { drawKey } from './keys';
export { drawReviewers } from './reviewers';
export type { ReviewerCandidate, ReviewerDraw } from './reviewers';
export { generateSeed, SamplingError, SEED_MAX_LENGTH, validateSeed } from './seed';
export type { SeedCheck } from './seed';

export const DEFAULT_RATE = 0.05;
export const DEFAULT_MINIMUM = 3;

// The rate is a fraction (0.05 = 5 %) held in millionths, so that ceil(rate × N) is
// integer arithmetic: in floating point 0.05 × 100 is 5.000000000000001 and would round
// up to 6. A rate finer than 0.0001 % is refused rather than silently rounded.
const RATE_UNITS = 1_000_000;

function rateInUnits(rate: number): number {
  if (!Number.isFinite(rate) || rate < 0 || rate > 1) throw new SamplingError('抽查比例应在 0 到 100% 之间');
  const units = Math.round(rate * RATE_UNITS);
  if (Math.abs(rate * RATE_UNITS - units) > 1e-6) throw new SamplingError('抽查比例最多精确到 0.0001%');
  return units;
}

/** n = min(N, max(minimum, ceil(rate × N))); `rate` a fraction in [0, 1]. */
export function stratumSampleSize(populationSize: number, rate: number, minimum: number): number {
  if (!Number.isSafeInteger(populationSize) || populationSize < 0)
    throw new SamplingError('层内办件数应为非负整数');
  if (!Number.isSafeInteger(minimum) || minimum < 0) throw new SamplingError('每层最少抽取件数应为非负整数');
  const units = rateInUnits(rate);
  // units × N is an exact integer (far below 2⁵³ for any real population). Dividing it by
  // 10⁶ gives an exact integer when there is one, and otherwise a value at least 10⁻⁶ from
  // any integer, so ceil is exact.
  const byRate = Math.ceil((units * populationSize) / RATE_UNITS);
  return Math.min(populationSize, Math.max(minimum, byRate));
}

export interface SamplingPlan {
  /** Canonical seed (the `seed` returned by validateSeed). */
  seed: string;
  /** A fraction: 0.05 = 5 %. */
  rate: number;
  /** Per stratum, capped at the stratum's size. */
  minimum: number;
}

export interface PopulationCase {
  caseNo: string;
  /** Stratum code (by default the section's code). */
  stratum: string;
}

export interface DrawnCase {
  caseNo: string;
  key: string;
}

export interface StratumDraw {
  stratum: string;
  populationSize: number;
  sampleSize: number;
  /** The `sampleSize` cases with the smallest keys, ascending by key. */
  drawn: DrawnCase[];
}

export interface SampleDraw {
  /** Ascending by stratum code (UTF-16 code unit order, independent of locale). */
  strata: StratumDraw[];
  populationSize: number;
  sampleSize: number;
}

/**
 * Draws the sample. Case numbers are hashed exactly as given (no trimming, no case
 * folding): the published list must show them the same way. A case number appearing
 * twice (even in two strata) is refused, since the population would then be ambiguous.
 */
export function drawSample(plan: SamplingPlan, population: readonly PopulationCase[]): SampleDraw {
  const seed = requireCanonicalSeed(plan.seed);
  stratumSampleSize(0, plan.rate, plan.minimum); // validates the plan even for an empty population

  const byStratum = new Map<string, { key: string; tie: string }[]>();
  const seen = new Set<string>();
  for (const { caseNo, stratum } of population) {
    if (caseNo === '') throw new SamplingError('办件编号不能为空');
    if (stratum === '') throw new SamplingError(`办件 ${caseNo} 没有分层（科室）`);
    if (seen.has(caseNo)) throw new SamplingError(`办件编号重复：${caseNo}`);
    seen.add(caseNo);
    let members = byStratum.get(stratum);
    if (!members) byStratum.set(stratum, (members = []));
    members.push({ key: drawKey(seed, caseNo), tie: caseNo });
  }

  const codes = [...byStratum.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const strata = codes.map((stratum): StratumDraw => {
    const members = byStratum.get(stratum)!.sort(byKey);
    const sampleSize = stratumSampleSize(members.length, plan.rate, plan.minimum);
    const drawn = members.slice(0, sampleSize).map((m) => ({ caseNo: m.tie, key: m.key }));
    return { stratum, populationSize: members.length, sampleSize, drawn };
  });
  return {
    strata,
    populationSize: population.length,
    sampleSize: strata.reduce((sum, s) => sum + s.sampleSize, 0)
  };
}
