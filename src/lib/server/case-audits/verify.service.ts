import type { Kysely } from 'kysely';
import type { Database } from '../db/database';
import { populationDigest } from './draw.service';
import {
  findDraw,
  listDrawCases,
  listDrawPool,
  listDrawPopulation,
  listDrawReviewers
} from './draws.repository';
import { findPlan } from './plans.repository';
import { drawReviewers, drawSample, SamplingError, validateSeed, type PopulationCase } from './sampling';

// Repeating a recorded draw: the seed typed by whoever checks (e.g. copied from the
// published sheet) and the population (the one recorded with the draw, or a list pasted
// in) go through the same pure functions; the result is compared with what was recorded.
// Conflicts of interest are taken from the record (the reviewers passed over): this
// checks the arithmetic of the draw, not whether a conflict was judged rightly.

export interface VerifyRequest {
  drawId: number;
  seed: string;
  /** Optional: lines of "case_no<TAB or space>stratum"; empty = the recorded population. */
  populationText?: string;
}

export interface VerifyResult {
  consistent: boolean;
  seedMatches: boolean;
  populationSource: 'recorded' | 'pasted';
  populationSize: number;
  digest: { recorded: string; computed: string };
  /** Case numbers recorded but not drawn again, and drawn again but not recorded. */
  missing: string[];
  extra: string[];
  orderMatches: boolean;
  reviewerDifferences: string[];
}

export type VerifyOutcome = { result: VerifyResult } | { errors: Partial<Record<string, string>> };

/** "case_no stratum" per line; a line with only a case number goes into stratum 全部. */
export function parsePopulation(text: string): PopulationCase[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const [caseNo, ...rest] = line.split(/[\t,，\s]+/);
      return { caseNo, stratum: rest.join(' ') || '全部' };
    });
}

export async function verifyDraw(
  db: Kysely<Database>,
  request: VerifyRequest
): Promise<VerifyOutcome | null> {
  const draw = await findDraw(db, request.drawId);
  if (!draw) return null;
  const plan = (await findPlan(db, draw.plan_id))!;
  const seedCheck = validateSeed(request.seed);
  if (!seedCheck.ok) return { errors: { seed: seedCheck.error } };
  const pasted = request.populationText?.trim() ? parsePopulation(request.populationText) : null;
  const population =
    pasted ?? (await listDrawPopulation(db, draw.id)).map((p) => ({ caseNo: p.case_no, stratum: p.stratum }));

  let sample;
  try {
    sample = drawSample(
      { seed: seedCheck.seed, rate: plan.rate_ppm / 1_000_000, minimum: plan.minimum },
      population
    );
  } catch (error) {
    if (error instanceof SamplingError) return { errors: { population: error.message } };
    throw error;
  }
  const recorded = await listDrawCases(db, draw.id);
  const again = sample.strata.flatMap((s) => s.drawn.map((d) => d.caseNo));
  const recordedNos = recorded.map((c) => c.case_no);
  const missing = recordedNos.filter((no) => !again.includes(no));
  const extra = again.filter((no) => !recordedNos.includes(no));
  const orderMatches = again.join('\n') === recordedNos.join('\n');

  // Reviewers of the cases drawn both times, with the recorded conflicts.
  const pool = await listDrawPool(db, draw.id);
  const rows = await listDrawReviewers(db, draw.id);
  const reviewerDifferences: string[] = [];
  for (const caseNo of again.filter((no) => recordedNos.includes(no))) {
    const mine = rows.filter((r) => r.case_no === caseNo);
    const skipped = new Set(mine.filter((r) => r.outcome === 'skipped').map((r) => r.reviewer_user_id));
    const candidates = pool.map((p) => ({
      id: String(p.reviewer_user_id),
      conflict: skipped.has(p.reviewer_user_id)
    }));
    const result = drawReviewers(seedCheck.seed, caseNo, candidates, plan.reviewers_per_case);
    const want = mine.filter((r) => r.outcome === 'drawn').map((r) => String(r.reviewer_user_id));
    const got = result.drawn.map((r) => r.id);
    if (want.join(',') !== got.join(','))
      reviewerDifferences.push(
        `${caseNo}：记录的评查人员 ${want.join('、') || '无'}，重新计算为 ${got.join('、') || '无'}`
      );
  }

  const computed = populationDigest(population.map((p) => p.caseNo));
  const seedMatches = seedCheck.seed === plan.seed;
  return {
    result: {
      consistent:
        seedMatches &&
        computed === draw.population_digest &&
        missing.length === 0 &&
        extra.length === 0 &&
        orderMatches &&
        reviewerDifferences.length === 0,
      seedMatches,
      populationSource: pasted ? 'pasted' : 'recorded',
      populationSize: population.length,
      digest: { recorded: draw.population_digest, computed },
      missing,
      extra,
      orderMatches,
      reviewerDifferences
    }
  };
}
