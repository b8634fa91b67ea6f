import { isWorkday } from 'chinese-days';
import { describe, expect, it } from 'vitest';
import { OFFICIAL_YEARS } from '../../src/lib/server/calendar/official-calendar';
import { addDays, isWorkingDay, officialCalendar } from '../../src/lib/server/calendar/working-days';

// Cross-check of the seeded 2024–2026 State Council notices against the maintained
// `chinese-days` data package. The spec's lists are the law; a difference here means one
// of the two sources has a mistake and must be looked at by hand.

const calendar = officialCalendar();

function datesOf(year: number): string[] {
  const out: string[] = [];
  for (let d = `${year}-01-01`; d.startsWith(String(year)); d = addDays(d, 1)) out.push(d);
  return out;
}

describe('the official 2024–2026 calendar', () => {
  for (const { year, workingDayCount } of OFFICIAL_YEARS) {
    it(`agrees with chinese-days on every date of ${year}`, () => {
      const differences = datesOf(year).filter((d) => isWorkingDay(d, calendar) !== isWorkday(d));
      expect(differences).toEqual([]);
    });

    it(`has ${workingDayCount} working days in ${year}, as the notice says`, () => {
      expect(datesOf(year).filter((d) => isWorkingDay(d, calendar))).toHaveLength(workingDayCount);
    });
  }

  it('states the spec counts 2024 = 251, 2025 = 248, 2026 = 248', () => {
    expect(OFFICIAL_YEARS.map((y) => [y.year, y.workingDayCount])).toEqual([
      [2024, 251],
      [2025, 248],
      [2026, 248]
    ]);
  });

  it('lists only weekdays as holidays and only weekend days as make-up working days', () => {
    const dow = (d: string) => new Date(`${d}T00:00:00Z`).getUTCDay();
    for (const y of OFFICIAL_YEARS) {
      for (const d of y.holidays) expect([0, 6], d).not.toContain(dow(d));
      for (const d of y.makeUpWorkdays) expect([0, 6], d).toContain(dow(d));
    }
  });
});
