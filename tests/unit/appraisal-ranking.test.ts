import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rank } from '../../src/lib/server/appraisal/ranking';
import type { RankInput } from '../../src/lib/server/appraisal/ranking';

const p = (
  staffId: number,
  staffNo: string,
  total: number,
  sectionCode: string | null = 'A',
  windowId: number | null = 1
): RankInput => ({
  staffId,
  staffNo,
  sectionCode,
  windowId,
  total
});

describe('rank: staff', () => {
  it('ranks by total descending with competition ranks (1, 2, 2, 4)', () => {
    const r = rank([p(1, 'S01', 980), p(2, 'S02', 990), p(3, 'S03', 980), p(4, 'S04', 970)]);
    expect(r.bureau.map((x) => [x.staffId, x.bureauRank])).toEqual([
      [2, 1],
      [1, 2],
      [3, 2],
      [4, 4]
    ]);
  });

  it('lists equal totals by staff_no', () => {
    const r = rank([p(1, 'S09', 1000), p(2, 'S03', 1000), p(3, 'S10', 1000)]);
    expect(r.bureau.map((x) => x.staffNo)).toEqual(['S03', 'S09', 'S10']);
    expect(r.bureau.every((x) => x.bureauRank === 1)).toBe(true);
  });

  it('compares half points exactly', () => {
    const r = rank([p(1, 'S1', 992.5), p(2, 'S2', 993), p(3, 'S3', 992.5)]);
    expect(r.bureau.map((x) => x.bureauRank)).toEqual([1, 2, 2]);
  });

  it('ranks within each section separately, sections in code order', () => {
    const r = rank([p(1, 'S1', 990, 'B'), p(2, 'S2', 1000, 'A'), p(3, 'S3', 995, 'B'), p(4, 'S4', 980, 'A')]);
    expect(r.sections.map((s) => [s.sectionCode, s.staff.map((x) => [x.staffId, x.sectionRank])])).toEqual([
      [
        'A',
        [
          [2, 1],
          [4, 2]
        ]
      ],
      [
        'B',
        [
          [3, 1],
          [1, 2]
        ]
      ]
    ]);
    expect(r.bureau.find((x) => x.staffId === 1)).toMatchObject({ bureauRank: 3, sectionRank: 2 });
  });

  it('ranks staff without a section bureau-wide only', () => {
    const r = rank([p(1, 'S1', 990, null), p(2, 'S2', 1000, 'A')]);
    expect(r.bureau[1]).toMatchObject({ staffId: 1, bureauRank: 2, sectionRank: null });
    expect(r.sections).toHaveLength(1);
  });

  it('rejects a person listed twice', () => {
    expect(() => rank([p(1, 'S1', 990), p(1, 'S1', 980)])).toThrow(RangeError);
  });

  it('ranks nobody when nobody was scored', () => {
    expect(rank([])).toEqual({ bureau: [], sections: [], windows: [] });
  });
});

describe('rank: window means', () => {
  it('gives each window the mean of its scored staff and their number', () => {
    const r = rank([
      p(1, 'S1', 1000, 'A', 10),
      p(2, 'S2', 990, 'A', 10),
      p(3, 'S3', 985, 'A', 10),
      p(4, 'S4', 1020, 'A', 20)
    ]);
    expect(r.windows).toEqual([
      { windowId: 20, staffCount: 1, sum: 1020, mean: 1020, rank: 1 },
      { windowId: 10, staffCount: 3, sum: 2975, mean: 2975 / 3, rank: 2 }
    ]);
  });

  it('ties windows with equal means exactly, listed by window id', () => {
    // 1000/1 and 2000/2 are equal; 2999/3 is not.
    const r = rank([
      p(1, 'S1', 1000, 'A', 30),
      p(2, 'S2', 1000, 'A', 20),
      p(3, 'S3', 1000, 'A', 20),
      p(4, 'S4', 999.5, 'A', 5),
      p(5, 'S5', 1000, 'A', 5),
      p(6, 'S6', 999.5, 'A', 5)
    ]);
    expect(r.windows.map((w) => [w.windowId, w.rank])).toEqual([
      [20, 1],
      [30, 1],
      [5, 3]
    ]);
  });

  it('leaves staff without a window out of the window means', () => {
    const r = rank([p(1, 'S1', 1000, 'A', null), p(2, 'S2', 900, 'A', 3)]);
    expect(r.windows).toEqual([{ windowId: 3, staffCount: 1, sum: 900, mean: 900, rank: 1 }]);
  });
});

describe('rank properties', () => {
  const people = fc
    .uniqueArray(
      fc.record({
        staffId: fc.integer({ min: 1, max: 500 }),
        half: fc.integer({ min: 1980, max: 2100 }),
        section: fc.constantFrom('A', 'B', 'C'),
        w: fc.integer({ min: 1, max: 6 })
      }),
      { selector: (x) => x.staffId, maxLength: 40 }
    )
    .map((xs) =>
      xs.map((x) => p(x.staffId, `S${String(x.staffId).padStart(4, '0')}`, x.half / 2, x.section, x.w))
    );

  it('gives rank = 1 + number of people with a strictly higher total, bureau-wide and in the section', () => {
    fc.assert(
      fc.property(people, (ps) => {
        for (const x of rank(ps).bureau) {
          expect(x.bureauRank).toBe(1 + ps.filter((y) => y.total > x.total).length);
          expect(x.sectionRank).toBe(
            1 + ps.filter((y) => y.sectionCode === x.sectionCode && y.total > x.total).length
          );
        }
      })
    );
  });

  it('does not depend on the input order', () => {
    fc.assert(
      fc.property(people, (ps) => {
        expect(rank([...ps].reverse())).toEqual(rank(ps));
      })
    );
  });
});
