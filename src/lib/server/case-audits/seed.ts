import { randomBytes } from 'node:crypto';

// The seed of a draw is fixed before the draw and published with it (audits.md). It may
// be typed in (a number announced at a meeting) or generated. What is recorded is exactly
// what is hashed, so the checks here also decide the one canonical form of a seed.

export const SEED_MAX_LENGTH = 128;

// Control and format characters, unassigned/private code points, line and paragraph
// separators: invisible or unprintable, so a published seed could not be retyped.
const UNPRINTABLE = /[\p{C}\p{Zl}\p{Zp}]/u;

export type SeedCheck = { ok: true; seed: string } | { ok: false; error: string };

/**
 * A seed is 1–128 printable characters (code points) after trimming; inner spaces are
 * kept. The result is NFC-normalised so that the same visible text typed on different
 * systems hashes the same; use the returned `seed`, not the input.
 */
export function validateSeed(text: string): SeedCheck {
  const seed = text.trim().normalize('NFC');
  if (seed === '') return { ok: false, error: '请填写随机种子' };
  if (Array.from(seed).length > SEED_MAX_LENGTH)
    return { ok: false, error: `随机种子最多 ${SEED_MAX_LENGTH} 个字符` };
  if (UNPRINTABLE.test(seed)) return { ok: false, error: '随机种子只能包含可打印字符（不含换行、制表符等）' };
  return { ok: true, seed };
}

/** A fresh seed: 16 random bytes as 32 lowercase hex characters. */
export function generateSeed(): string {
  return randomBytes(16).toString('hex');
}

/** The seed, if it is valid and already in canonical form; throws otherwise. */
export function requireCanonicalSeed(seed: string): string {
  const check = validateSeed(seed);
  if (!check.ok) throw new SamplingError(check.error);
  // Hashing a seed other than the one recorded would make the draw unrepeatable.
  if (check.seed !== seed) throw new SamplingError('随机种子须先经 validateSeed 规范化（去除首尾空白）');
  return seed;
}

/** An invalid draw request (bad seed, plan or population). Messages are for users. */
export class SamplingError extends Error {
  override name = 'SamplingError';
}
