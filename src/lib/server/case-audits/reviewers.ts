import { byKey, reviewerKey } from './keys';
import { requireCanonicalSeed, SamplingError } from './seed';

// The draw of reviewers for a drawn case (the second "random" of 双随机): every reviewer
// of the pool gets the key HMAC-SHA256(seed, case_no || ':' || reviewer_id); the smallest
// keys win, skipping reviewers with a conflict of interest.
//
// Conflict is decided by the caller, per case, and passed in as a flag: the database
// layer knows who handled the case and who belongs to its section; this module only
// needs the answer. Each case is drawn independently: one reviewer may be drawn for many
// cases (audits.md asks for no balancing, and balancing would make the draw depend on
// the order of the cases).

export const DEFAULT_REVIEWER_COUNT = 1;

export interface ReviewerCandidate {
  id: string;
  /** True when the reviewer may not review this case (handled it, or is in its section). */
  conflict: boolean;
}

export interface ReviewerDraw {
  /** Up to `count` eligible reviewers, ascending by key. Never a conflicted one. */
  drawn: { id: string; key: string }[];
  /** Conflicted reviewers whose key was smaller than the last drawn one (or any, when short). */
  skipped: { id: string; key: string }[];
  /** False when fewer than `count` eligible reviewers were available. */
  complete: boolean;
}

export function drawReviewers(
  seed: string,
  caseNo: string,
  pool: readonly ReviewerCandidate[],
  count: number = DEFAULT_REVIEWER_COUNT
): ReviewerDraw {
  requireCanonicalSeed(seed);
  if (caseNo === '') throw new SamplingError('办件编号不能为空');
  if (!Number.isSafeInteger(count) || count < 1) throw new SamplingError('每件评查人数应为正整数');
  const ids = new Set<string>();
  for (const { id } of pool) {
    if (id === '') throw new SamplingError('评查人员编号不能为空');
    if (ids.has(id)) throw new SamplingError(`评查人员编号重复：${id}`);
    ids.add(id);
  }

  const ranked = pool
    .map((r) => ({ key: reviewerKey(seed, caseNo, r.id), tie: r.id, conflict: r.conflict }))
    .sort(byKey);
  const drawn: ReviewerDraw['drawn'] = [];
  const skipped: ReviewerDraw['skipped'] = [];
  for (const r of ranked) {
    if (drawn.length === count) break;
    (r.conflict ? skipped : drawn).push({ id: r.tie, key: r.key });
  }
  return { drawn, skipped, complete: drawn.length === count };
}
