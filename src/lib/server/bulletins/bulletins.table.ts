import type { ColumnType, Generated } from 'kysely';
import type { BulletinContent, BulletinStatus } from '../../bulletins';

// Kysely types of the monthly bulletins (migration 20261126070000_bulletins). A trigger
// refuses any UPDATE or DELETE of a published row.

type Json<T> = ColumnType<T, string, string>;
type Stamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface BulletinTable {
  id: Generated<number>;
  /** 'YYYY-MM-01' (date columns are read as text, see db/connect). */
  month: ColumnType<string, string, never>;
  status: ColumnType<BulletinStatus, BulletinStatus | undefined, BulletinStatus>;
  title: string;
  commentary: ColumnType<string, string | undefined, string>;
  content: Json<BulletinContent>;
  corrects_id: ColumnType<number | null, number | null | undefined, never>;
  correction_note: ColumnType<string | null, string | null | undefined, never>;
  number_year: number | null;
  number_seq: number | null;
  drafted_at: Stamp;
  drafted_by: ColumnType<number | null, number | null | undefined, never>;
  refreshed_at: Stamp;
  published_at: Date | null;
  published_by: number | null;
  search_text: ColumnType<string, string | undefined, string>;
}
