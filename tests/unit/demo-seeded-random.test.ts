import { describe, expect, it } from 'vitest';
import { cumulative, hashSeed, SeededRandom } from '../../src/lib/server/demo/seeded-random';

const draw = (seed: number, n = 20) => {
  const rng = new SeededRandom(seed);
  return Array.from({ length: n }, () => rng.uint32());
};

describe('the demo PRNG', () => {
  it('gives the same sequence for the same seed', () => {
    expect(draw(42)).toEqual(draw(42));
  });

  it('gives different sequences for different seeds, even neighbouring ones', () => {
    expect(draw(42)).not.toEqual(draw(43));
    expect(draw(0)).not.toEqual(draw(1));
  });

  it('is pinned: changing the algorithm would silently change every demo database', () => {
    expect(draw(20261125, 3)).toEqual([1145728601, 2508946585, 3712674045]);
    expect(hashSeed(20261125, 20000)).toBe(507590203);
  });

  it('draws floats in [0, 1) with a plausible mean', () => {
    const rng = new SeededRandom(7);
    let sum = 0;
    let outside = 0;
    for (let i = 0; i < 100_000; i++) {
      const x = rng.next();
      if (!(x >= 0 && x < 1)) outside++;
      sum += x;
    }
    expect(outside).toBe(0);
    expect(sum / 100_000).toBeCloseTo(0.5, 2);
  });

  it('draws integers within both bounds and reaches each of them', () => {
    const rng = new SeededRandom(9);
    const seen = new Set<number>();
    for (let i = 0; i < 10_000; i++) {
      const n = rng.int(3, 8);
      expect(n).toBeGreaterThanOrEqual(3);
      expect(n).toBeLessThanOrEqual(8);
      seen.add(n);
    }
    expect([...seen].sort()).toEqual([3, 4, 5, 6, 7, 8]);
  });

  it('picks by weight', () => {
    const rng = new SeededRandom(11);
    const weights = cumulative([1, 0, 9]);
    const counts = [0, 0, 0];
    for (let i = 0; i < 20_000; i++) counts[rng.weighted(weights)]++;
    expect(counts[1]).toBe(0);
    expect(counts[2] / 20_000).toBeGreaterThan(0.88);
    expect(counts[2] / 20_000).toBeLessThan(0.92);
  });

  it('mixes every part of a derived seed', () => {
    expect(hashSeed(1, 2)).toBe(hashSeed(1, 2));
    expect(hashSeed(1, 2)).not.toBe(hashSeed(2, 1));
    expect(hashSeed(1, 2)).not.toBe(hashSeed(1, 3));
    expect(hashSeed(20261125, 20000)).not.toBe(hashSeed(20261125, 20001));
  });
});
