import type { MonthResults, PersonResult } from './month-results';

// What of a month's results a user may see (shared/spec/security.md): leaders and
// inspectors everything; a section head the staff and windows of their sections (award
// winners and misses included, nobody else's); a staff member only their own record.
// Ranks stay the bureau's: a section head sees where their staff stand bureau-wide. The
// bureau mean is an aggregate of everyone, not anyone's score, and stays. Pure.

export type ResultsScope = 'all' | readonly string[];

export function scopeResults(results: MonthResults, scope: ResultsScope): MonthResults {
  if (scope === 'all') return results;
  const inScope = (code: string | null) => code !== null && scope.includes(code);
  const staff = results.staff.filter((p) => inScope(p.sectionCode));
  const staffIds = new Set(staff.map((p) => p.staffId));
  const windows = results.windows.filter((w) => inScope(w.sectionCode));
  const windowIds = new Set(windows.map((w) => w.windowId));
  const a = results.awards;
  return {
    ...results,
    staff,
    sections: results.sections.filter((s) => inScope(s.code)),
    windows,
    awards: {
      star: {
        limitRank: a.star.limitRank,
        winners: a.star.winners.filter((id) => staffIds.has(id)),
        misses: a.star.misses.filter((m) => staffIds.has(m.staffId))
      },
      redFlagWindows: {
        winners: a.redFlagWindows.winners.filter((id) => windowIds.has(id)),
        misses: a.redFlagWindows.misses.filter((m) => windowIds.has(m.windowId))
      },
      chiefRep: {
        winners: a.chiefRep.winners.filter((id) => staffIds.has(id)),
        misses: a.chiefRep.misses.filter((m) => staffIds.has(m.staffId))
      }
    },
    unscoredEvents: 0
  };
}

/** A person's row of the results, or null when they were not scored that month. */
export function personOf(results: MonthResults, staffId: number): PersonResult | null {
  return results.staff.find((p) => p.staffId === staffId) ?? null;
}

/** Who may open a person's page: by role scope and, for staff, their own staff number. */
export function mayViewPerson(
  viewer: { roles: readonly string[]; sectionCodes: readonly string[]; staffNo: string | null },
  person: { staffNo: string; sectionCodes: readonly (string | null)[] }
): boolean {
  if (viewer.roles.includes('leader') || viewer.roles.includes('inspector')) return true;
  if (viewer.roles.includes('section_head')) {
    if (person.sectionCodes.some((c) => c !== null && viewer.sectionCodes.includes(c))) return true;
  }
  return viewer.staffNo !== null && viewer.staffNo === person.staffNo;
}
