import type { Dimension, EventStatus } from '../../appraisal/catalogue';
import { awards, flagsFromEvents, type AwardFlags, type Miss } from './awards';
import { monthScore, type DimensionScore, type EventExplanation } from './month-score';
import { rank } from './ranking';
import type { RuleSet, ScoreEventInput } from './score-types';

// A month's results (docs/rules/appraisal.md "Monthly results and closing"), assembled
// from the people scored and the month's events: every person's score, the rankings, the
// window means and the awards. Pure. The same shape is the frozen snapshot of a closed
// month (appraisal_months.results), so it holds plain JSON only and names everything it
// shows (a person renamed or moved later does not rewrite a closed month).

export const RESULTS_VERSION = 1;

/** An active window-facing staff member as synced now, with their section and window. */
export interface ScoredPerson {
  staffId: number;
  staffNo: string;
  name: string;
  position: 'window' | 'chief_rep';
  sectionCode: string | null;
  sectionName: string | null;
  windowId: number | null;
  windowCode: string | null;
  windowName: string | null;
}

export interface WindowInfo {
  windowId: number;
  code: string;
  name: string;
  sectionCode: string | null;
}

/** An event's explanation as frozen: what it was at closing, and what it did. */
export interface ResultEvent extends EventExplanation {
  status: EventStatus;
  retracted: boolean;
}

export interface PersonResult extends ScoredPerson {
  dimensions: Record<Dimension, DimensionScore>;
  bonus: { raw: number; counted: number; cap: number };
  total: number;
  bureauRank: number;
  sectionRank: number | null;
  flags: { substantiatedComplaint: boolean; statutoryOverdue: boolean };
  events: ResultEvent[];
}

export interface WindowResult extends WindowInfo {
  staffCount: number;
  sum: number;
  mean: number;
  rank: number;
}

export interface AwardResults {
  star: { limitRank: number; winners: number[]; misses: { staffId: number; reasons: Miss[] }[] };
  redFlagWindows: { winners: number[]; misses: { windowId: number; reasons: Miss[] }[] };
  chiefRep: { winners: number[]; misses: { staffId: number; reasons: Miss[] }[] };
}

export interface MonthResults {
  version: typeof RESULTS_VERSION;
  /** 'YYYY-MM' */
  month: string;
  ruleSetId: number;
  /** ISO instant the numbers were computed (for a closed month: at closing). */
  computedAt: string;
  /** Everyone scored, best first (the bureau ranking). */
  staff: PersonResult[];
  sections: { code: string; name: string; staffIds: number[] }[];
  /** Windows with scored staff, best mean first. */
  windows: WindowResult[];
  /** Mean total of everyone scored; null when no one is. */
  bureauMean: number | null;
  awards: AwardResults;
  /** Events of the month of people not scored (inactive, reviewers…): shown, never counted. */
  unscoredEvents: number;
}

export interface ResultsInput {
  month: string;
  ruleSet: RuleSet;
  people: readonly ScoredPerson[];
  windows: readonly WindowInfo[];
  /** Every event of the month, of anyone; ids numeric so that caps take them in id order. */
  events: readonly (ScoreEventInput & { status: EventStatus })[];
  now: Date;
}

export function assembleMonthResults(input: ResultsInput): MonthResults {
  const byStaff = new Map<number, ResultsInput['events'][number][]>();
  const scoredIds = new Set(input.people.map((p) => p.staffId));
  let unscoredEvents = 0;
  for (const e of input.events) {
    if (!scoredIds.has(e.staffId)) {
      unscoredEvents++;
      continue;
    }
    const list = byStaff.get(e.staffId) ?? [];
    list.push(e);
    byStaff.set(e.staffId, list);
  }
  const flags = new Map<number, AwardFlags>(
    flagsFromEvents(input.events.filter((e) => scoredIds.has(e.staffId))).map((f) => [f.staffId, f])
  );

  const scores = new Map(
    input.people.map((p) => {
      const events = byStaff.get(p.staffId) ?? [];
      const score = monthScore(events, input.ruleSet);
      const byId = new Map(events.map((e) => [String(e.id), e]));
      const explained: ResultEvent[] = score.events.map((x) => {
        const e = byId.get(String(x.eventId))!;
        return { ...x, status: e.status, retracted: Boolean(e.retracted) };
      });
      return [p.staffId, { person: p, score, events: explained }] as const;
    })
  );

  const ranking = rank(
    input.people.map((p) => ({
      staffId: p.staffId,
      staffNo: p.staffNo,
      sectionCode: p.sectionCode,
      windowId: p.windowId,
      total: scores.get(p.staffId)!.score.total
    }))
  );
  const chiefRepIds = input.people.filter((p) => p.position === 'chief_rep').map((p) => p.staffId);
  const won = awards(ranking, [...flags.values()], chiefRepIds);

  const staff: PersonResult[] = ranking.bureau.map((r) => {
    const { person, score, events } = scores.get(r.staffId)!;
    const f = flags.get(r.staffId);
    return {
      ...person,
      dimensions: score.dimensions,
      bonus: score.bonus,
      total: score.total,
      bureauRank: r.bureauRank,
      sectionRank: r.sectionRank,
      flags: {
        substantiatedComplaint: f?.substantiatedComplaint ?? false,
        statutoryOverdue: f?.statutoryOverdue ?? false
      },
      events
    };
  });

  const sectionNames = new Map(input.people.map((p) => [p.sectionCode, p.sectionName]));
  const windowInfo = new Map(input.windows.map((w) => [w.windowId, w]));
  const total = staff.reduce((sum, p) => sum + p.total, 0);
  return {
    version: RESULTS_VERSION,
    month: input.month,
    ruleSetId: input.ruleSet.id,
    computedAt: input.now.toISOString(),
    staff,
    sections: ranking.sections.map((s) => ({
      code: s.sectionCode,
      name: sectionNames.get(s.sectionCode) ?? s.sectionCode,
      staffIds: s.staff.map((p) => p.staffId)
    })),
    windows: ranking.windows.map((w) => {
      const info = windowInfo.get(w.windowId);
      return {
        windowId: w.windowId,
        code: info?.code ?? String(w.windowId),
        name: info?.name ?? `窗口 ${w.windowId}`,
        sectionCode: info?.sectionCode ?? null,
        staffCount: w.staffCount,
        sum: w.sum,
        mean: w.mean,
        rank: w.rank
      };
    }),
    bureauMean: staff.length ? total / staff.length : null,
    awards: {
      star: {
        limitRank: won.star.limitRank,
        winners: won.star.winners.map((p) => p.staffId),
        misses: won.star.misses
      },
      redFlagWindows: {
        winners: won.redFlagWindows.winners.map((w) => w.windowId),
        misses: won.redFlagWindows.misses
      },
      chiefRep: { winners: won.chiefRep.winners.map((p) => p.staffId), misses: won.chiefRep.misses }
    },
    unscoredEvents
  };
}
