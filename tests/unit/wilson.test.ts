import { describe, expect, it } from 'vitest';
import { wilsonInterval, Z_95 } from '../../src/lib/server/case-audits/wilson';

// The 95 % Wilson score interval for a defect rate. Two independent checks:
//  1. Published values: Newcombe, R. G. (1998), "Two-sided confidence intervals for the
//     single proportion: comparison of seven methods", Statistics in Medicine 17:857–872,
//     worked examples, method 3 (score method without continuity correction): 81/263 →
//     0.2553–0.3662, 15/148 → 0.0624–0.1605, 0/20 → 0–0.1611, 1/29 → 0.0061–0.1718.
//     The same four values come out of an independent Python computation (formula below).
//  2. The textbook formula written out separately (centre ± half-width form, rather than
//     the module's), checked to 1e-12 on several counts.

function textbook(x: number, n: number, z = 1.959963984540054): [number, number] {
  // (x + z²/2 ± z·√(x(n−x)/n + z²/4)) / (n + z²), the form in Wilson (1927) multiplied out.
  const z2 = z * z;
  const root = z * Math.sqrt((x * (n - x)) / n + z2 / 4);
  return [(x + z2 / 2 - root) / (n + z2), (x + z2 / 2 + root) / (n + z2)];
}

const round4 = (v: number) => Math.round(v * 1e4) / 1e4;
const rounded = (x: number, n: number) => {
  const w = wilsonInterval(x, n)!;
  return [round4(w.lower), round4(w.upper)];
};

describe('the Wilson interval', () => {
  it("matches Newcombe's published values to 4 decimals", () => {
    expect(rounded(81, 263)).toEqual([0.2553, 0.3662]);
    expect(rounded(15, 148)).toEqual([0.0624, 0.1605]);
    expect(rounded(0, 20)).toEqual([0, 0.1611]);
    expect(rounded(1, 29)).toEqual([0.0061, 0.1718]);
  });

  it('of 0/10, 5/10, 10/10, 1/50, 29/29 is, to 4 decimals, [0, 0.2775], [0.2366, 0.7634], [0.7225, 1], [0.0035, 0.1050], [0.8830, 1]', () => {
    // 0/10: upper = z²/(n + z²) = 3.8415/13.8415 = 0.27753; 10/10 is its mirror image.
    expect(rounded(0, 10)).toEqual([0, 0.2775]);
    expect(rounded(5, 10)).toEqual([0.2366, 0.7634]);
    expect(rounded(10, 10)).toEqual([0.7225, 1]);
    expect(rounded(1, 50)).toEqual([0.0035, 0.105]);
    expect(rounded(29, 29)).toEqual([0.883, 1]); // the mirror image of 0/29
  });

  it('agrees with the textbook formula to 1e-12', () => {
    for (const [x, n] of [
      [0, 10],
      [5, 10],
      [10, 10],
      [1, 50],
      [81, 263],
      [3, 7],
      [1, 1],
      [499, 1000]
    ]) {
      const w = wilsonInterval(x, n)!;
      const [lower, upper] = textbook(x, n);
      expect(w.lower).toBeCloseTo(lower, 12);
      expect(w.upper).toBeCloseTo(upper, 12);
      expect(w.estimate).toBe(x / n);
    }
  });

  it('is exactly 0 below at no defects and exactly 1 above when all are defective', () => {
    expect(wilsonInterval(0, 10)!.lower).toBe(0);
    expect(wilsonInterval(10, 10)!.upper).toBe(1); // the formula gives 0.9999999999999999
  });

  it('contains the estimate and is symmetric: x/n mirrors (n − x)/n', () => {
    const a = wilsonInterval(3, 40)!;
    const b = wilsonInterval(37, 40)!;
    expect(a.lower).toBeLessThan(a.estimate);
    expect(a.upper).toBeGreaterThan(a.estimate);
    expect(a.lower).toBeCloseTo(1 - b.upper, 12);
    expect(a.upper).toBeCloseTo(1 - b.lower, 12);
  });

  it('uses z = 1.959963984540054 by default and narrows with a smaller z', () => {
    expect(Z_95).toBe(1.959963984540054);
    expect(wilsonInterval(5, 10)).toEqual(wilsonInterval(5, 10, Z_95));
    const narrow = wilsonInterval(5, 10, 1)!;
    expect(narrow.upper - narrow.lower).toBeLessThan(0.7634 - 0.2366);
  });

  it('is null when nothing was reviewed', () => {
    expect(wilsonInterval(0, 0)).toBeNull();
  });

  it('refuses impossible counts', () => {
    expect(() => wilsonInterval(11, 10)).toThrow(RangeError);
    expect(() => wilsonInterval(-1, 10)).toThrow(RangeError);
    expect(() => wilsonInterval(1.5, 10)).toThrow(RangeError);
    expect(() => wilsonInterval(1, -1)).toThrow(RangeError);
    expect(() => wilsonInterval(1, 10, 0)).toThrow(RangeError);
  });
});
