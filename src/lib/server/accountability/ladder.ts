// The accountability ladder (责任追究; shared/spec/audits.md): the level the product
// suggests for a new record, and a person's yearly counts. Pure: no database. The
// suggestion is advice shown to the inspector and the leader; the leader decides.
// Rules: docs/rules/accountability.md.

export type LadderState = 'proposed' | 'decided' | 'declined' | 'superseded';

export interface Level {
  level: number;
  label: string;
}

/** One of the person's records, as the ladder needs it. */
export interface PastRecord {
  id: number;
  grounds: string;
  state: LadderState;
  /** The level decided (state 'decided' only). */
  decidedLevel: number | null;
  /** Bureau-local date of the decision or the declining, 'YYYY-MM-DD'. */
  decidedOn: string | null;
  /** Bureau-local date of the proposal. */
  proposedOn: string;
}

export interface SuggestionInput {
  /** The configured levels (any order); at least one. */
  levels: readonly Level[];
  grounds: string;
  groundsLabel: string;
  /** The level suggested for a first record of these grounds. */
  startLevel: number;
  history: readonly PastRecord[];
  /** Bureau-local date the suggestion is for. */
  today: string;
  /** Records not to count (the record being decided, the one a correction replaces). */
  excludeIds?: readonly number[];
}

export interface Suggestion {
  level: number;
  label: string;
  reason: string;
  /** The decided records of the same grounds in the window, newest first. */
  prior: PastRecord[];
}

/** Grounds whose records are not compared: "other" covers unrelated matters. */
const NOT_CUMULATIVE = 'other';

/** The first day of the 12 months ending today: the same date a year earlier (29 Feb → 28 Feb). */
export function windowStart(today: string): string {
  const [y, m, d] = today.split('-').map(Number);
  const lastDay = new Date(Date.UTC(y - 1, m, 0)).getUTCDate();
  const day = Math.min(d, lastDay);
  return `${String(y - 1).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function sorted(levels: readonly Level[]): Level[] {
  if (levels.length === 0) throw new Error('the accountability ladder has no levels');
  return [...levels].sort((a, b) => a.level - b.level);
}

/** The lowest configured level at or above `wanted`, or the top one. */
function atLeast(ladder: Level[], wanted: number): Level {
  return ladder.find((l) => l.level >= wanted) ?? ladder[ladder.length - 1];
}

const named = (l: Level) => `第 ${l.level} 级「${l.label}」`;

export function suggestLevel(input: SuggestionInput): Suggestion {
  const ladder = sorted(input.levels);
  const start = atLeast(ladder, input.startLevel);
  const from = windowStart(input.today);
  const excluded = new Set(input.excludeIds ?? []);
  const prior = input.history
    .filter(
      (r) =>
        !excluded.has(r.id) &&
        r.state === 'decided' &&
        r.grounds === input.grounds &&
        r.decidedLevel !== null &&
        r.decidedOn !== null &&
        r.decidedOn >= from &&
        r.decidedOn <= input.today
    )
    .sort((a, b) => (a.decidedOn! < b.decidedOn! ? 1 : a.decidedOn! > b.decidedOn! ? -1 : b.id - a.id));
  const startNote = start.level > ladder[0].level ? `；${input.groundsLabel}的建议起点为${named(start)}` : '';
  if (input.grounds === NOT_CUMULATIVE)
    return {
      ...start,
      prior,
      reason: `「其他」事由各不相同，不按同一事由累进（12个月内已有 ${prior.length} 条此类记录），建议${named(start)}，请结合本人记录判断`
    };
  if (prior.length === 0)
    return { ...start, prior, reason: `同一事由12个月内无已决定的追责记录，建议${named(start)}${startNote}` };
  const highest = Math.max(...prior.map((r) => r.decidedLevel!));
  const highestLevel = ladder.find((l) => l.level === highest);
  const highestText = highestLevel ? named(highestLevel) : `第 ${highest} 级`;
  const top = ladder[ladder.length - 1];
  const seen = `同一事由12个月内已有 ${prior.length} 次已决定的追责（最高${highestText}）`;
  if (highest >= top.level) return { ...top, prior, reason: `${seen}，已达最高级别，建议${named(top)}` };
  const next = ladder.find((l) => l.level > highest)!;
  if (next.level < start.level)
    return { ...start, prior, reason: `${seen}，提高一级为${named(next)}${startNote}，建议${named(start)}` };
  return { ...next, prior, reason: `${seen}，建议提高一级：${named(next)}` };
}

export interface YearCount {
  year: number;
  /** Records in force: proposed, decided and declined (superseded ones are not counted). */
  total: number;
  proposed: number;
  decided: number;
  declined: number;
  /** Decided records per level. */
  byLevel: Record<number, number>;
}

/** The year a record counts in: that of its decision, or of its proposal while undecided. */
export function recordYear(r: PastRecord): number {
  return Number((r.decidedOn ?? r.proposedOn).slice(0, 4));
}

/** Per-year counts of a person's records, newest year first. */
export function yearlyCounts(history: readonly PastRecord[]): YearCount[] {
  const years = new Map<number, YearCount>();
  for (const r of history) {
    if (r.state === 'superseded') continue;
    const year = recordYear(r);
    let count = years.get(year);
    if (!count) {
      count = { year, total: 0, proposed: 0, decided: 0, declined: 0, byLevel: {} };
      years.set(year, count);
    }
    count.total += 1;
    count[r.state] += 1;
    if (r.state === 'decided' && r.decidedLevel !== null)
      count.byLevel[r.decidedLevel] = (count.byLevel[r.decidedLevel] ?? 0) + 1;
  }
  return [...years.values()].sort((a, b) => b.year - a.year);
}
