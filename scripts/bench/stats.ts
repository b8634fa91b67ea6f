// Median and 95th percentile (nearest rank) of a benchmark's samples.

export interface Summary {
  median: number;
  p95: number;
  n: number;
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))];
}

export function summarize(samples: readonly number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b);
  return { median: percentile(sorted, 0.5), p95: percentile(sorted, 0.95), n: sorted.length };
}

/** "median 2.10 s, p95 2.87 s (n = 8)" */
export function describeSeconds(summary: Summary, digits = 2): string {
  return `median ${summary.median.toFixed(digits)} s, p95 ${summary.p95.toFixed(digits)} s (n = ${summary.n})`;
}
