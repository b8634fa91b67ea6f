// The 95 % Wilson score interval for the population's defect rate (audits.md), from the
// files reviewed: `defects` 不合格 (or defective) files out of `n` reviewed. Chosen over the
// normal ("Wald") interval because samples are small and rates near 0: Wald gives [0, 0]
// for 0 defects, Wilson a real upper bound.

/** The 97.5 % normal quantile, for a two-sided 95 % interval. */
export const Z_95 = 1.959963984540054;

export interface WilsonInterval {
  /** defects / n */
  estimate: number;
  lower: number;
  upper: number;
}

/** null when nothing was reviewed (n = 0); throws on counts that are not 0 ≤ defects ≤ n. */
export function wilsonInterval(defects: number, n: number, z: number = Z_95): WilsonInterval | null {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`n must be a non-negative integer, got ${n}`);
  if (!Number.isSafeInteger(defects) || defects < 0 || defects > n)
    throw new RangeError(`defects must be an integer in 0..${n}, got ${defects}`);
  if (!Number.isFinite(z) || z <= 0) throw new RangeError(`z must be positive, got ${z}`);
  if (n === 0) return null;

  const p = defects / n;
  const z2 = z * z;
  const denominator = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denominator;
  const half = (z / denominator) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  // At 0 and n the bound is exactly 0 or 1 in theory; rounding could leave ±1e-17.
  const lower = defects === 0 ? 0 : Math.max(0, centre - half);
  const upper = defects === n ? 1 : Math.min(1, centre + half);
  return { estimate: p, lower, upper };
}
