import { compareMeans } from './ranking';
import type { RankedStaff, Ranking, WindowMean } from './ranking';
import type { ScoreEventInput } from './score-types';
import { COUNTING_STATUSES } from '../../appraisal/catalogue';

// The month's awards (shared/spec/scoring.md, "Monthly results and awards"), from a
// ranking. Every candidate who misses gets the reasons, in Chinese. Choices where the
// spec is silent are in docs/rules/appraisal.md, "Score arithmetic".

export interface AwardOptions {
  /** 五星级服务明星: the top this-many percent of the bureau ranking (whole percent). */
  starPercent: number;
  starMinTotal: number;
  redFlagWindows: number;
  redFlagMinStaff: number;
  chiefRepMinTotal: number;
  /** 优秀首席代表: the best chief representative bureau-wide, or the best one per section. */
  chiefRepScope: 'bureau' | 'section';
}

export const DEFAULT_AWARD_OPTIONS: Readonly<AwardOptions> = {
  starPercent: 10,
  starMinTotal: 950,
  redFlagWindows: 5,
  redFlagMinStaff: 2,
  chiefRepMinTotal: 950,
  chiefRepScope: 'bureau'
};

/** The month's exclusions of a person; a person without flags has neither. */
export interface AwardFlags {
  staffId: number;
  substantiatedComplaint: boolean;
  statutoryOverdue: boolean;
}

export type MissCode =
  | 'not_top_share'
  | 'below_min_total'
  | 'substantiated_complaint'
  | 'statutory_overdue'
  | 'too_few_staff'
  | 'not_top_windows'
  | 'not_best_chief_rep'
  | 'not_scored';

export interface Miss {
  code: MissCode;
  reason: string;
}

export interface StaffMiss {
  staffId: number;
  reasons: Miss[];
}

export interface Awards {
  star: { limitRank: number; winners: RankedStaff[]; misses: StaffMiss[] };
  redFlagWindows: { winners: WindowMean[]; misses: { windowId: number; reasons: Miss[] }[] };
  chiefRep: { winners: RankedStaff[]; misses: StaffMiss[] };
}

/** The last rank within the top `percent` % of `count` people: ⌈count × percent / 100⌉. */
export function topShareRank(count: number, percent: number): number {
  return Math.floor((count * percent + 99) / 100); // integer ceiling: no 0.1 × 30 = 3.0000000000000004
}

/** The exclusions of each person, from their counting events of the month. */
export function flagsFromEvents(events: readonly ScoreEventInput[]): AwardFlags[] {
  const flags = new Map<number, AwardFlags>();
  for (const e of events) {
    if (e.retracted || !COUNTING_STATUSES.includes(e.status)) continue;
    const f = flags.get(e.staffId) ?? {
      staffId: e.staffId,
      substantiatedComplaint: false,
      statutoryOverdue: false
    };
    if (e.ruleCode === 'substantiated_complaint') f.substantiatedComplaint = true;
    if (e.ruleCode === 'statutory_overdue') f.statutoryOverdue = true;
    flags.set(e.staffId, f);
  }
  return [...flags.values()];
}

export function awards(
  ranking: Ranking,
  flags: readonly AwardFlags[],
  chiefRepIds: readonly number[],
  options: Partial<AwardOptions> = {}
): Awards {
  const o = { ...DEFAULT_AWARD_OPTIONS, ...options };
  return {
    star: stars(ranking, flags, o),
    redFlagWindows: redFlags(ranking, o),
    chiefRep: chiefReps(ranking, chiefRepIds, o)
  };
}

function stars(ranking: Ranking, flags: readonly AwardFlags[], o: AwardOptions): Awards['star'] {
  const limitRank = topShareRank(ranking.bureau.length, o.starPercent);
  const byId = new Map(flags.map((f) => [f.staffId, f]));
  const winners: RankedStaff[] = [];
  const misses: StaffMiss[] = [];
  for (const p of ranking.bureau) {
    const reasons: Miss[] = [];
    if (p.bureauRank > limitRank) {
      reasons.push(
        miss('not_top_share', `全局排名第 ${p.bureauRank}，未进入前 ${o.starPercent}%（前 ${limitRank} 名）`)
      );
    }
    if (p.total < o.starMinTotal)
      reasons.push(miss('below_min_total', `得分 ${p.total}，低于 ${o.starMinTotal} 分`));
    const f = byId.get(p.staffId);
    if (f?.substantiatedComplaint) reasons.push(miss('substantiated_complaint', '本月有属实投诉'));
    if (f?.statutoryOverdue) reasons.push(miss('statutory_overdue', '本月有办件超法定时限'));
    if (reasons.length === 0) winners.push(p);
    else misses.push({ staffId: p.staffId, reasons });
  }
  return { limitRank, winners, misses };
}

function redFlags(ranking: Ranking, o: AwardOptions): Awards['redFlagWindows'] {
  const misses: { windowId: number; reasons: Miss[] }[] = [];
  const eligible = ranking.windows.filter((w) => {
    if (w.staffCount >= o.redFlagMinStaff) return true;
    const text = `参评人数 ${w.staffCount} 人，不足 ${o.redFlagMinStaff} 人`;
    misses.push({ windowId: w.windowId, reasons: [miss('too_few_staff', text)] });
    return false;
  });
  // ranking.windows is sorted by mean; ranks are recomputed among the eligible windows.
  const winners: WindowMean[] = [];
  const ranks: number[] = [];
  eligible.forEach((w, i) => {
    const r = i > 0 && compareMeans(eligible[i - 1], w) === 0 ? ranks[i - 1] : i + 1;
    ranks.push(r);
    if (r <= o.redFlagWindows) winners.push(w);
    else {
      const text = `平均分排名第 ${r}，未进入前 ${o.redFlagWindows} 名`;
      misses.push({ windowId: w.windowId, reasons: [miss('not_top_windows', text)] });
    }
  });
  return { winners, misses };
}

function chiefReps(ranking: Ranking, chiefRepIds: readonly number[], o: AwardOptions): Awards['chiefRep'] {
  const ids = new Set(chiefRepIds);
  const reps = ranking.bureau.filter((p) => ids.has(p.staffId));
  const groups = new Map<string, RankedStaff[]>();
  for (const p of reps) {
    const key = o.chiefRepScope === 'bureau' ? '' : (p.sectionCode ?? '');
    groups.set(key, [...(groups.get(key) ?? []), p]);
  }
  const winners: RankedStaff[] = [];
  const misses: StaffMiss[] = [];
  for (const group of groups.values()) {
    const best = Math.max(...group.map((p) => p.total));
    for (const p of group) {
      const reasons: Miss[] = [];
      if (p.total < best) {
        const where = o.chiefRepScope === 'bureau' ? '全局首席代表' : '本科室首席代表';
        reasons.push(miss('not_best_chief_rep', `得分 ${p.total}，不是${where}中的最高分（${best}）`));
      }
      if (p.total < o.chiefRepMinTotal) {
        reasons.push(miss('below_min_total', `得分 ${p.total}，低于 ${o.chiefRepMinTotal} 分`));
      }
      if (reasons.length === 0) winners.push(p);
      else misses.push({ staffId: p.staffId, reasons });
    }
  }
  const scored = new Set(reps.map((p) => p.staffId));
  for (const id of ids) {
    if (!scored.has(id)) misses.push({ staffId: id, reasons: [miss('not_scored', '本月无考核得分')] });
  }
  return { winners: winners.sort((a, b) => a.bureauRank - b.bureauRank), misses };
}

const miss = (code: MissCode, reason: string): Miss => ({ code, reason });
