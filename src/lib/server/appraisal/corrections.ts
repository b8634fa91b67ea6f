import { monthScore, type EventExplanation } from './month-score';
import type { MonthResults, PersonResult } from './month-results';
import type { RuleSet, ScoreEventInput } from './score-types';

// Corrections after closing (结账后更正; docs/rules/appraisal.md "Monthly results and
// closing"). A closed month's figures never change. An event of the month that is not in
// the snapshot (a 'correction' entered after closing) is shown beneath the frozen
// results with its effect: the person's events as frozen at closing plus the later ones,
// scored under the rule set the month was closed with, minus the frozen total. Ranks and
// awards are not recomputed. Pure.

export interface PersonCorrection {
  staffId: number;
  frozenTotal: number;
  correctedTotal: number;
  /** correctedTotal − frozenTotal. */
  effect: number;
  /** The later events, explained as scored together with the frozen ones. */
  events: EventExplanation[];
}

/** The frozen events of a person, back as arithmetic input (status and retraction as at closing). */
function frozenInputs(person: PersonResult, month: string): ScoreEventInput[] {
  return person.events.map((e) => ({
    id: e.eventId,
    staffId: person.staffId,
    month,
    ruleCode: e.ruleCode,
    target: e.target,
    points: e.points,
    status: e.status,
    retracted: e.retracted
  }));
}

/** Whether an event (by id) was part of the month when it closed. */
export function frozenEventIds(results: MonthResults): Set<string> {
  return new Set(results.staff.flatMap((p) => p.events.map((e) => String(e.eventId))));
}

/**
 * The corrections of a closed month, per person scored, from the month's events now.
 * Events of people not in the snapshot are ignored (they were not scored that month).
 */
export function correctionsAfterClosing(
  results: MonthResults,
  eventsNow: readonly ScoreEventInput[],
  ruleSet: RuleSet
): PersonCorrection[] {
  if (ruleSet.id !== results.ruleSetId) {
    throw new RangeError(
      `month ${results.month} closed with rule set ${results.ruleSetId}, not ${ruleSet.id}`
    );
  }
  const frozen = frozenEventIds(results);
  const later = new Map<number, ScoreEventInput[]>();
  for (const e of eventsNow) {
    if (frozen.has(String(e.id))) continue;
    later.set(e.staffId, [...(later.get(e.staffId) ?? []), e]);
  }
  const out: PersonCorrection[] = [];
  for (const person of results.staff) {
    const added = later.get(person.staffId);
    if (!added) continue;
    const month = added[0].month;
    const score = monthScore([...frozenInputs(person, month), ...added], ruleSet);
    const ids = new Set(added.map((e) => String(e.id)));
    out.push({
      staffId: person.staffId,
      frozenTotal: person.total,
      correctedTotal: score.total,
      effect: score.total - person.total,
      events: score.events.filter((x) => ids.has(String(x.eventId)))
    });
  }
  return out;
}
