// The State Council's holiday notices for 2024–2026 (shared/spec/time-limits.md): the
// weekday holidays and the weekend make-up working days (调休上班) of each year. This is
// the seed of the calendar table; the database copy is the one an administrator edits.

const range = (year: number, from: string, to: string): string[] => {
  const out: string[] = [];
  const d = new Date(`${year}-${from}T00:00:00Z`);
  const end = new Date(`${year}-${to}T00:00:00Z`);
  for (; d <= end; d.setUTCDate(d.getUTCDate() + 1)) out.push(d.toISOString().slice(0, 10));
  return out;
};
const days = (year: number, list: string[]) =>
  list.flatMap((item) => {
    const [from, to] = item.split('..');
    return to ? range(year, from, to) : [`${year}-${from}`];
  });

export interface OfficialYear {
  year: number;
  /** Weekday public holidays (放假). */
  holidays: string[];
  /** Weekend make-up working days (调休上班). */
  makeUpWorkdays: string[];
  /** Working days in the year according to the notice. */
  workingDayCount: number;
}

export const OFFICIAL_YEARS: readonly OfficialYear[] = [
  {
    year: 2024,
    holidays: days(2024, [
      '01-01',
      '02-12..02-16',
      '04-04',
      '04-05',
      '05-01..05-03',
      '06-10',
      '09-16',
      '09-17',
      '10-01..10-04',
      '10-07'
    ]),
    makeUpWorkdays: days(2024, ['02-04', '02-18', '04-07', '04-28', '05-11', '09-14', '09-29', '10-12']),
    workingDayCount: 251
  },
  {
    year: 2025,
    holidays: days(2025, [
      '01-01',
      '01-28..01-31',
      '02-03',
      '02-04',
      '04-04',
      '05-01',
      '05-02',
      '05-05',
      '06-02',
      '10-01..10-03',
      '10-06..10-08'
    ]),
    makeUpWorkdays: days(2025, ['01-26', '02-08', '04-27', '09-28', '10-11']),
    workingDayCount: 248
  },
  {
    year: 2026,
    holidays: days(2026, [
      '01-01',
      '01-02',
      '02-16..02-20',
      '02-23',
      '04-06',
      '05-01',
      '05-04',
      '05-05',
      '06-19',
      '09-25',
      '10-01',
      '10-02',
      '10-05..10-07'
    ]),
    makeUpWorkdays: days(2026, ['01-04', '02-14', '02-28', '05-09', '09-20', '10-10']),
    workingDayCount: 248
  }
];
