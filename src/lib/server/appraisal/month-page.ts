import type { Dimension } from '../../appraisal/catalogue';
import { CHIEF_SHARE_RULE } from '../../appraisal/catalogue';
import type { Miss } from './awards';
import type { MonthView } from './results.service';
import type { MonthResults } from './month-results';
import type { RuleSet } from './score-types';

// The /appraisal page's data from a month's (scoped) results: slim rows without the
// events (1,000 people's explanations would weigh megabytes), names for the awards and
// their misses, and the corrections after closing with their rows. Pure.

export interface RankingRow {
  staffId: number;
  staffNo: string;
  name: string;
  sectionCode: string | null;
  sectionName: string | null;
  windowName: string | null;
  chief: boolean;
  dimensions: Record<Dimension, number>;
  bonus: number;
  total: number;
  bureauRank: number;
  sectionRank: number | null;
}

export interface AwardLine {
  id: number;
  label: string;
  detail: string;
  reasons: string[];
}

export function ruleLabels(ruleSet: RuleSet): Record<string, string> {
  return {
    ...Object.fromEntries(ruleSet.rules.map((r) => [r.code, r.label])),
    [CHIEF_SHARE_RULE]: '首席代表连带扣分'
  };
}

const reasonsOf = (misses: { reasons: Miss[] }[], i: number) => misses[i].reasons.map((r) => r.reason);

export function monthPageData(
  results: MonthResults,
  view: Pick<MonthView, 'corrections' | 'correctionRows'>
) {
  const byId = new Map(results.staff.map((p) => [p.staffId, p]));
  const rows: RankingRow[] = results.staff.map((p) => ({
    staffId: p.staffId,
    staffNo: p.staffNo,
    name: p.name,
    sectionCode: p.sectionCode,
    sectionName: p.sectionName,
    windowName: p.windowName,
    chief: p.position === 'chief_rep',
    dimensions: Object.fromEntries(Object.entries(p.dimensions).map(([d, s]) => [d, s.score])) as Record<
      Dimension,
      number
    >,
    bonus: p.bonus.counted,
    total: p.total,
    bureauRank: p.bureauRank,
    sectionRank: p.sectionRank
  }));
  const personLine = (id: number, reasons: string[] = []): AwardLine => {
    const p = byId.get(id);
    return {
      id,
      label: p ? `${p.name}（${p.staffNo}）` : `人员 ${id}`,
      detail: p ? `${p.windowName ?? '无窗口'} · ${p.total} 分 · 全局第 ${p.bureauRank} 名` : '',
      reasons
    };
  };
  const windows = new Map(results.windows.map((w) => [w.windowId, w]));
  const windowLine = (id: number, reasons: string[] = []): AwardLine => {
    const w = windows.get(id);
    return {
      id,
      label: w ? w.name : `窗口 ${id}`,
      detail: w ? `${w.staffCount} 人 · 平均 ${Math.round(w.mean * 10) / 10} 分` : '',
      reasons
    };
  };
  const a = results.awards;
  const visibleCorrections = view.corrections.filter((c) => byId.has(c.staffId));
  const correctionIds = new Set(visibleCorrections.flatMap((c) => c.events.map((e) => String(e.eventId))));
  return {
    rows,
    sections: results.sections.map((s) => ({ code: s.code, name: s.name })),
    windows: results.windows,
    bureauMean: results.bureauMean,
    unscoredEvents: results.unscoredEvents,
    awards: {
      star: {
        limitRank: a.star.limitRank,
        winners: a.star.winners.map((id) => personLine(id)),
        misses: a.star.misses.map((m, i) => personLine(m.staffId, reasonsOf(a.star.misses, i)))
      },
      redFlag: {
        winners: a.redFlagWindows.winners.map((id) => windowLine(id)),
        misses: a.redFlagWindows.misses.map((m, i) =>
          windowLine(m.windowId, reasonsOf(a.redFlagWindows.misses, i))
        )
      },
      chiefRep: {
        winners: a.chiefRep.winners.map((id) => personLine(id)),
        misses: a.chiefRep.misses.map((m, i) => personLine(m.staffId, reasonsOf(a.chiefRep.misses, i)))
      }
    },
    corrections: visibleCorrections.map((c) => ({ ...c, person: personLine(c.staffId).label })),
    correctionRows: view.correctionRows
      .filter((r) => correctionIds.has(String(Number(r.id))))
      .map((r) => ({
        id: r.id,
        occurredOn: r.occurredOn,
        ruleCode: r.ruleCode,
        note: r.note,
        origin: r.origin
      }))
  };
}

export type MonthPageData = ReturnType<typeof monthPageData>;
