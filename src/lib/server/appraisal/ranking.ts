// The month's rankings (shared/spec/scoring.md, "Monthly results and awards"): staff
// bureau-wide and within each section, and windows by their mean staff score. Competition
// ranking (1, 2, 2, 4): equal totals share a rank and the next rank skips; among equals
// the listing order is by staff_no (code-unit order, as stored). Totals are whole or half
// points, so comparing them is exact; window means are compared as fractions.

export interface RankInput {
  staffId: number;
  staffNo: string;
  /** Null for staff attached to no section: ranked bureau-wide only. */
  sectionCode: string | null;
  /** Null for staff at no window: in no window mean. */
  windowId: number | null;
  total: number;
}

export interface RankedStaff extends RankInput {
  bureauRank: number;
  /** Rank within the section; null without a section. */
  sectionRank: number | null;
}

export interface WindowMean {
  windowId: number;
  /** Number of scored staff of the window. */
  staffCount: number;
  /** Σ of their totals. */
  sum: number;
  /** sum / staffCount, unrounded (format for display only). */
  mean: number;
  /** Competition rank among all windows by mean, descending. */
  rank: number;
}

export interface Ranking {
  /** Everyone scored, best first. */
  bureau: RankedStaff[];
  /** Per section (by section code), best first. */
  sections: { sectionCode: string; staff: RankedStaff[] }[];
  /** Windows, best mean first; equal means by window id. */
  windows: WindowMean[];
}

const byCode = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Competition ranks of a sorted list, given "equal to the previous" and "better than". */
function competitionRanks<T>(sorted: readonly T[], tied: (a: T, b: T) => boolean): number[] {
  const ranks: number[] = [];
  sorted.forEach((x, i) => ranks.push(i > 0 && tied(sorted[i - 1], x) ? ranks[i - 1] : i + 1));
  return ranks;
}

export function rank(people: readonly RankInput[]): Ranking {
  const ids = new Set<number>();
  for (const p of people) {
    if (ids.has(p.staffId)) throw new RangeError(`staff ${p.staffId} ranked twice`);
    ids.add(p.staffId);
  }
  const sorted = [...people].sort(
    (a, b) => b.total - a.total || byCode(a.staffNo, b.staffNo) || a.staffId - b.staffId
  );
  const bureauRanks = competitionRanks(sorted, (a, b) => a.total === b.total);
  const bureau: RankedStaff[] = sorted.map((p, i) => ({
    ...p,
    bureauRank: bureauRanks[i],
    sectionRank: null
  }));

  const groups = new Map<string, RankedStaff[]>();
  for (const p of bureau) {
    if (p.sectionCode === null) continue;
    const g = groups.get(p.sectionCode) ?? [];
    g.push(p);
    groups.set(p.sectionCode, g);
  }
  const sections = [...groups.keys()].sort(byCode).map((sectionCode) => {
    const staff = groups.get(sectionCode)!;
    const ranks = competitionRanks(staff, (a, b) => a.total === b.total);
    staff.forEach((p, i) => (p.sectionRank = ranks[i]));
    return { sectionCode, staff };
  });

  return { bureau, sections, windows: windowMeans(people) };
}

/** Compares two means a.sum/a.count and b.sum/b.count exactly (totals are half-points). */
export function compareMeans(a: WindowMean, b: WindowMean): number {
  return b.sum * 2 * a.staffCount - a.sum * 2 * b.staffCount;
}

function windowMeans(people: readonly RankInput[]): WindowMean[] {
  const acc = new Map<number, { sum: number; count: number }>();
  for (const p of people) {
    if (p.windowId === null) continue;
    const w = acc.get(p.windowId) ?? { sum: 0, count: 0 };
    w.sum += p.total;
    w.count++;
    acc.set(p.windowId, w);
  }
  const windows: WindowMean[] = [...acc].map(([windowId, w]) => ({
    windowId,
    staffCount: w.count,
    sum: w.sum,
    mean: w.sum / w.count,
    rank: 0
  }));
  windows.sort((a, b) => compareMeans(a, b) || a.windowId - b.windowId);
  const ranks = competitionRanks(windows, (a, b) => compareMeans(a, b) === 0);
  windows.forEach((w, i) => (w.rank = ranks[i]));
  return windows;
}
