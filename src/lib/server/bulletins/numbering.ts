import { localDate } from '../calendar/working-days';

// Bulletin numbers (期号): a sequence per year, assigned at publication, numbered by the
// bureau-local year of publication as official documents are (a December bulletin
// published in January is the new year's first). Corrections take numbers too. Pure.

export interface BulletinNumber {
  year: number;
  seq: number;
}

export function formatBulletinNumber(number: BulletinNumber | null): string | null {
  return number ? `${number.year}年第${number.seq}期` : null;
}

/** The number the next publication at `publishedAt` takes, given the year's highest so far. */
export function nextBulletinNumber(publishedAt: Date, highestSeqOfYear: number | null): BulletinNumber {
  return { year: numberYear(publishedAt), seq: (highestSeqOfYear ?? 0) + 1 };
}

/** The bureau-local year of an instant. */
export function numberYear(publishedAt: Date): number {
  return Number(localDate(publishedAt).slice(0, 4));
}
