import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  drawKey,
  drawReviewers,
  drawSample,
  generateSeed,
  SamplingError,
  stratumSampleSize,
  validateSeed,
  type PopulationCase
} from '../../src/lib/server/case-audits/sampling';

// The draw of audits.md ("双随机"). Reference keys are computed here with node:crypto
// directly; the literal vectors were produced once with Python's hmac module and checked
// with `printf '%s' SP2025-0005 | openssl dgst -sha256 -hmac 20250310`, so a change of
// the algorithm (key/message swapped, other encoding, other order) breaks these tests.

const hmac = (key: string, message: string) =>
  createHmac('sha256', Buffer.from(key, 'utf8')).update(Buffer.from(message, 'utf8')).digest('hex');

const SEED = '20250310';
const cases = (prefix: string, stratum: string, count: number): PopulationCase[] =>
  Array.from({ length: count }, (_, i) => ({
    caseNo: `${prefix}${String(i + 1).padStart(4, '0')}`,
    stratum
  }));
// S01: 12 cases, S02: 4 cases with Chinese case numbers, S03: 100 cases.
const POPULATION: PopulationCase[] = [
  ...cases('SP2025-', 'S01', 12),
  ...Array.from({ length: 4 }, (_, i) => ({ caseNo: `行审〔2025〕第000${i + 1}号`, stratum: 'S02' })),
  ...cases('GT2025-', 'S03', 100)
];
const PLAN = { seed: SEED, rate: 0.05, minimum: 3 };

describe('the sample size of a stratum, n = min(N, max(minimum, ceil(rate × N)))', () => {
  it('is the minimum while rate × N is smaller: 5 % of 12 → 3', () => {
    expect(stratumSampleSize(12, 0.05, 3)).toBe(3);
  });

  it('is ceil(rate × N) above the minimum: 5 % of 61 = 3.05 → 4, of 200 → 10', () => {
    expect(stratumSampleSize(61, 0.05, 3)).toBe(4);
    expect(stratumSampleSize(200, 0.05, 3)).toBe(10);
  });

  it('does not round up floating-point noise: 7 % of 100 is 7, not 8 (0.07 × 100 = 7.000000000000001)', () => {
    expect(0.07 * 100).toBeGreaterThan(7); // the trap
    expect(stratumSampleSize(100, 0.07, 3)).toBe(7);
    expect(stratumSampleSize(100, 0.05, 3)).toBe(5);
    expect(stratumSampleSize(300, 0.07, 3)).toBe(21); // 0.07 × 300 = 21.000000000000004
    expect(stratumSampleSize(200, 0.035, 3)).toBe(7); // 0.035 × 200 = 7.000000000000001
    expect(stratumSampleSize(100, 0.55, 3)).toBe(55); // 0.55 × 100 = 55.00000000000001
    expect(stratumSampleSize(100, 0.57, 3)).toBe(57); // 0.57 × 100 = 56.99999999999999
  });

  it('rounds a true fraction up however small: 5 % of 101 = 5.05 → 6', () => {
    expect(stratumSampleSize(101, 0.05, 3)).toBe(6);
    expect(stratumSampleSize(1_000_001, 0.000001, 0)).toBe(2);
  });

  it('caps the minimum at the stratum size: 2 cases and minimum 3 → 2; empty stratum → 0', () => {
    expect(stratumSampleSize(2, 0.05, 3)).toBe(2);
    expect(stratumSampleSize(3, 0.05, 3)).toBe(3);
    expect(stratumSampleSize(0, 0.05, 3)).toBe(0);
  });

  it('takes everything at rate 100 %, and only the minimum at rate 0', () => {
    expect(stratumSampleSize(17, 1, 3)).toBe(17);
    expect(stratumSampleSize(17, 0, 3)).toBe(3);
    expect(stratumSampleSize(17, 0, 0)).toBe(0);
  });

  it('refuses a rate outside 0..1, finer than 0.0001 %, or non-integer sizes', () => {
    expect(() => stratumSampleSize(10, 1.5, 3)).toThrow(SamplingError);
    expect(() => stratumSampleSize(10, -0.01, 3)).toThrow('抽查比例应在 0 到 100% 之间');
    expect(() => stratumSampleSize(10, Number.NaN, 3)).toThrow(SamplingError);
    expect(() => stratumSampleSize(10, 0.0500001, 3)).toThrow('抽查比例最多精确到 0.0001%');
    expect(() => stratumSampleSize(10.5, 0.05, 3)).toThrow(SamplingError);
    expect(() => stratumSampleSize(10, 0.05, -1)).toThrow(SamplingError);
    expect(() => stratumSampleSize(10, 0.05, 2.5)).toThrow(SamplingError);
  });
});

describe('the key of a case', () => {
  it('is the lowercase hex HMAC-SHA256 with the seed as key and the case number as message', () => {
    expect(drawKey('seed', 'case')).toBe(hmac('seed', 'case'));
    expect(drawKey('seed', 'case')).toBe('a0c3f00b7dda2447d0a11956262a474035242cade205edb9a2294f0b56b653f8');
    expect(drawKey('seed', 'case')).not.toBe(hmac('case', 'seed'));
  });

  it('hashes Chinese text as UTF-8', () => {
    expect(drawKey('审批', '行审〔2025〕第0001号')).toBe(
      '5db315f47abe0806ce0718ddf3af5cad30ff90018b9a273a5ef37e9da0ffb27b'
    );
  });

  it('takes the case number byte for byte (no trimming, case matters)', () => {
    expect(drawKey(SEED, 'SP2025-0001 ')).not.toBe(drawKey(SEED, 'SP2025-0001'));
    expect(drawKey(SEED, 'sp2025-0001')).not.toBe(drawKey(SEED, 'SP2025-0001'));
  });
});

describe('a draw', () => {
  const draw = drawSample(PLAN, POPULATION);

  it('gives per stratum, sorted by code, the population size, n and the n smallest keys ascending', () => {
    expect(draw.strata.map((s) => [s.stratum, s.populationSize, s.sampleSize])).toEqual([
      ['S01', 12, 3],
      ['S02', 4, 3],
      ['S03', 100, 5]
    ]);
    expect(draw).toMatchObject({ populationSize: 116, sampleSize: 11 });
  });

  it('matches the literal vectors (seed 20250310, 5 %, minimum 3)', () => {
    expect(draw.strata.map((s) => s.drawn.map((d) => d.caseNo))).toEqual([
      ['SP2025-0005', 'SP2025-0012', 'SP2025-0007'],
      ['行审〔2025〕第0002号', '行审〔2025〕第0001号', '行审〔2025〕第0004号'],
      ['GT2025-0039', 'GT2025-0016', 'GT2025-0079', 'GT2025-0095', 'GT2025-0099']
    ]);
    expect(draw.strata[0].drawn[0]).toEqual({
      caseNo: 'SP2025-0005',
      key: '083c9c5f8050549e55e325fdf7e361072fd3f611b3155b83c002ba7d8dd7d1e3'
    });
  });

  it('agrees with an independent recomputation: sort every stratum by HMAC and take n', () => {
    for (const stratum of draw.strata) {
      const keys = POPULATION.filter((c) => c.stratum === stratum.stratum)
        .map((c) => ({ caseNo: c.caseNo, key: hmac(SEED, c.caseNo) }))
        .sort((a, b) => (a.key < b.key ? -1 : 1));
      expect(stratum.drawn).toEqual(keys.slice(0, stratum.sampleSize));
    }
  });

  it('takes the whole stratum when it is smaller than the minimum, still in key order', () => {
    const small = drawSample(PLAN, [
      { caseNo: 'A-1', stratum: 'X' },
      { caseNo: 'A-2', stratum: 'X' }
    ]);
    expect(small.strata[0]).toMatchObject({ populationSize: 2, sampleSize: 2 });
    const keys = small.strata[0].drawn.map((d) => d.key);
    expect(keys).toEqual([hmac(SEED, 'A-1'), hmac(SEED, 'A-2')].sort());
  });

  it('is different with another seed', () => {
    const other = drawSample({ ...PLAN, seed: '20250311' }, POPULATION);
    expect(other.strata[2].drawn.map((d) => d.caseNo)).not.toEqual(draw.strata[2].drawn.map((d) => d.caseNo));
  });

  it('sorts strata by code unit order, not by locale (B before a, 科室 after ASCII)', () => {
    const strata = drawSample(PLAN, [
      { caseNo: '1', stratum: 'a' },
      { caseNo: '2', stratum: '科室' },
      { caseNo: '3', stratum: 'B' }
    ]).strata.map((s) => s.stratum);
    expect(strata).toEqual(['B', 'a', '科室']);
  });

  it('of an empty population has no strata', () => {
    expect(drawSample(PLAN, [])).toEqual({ strata: [], populationSize: 0, sampleSize: 0 });
  });

  it('refuses a duplicate case number, even in another stratum', () => {
    const dup = [...POPULATION, { caseNo: 'SP2025-0003', stratum: 'S03' }];
    expect(() => drawSample(PLAN, dup)).toThrow('办件编号重复：SP2025-0003');
  });

  it('refuses an empty case number or stratum', () => {
    expect(() => drawSample(PLAN, [{ caseNo: '', stratum: 'S01' }])).toThrow(SamplingError);
    expect(() => drawSample(PLAN, [{ caseNo: 'X-1', stratum: '' }])).toThrow('办件 X-1 没有分层（科室）');
  });

  it('refuses an invalid plan even for an empty population', () => {
    expect(() => drawSample({ ...PLAN, rate: 5 }, [])).toThrow(SamplingError);
  });

  it('refuses a seed not in canonical form, so the seed recorded is the seed hashed', () => {
    expect(() => drawSample({ ...PLAN, seed: ' 20250310' }, POPULATION)).toThrow(SamplingError);
    expect(() => drawSample({ ...PLAN, seed: '' }, POPULATION)).toThrow('请填写随机种子');
  });
});

describe('properties of the draw', () => {
  const population = fc
    .uniqueArray(fc.string({ minLength: 1, maxLength: 12 }), { maxLength: 60 })
    .chain((caseNos) =>
      fc.tuple(
        fc.constant(caseNos),
        fc.array(fc.constantFrom('S1', 'S2', 'S3'), { minLength: caseNos.length, maxLength: caseNos.length })
      )
    )
    .map(([caseNos, strata]) => caseNos.map((caseNo, i) => ({ caseNo, stratum: strata[i] })));
  const plan = fc.record({
    seed: fc.string({ minLength: 1, maxLength: 20 }).filter((s) => {
      const check = validateSeed(s);
      return check.ok && check.seed === s;
    }),
    rate: fc.integer({ min: 0, max: 1000 }).map((permille) => permille / 1000),
    minimum: fc.integer({ min: 0, max: 6 })
  });

  it('draws exactly n distinct cases of each stratum, all from that stratum, in ascending key order', () => {
    fc.assert(
      fc.property(plan, population, (p, pop) => {
        const draw = drawSample(p, pop);
        for (const s of draw.strata) {
          const members = pop.filter((c) => c.stratum === s.stratum).map((c) => c.caseNo);
          expect(s.populationSize).toBe(members.length);
          expect(s.sampleSize).toBe(stratumSampleSize(members.length, p.rate, p.minimum));
          expect(s.drawn).toHaveLength(s.sampleSize);
          expect(new Set(s.drawn.map((d) => d.caseNo)).size).toBe(s.sampleSize);
          for (const d of s.drawn) expect(members).toContain(d.caseNo);
          const keys = s.drawn.map((d) => d.key);
          expect(keys).toEqual([...keys].sort());
          // Every case left out has a larger key than every case drawn.
          const last = keys.at(-1);
          const drawn = new Set(s.drawn.map((d) => d.caseNo));
          if (last) for (const c of members) if (!drawn.has(c)) expect(drawKey(p.seed, c) > last).toBe(true);
        }
      })
    );
  });

  it('does not depend on the order of the population', () => {
    fc.assert(
      fc.property(plan, population, fc.integer(), (p, pop, salt) => {
        // A deterministic shuffle: sort by a hash of the salt and the case number.
        const shuffled = [...pop].sort((a, b) =>
          hmac(String(salt), a.caseNo) < hmac(String(salt), b.caseNo) ? -1 : 1
        );
        expect(drawSample(p, shuffled)).toEqual(drawSample(p, pop));
      })
    );
  });
});

describe('the reviewers of a drawn case', () => {
  // Keys for SP2025-0001 under seed 20250310, ascending (Python hmac, openssl for R02):
  // R02 80702e…, R05 d5ec49…, R03 da9c42…, R01 f2046b…, R04 fb0791….
  const pool = ['R01', 'R02', 'R03', 'R04', 'R05'].map((id) => ({ id, conflict: false }));
  const conflicted = (...ids: string[]) => pool.map((r) => ({ ...r, conflict: ids.includes(r.id) }));

  it('is the reviewer with the smallest HMAC-SHA256(seed, case_no:reviewer_id)', () => {
    const result = drawReviewers(SEED, 'SP2025-0001', pool);
    expect(result).toEqual({
      drawn: [{ id: 'R02', key: '80702e4da68097e1c30bceb16c0dbc38034e746c916739e80290e701e7e98f60' }],
      skipped: [],
      complete: true
    });
    expect(result.drawn[0].key).toBe(hmac(SEED, 'SP2025-0001:R02'));
  });

  it('skips a reviewer with a conflict and takes the next key', () => {
    const result = drawReviewers(SEED, 'SP2025-0001', conflicted('R02'));
    expect(result.drawn.map((r) => r.id)).toEqual(['R05']);
    expect(result.skipped.map((r) => r.id)).toEqual(['R02']);
    expect(result.complete).toBe(true);
  });

  it('draws two when asked, smallest first, past conflicts: R02 R05 → (R05 conflicted) R02 R03', () => {
    expect(drawReviewers(SEED, 'SP2025-0001', pool, 2).drawn.map((r) => r.id)).toEqual(['R02', 'R05']);
    const result = drawReviewers(SEED, 'SP2025-0001', conflicted('R05'), 2);
    expect(result.drawn.map((r) => r.id)).toEqual(['R02', 'R03']);
    expect(result.skipped.map((r) => r.id)).toEqual(['R05']);
  });

  it('returns what there is and says so when too few are eligible, never a conflicted one', () => {
    const result = drawReviewers(SEED, 'SP2025-0001', conflicted('R01', 'R02', 'R03', 'R05'), 2);
    expect(result.drawn.map((r) => r.id)).toEqual(['R04']);
    expect(result.complete).toBe(false);
    expect(result.skipped.map((r) => r.id)).toEqual(['R02', 'R05', 'R03', 'R01']);
    const none = drawReviewers(SEED, 'SP2025-0001', conflicted('R01', 'R02', 'R03', 'R04', 'R05'));
    expect(none).toMatchObject({ drawn: [], complete: false });
    expect(drawReviewers(SEED, 'SP2025-0001', [])).toEqual({ drawn: [], skipped: [], complete: false });
  });

  it('does not depend on the order of the pool', () => {
    const reversed = [...conflicted('R05')].reverse();
    expect(drawReviewers(SEED, 'SP2025-0001', reversed, 2)).toEqual(
      drawReviewers(SEED, 'SP2025-0001', conflicted('R05'), 2)
    );
  });

  it('is drawn per case: another case gives other keys', () => {
    const other = drawReviewers(SEED, 'SP2025-0002', pool);
    expect(other.drawn[0].key).toBe(hmac(SEED, `SP2025-0002:${other.drawn[0].id}`));
    expect(other.drawn[0].key).not.toBe(hmac(SEED, `SP2025-0001:${other.drawn[0].id}`));
  });

  it('refuses a duplicate reviewer, an empty id, a count below 1 and a non-canonical seed', () => {
    expect(() => drawReviewers(SEED, 'X', [...pool, { id: 'R01', conflict: true }])).toThrow(
      '评查人员编号重复：R01'
    );
    expect(() => drawReviewers(SEED, 'X', [{ id: '', conflict: false }])).toThrow(SamplingError);
    expect(() => drawReviewers(SEED, 'X', pool, 0)).toThrow(SamplingError);
    expect(() => drawReviewers(SEED, 'X', pool, 1.5)).toThrow(SamplingError);
    expect(() => drawReviewers(`${SEED}\n`, 'X', pool)).toThrow(SamplingError);
  });
});

describe('a seed', () => {
  it('is trimmed and may contain inner spaces and Chinese', () => {
    expect(validateSeed('  20250310  ')).toEqual({ ok: true, seed: '20250310' });
    expect(validateSeed('第三次 局务会 8317')).toEqual({ ok: true, seed: '第三次 局务会 8317' });
  });

  it('is NFC-normalised, so the same visible text hashes the same', () => {
    const decomposed = 'Cafe\u0301';
    expect(validateSeed(decomposed)).toEqual({ ok: true, seed: 'Caf\u00e9' });
  });

  it('is 1 to 128 characters, counted as characters not UTF-16 units', () => {
    expect(validateSeed('   ')).toEqual({ ok: false, error: '请填写随机种子' });
    expect(validateSeed('x'.repeat(128)).ok).toBe(true);
    expect(validateSeed('x'.repeat(129))).toEqual({ ok: false, error: '随机种子最多 128 个字符' });
    expect(validateSeed('😀'.repeat(128)).ok).toBe(true); // 256 UTF-16 units
  });

  it('refuses unprintable characters: tab, newline, zero-width space', () => {
    for (const bad of ['a\tb', 'a\nb', 'a\u200bb', 'a\u2028b'])
      expect(validateSeed(bad)).toMatchObject({ ok: false, error: expect.stringContaining('可打印字符') });
  });

  it('generated is 32 lowercase hex characters, a valid seed, and different each time', () => {
    const a = generateSeed();
    expect(a).toMatch(/^[0-9a-f]{32}$/);
    expect(validateSeed(a)).toEqual({ ok: true, seed: a });
    expect(generateSeed()).not.toBe(a);
  });
});
