import { createHmac } from 'node:crypto';

// The draw keys of audits.md ("双随机"). Anyone holding the seed and the case list can
// recompute them with any HMAC tool, so nothing here may depend on this program:
// HMAC-SHA256, key = the seed as UTF-8, message as UTF-8, digest as lowercase hex.

/** Lowercase hex HMAC-SHA256 of `message` under the key `seed` (both UTF-8). */
export function hmacHex(seed: string, message: string): string {
  return createHmac('sha256', Buffer.from(seed, 'utf8')).update(message, 'utf8').digest('hex');
}

/** The key of a case in a draw: HMAC-SHA256(seed, case_no). */
export function drawKey(seed: string, caseNo: string): string {
  return hmacHex(seed, caseNo);
}

/** The key of a reviewer for a case: HMAC-SHA256(seed, case_no || ':' || reviewer_id). */
export function reviewerKey(seed: string, caseNo: string, reviewerId: string): string {
  return hmacHex(seed, `${caseNo}:${reviewerId}`);
}

/**
 * Order by key, smallest first. Keys are 64 lowercase hex characters, so plain string
 * comparison is numeric order. Equal keys would need equal messages (which the callers
 * reject) or a SHA-256 collision; the tie-break only keeps the order total regardless.
 */
export function byKey(a: { key: string; tie: string }, b: { key: string; tie: string }): number {
  if (a.key !== b.key) return a.key < b.key ? -1 : 1;
  return a.tie < b.tie ? -1 : a.tie > b.tie ? 1 : 0;
}
