import { sql, type Kysely } from 'kysely';
import type { BulletinContent, BulletinStatus } from '../../bulletins';
import type { Database } from '../db/database';
import { likePattern } from './search-text';

// Queries of the monthly bulletins. The trigger of the table refuses any change to a
// published row; these functions never try one.

type Db = Kysely<Database>;

const columns = [
  'b.id',
  sql<string>`to_char(b.month, 'YYYY-MM')`.as('month'),
  'b.status',
  'b.title',
  'b.commentary',
  'b.corrects_id',
  'b.correction_note',
  'b.number_year',
  'b.number_seq',
  'b.drafted_at',
  'b.refreshed_at',
  'b.published_at'
] as const;

export async function findBulletin(db: Db, id: number) {
  return db
    .selectFrom('bulletins as b')
    .leftJoin('users as p', 'p.id', 'b.published_by')
    .leftJoin('bulletins as c', 'c.id', 'b.corrects_id')
    .select([...columns, 'b.content', 'p.display_name as published_by_name'])
    .select(['c.number_year as corrects_year', 'c.number_seq as corrects_seq'])
    .where('b.id', '=', id)
    .executeTakeFirst();
}

/** The bulletins that correct this one (published or in preparation). */
export async function listCorrections(db: Db, id: number) {
  return db
    .selectFrom('bulletins as b')
    .select(columns)
    .where('b.corrects_id', '=', id)
    .orderBy('b.id')
    .execute();
}

/** The original bulletin of a month (not a correction), locked for the caller's transaction. */
export async function findOriginalForUpdate(db: Db, month: string) {
  return db
    .selectFrom('bulletins as b')
    .select(['b.id', 'b.status'])
    .where('b.month', '=', `${month}-01`)
    .where('b.corrects_id', 'is', null)
    .forUpdate()
    .executeTakeFirst();
}

export interface BulletinSearch {
  /** 'YYYY-MM'. */
  month?: string;
  /** Every term must occur in the search text. */
  terms: readonly string[];
  /** Section heads: published bulletins only. */
  publishedOnly: boolean;
  limit?: number;
}

export async function listBulletins(db: Db, search: BulletinSearch) {
  let query = db
    .selectFrom('bulletins as b')
    .select(columns)
    .orderBy('b.month', 'desc')
    .orderBy('b.id', 'desc')
    .limit(search.limit ?? 200);
  if (search.month) query = query.where('b.month', '=', `${search.month}-01`);
  if (search.publishedOnly) query = query.where('b.status', '=', 'published');
  for (const term of search.terms) {
    query = query.where(sql<boolean>`b.search_text LIKE ${likePattern(term)} ESCAPE '\\'`);
  }
  return query.execute();
}

export interface NewBulletin {
  month: string;
  title: string;
  commentary: string;
  content: BulletinContent;
  searchText: string;
  correctsId: number | null;
  correctionNote: string | null;
  draftedBy: number | null;
}

export async function insertBulletin(db: Db, b: NewBulletin): Promise<number> {
  const row = await db
    .insertInto('bulletins')
    .values({
      month: `${b.month}-01`,
      title: b.title,
      commentary: b.commentary,
      content: JSON.stringify(b.content),
      search_text: b.searchText,
      corrects_id: b.correctsId,
      correction_note: b.correctionNote,
      drafted_by: b.draftedBy
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Changes a draft; the `status = 'draft'` condition makes a published row a no-op (0 rows). */
export async function updateDraft(
  db: Db,
  id: number,
  changes: {
    content?: BulletinContent;
    commentary?: string;
    searchText: string;
    refreshedAt?: Date;
  }
): Promise<boolean> {
  const result = await db
    .updateTable('bulletins')
    .set({
      ...(changes.content ? { content: JSON.stringify(changes.content) } : {}),
      ...(changes.commentary !== undefined ? { commentary: changes.commentary } : {}),
      ...(changes.refreshedAt ? { refreshed_at: changes.refreshedAt } : {}),
      search_text: changes.searchText
    })
    .where('id', '=', id)
    .where('status', '=', 'draft')
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

/** The highest sequence number of a year (serialise callers with lockNumbering). */
export async function highestSeq(db: Db, year: number): Promise<number | null> {
  const row = await db
    .selectFrom('bulletins')
    .select((eb) => eb.fn.max('number_seq').as('max'))
    .where('number_year', '=', year)
    .executeTakeFirst();
  return row?.max ?? null;
}

/** Serialises publications (numbering) until the end of the caller's transaction. */
export async function lockNumbering(db: Db): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(hashtextextended('oversight-bulletin-number', 0))`.execute(db);
}

/** Serialises drafting of one month until the end of the caller's transaction. */
export async function lockMonth(db: Db, month: string): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(hashtextextended(${'oversight-bulletin:' + month}, 0))`.execute(db);
}

export async function markPublished(
  db: Db,
  id: number,
  p: { year: number; seq: number; at: Date; by: number; searchText: string }
): Promise<boolean> {
  const result = await db
    .updateTable('bulletins')
    .set({
      status: 'published' as BulletinStatus,
      number_year: p.year,
      number_seq: p.seq,
      published_at: p.at,
      published_by: p.by,
      search_text: p.searchText
    })
    .where('id', '=', id)
    .where('status', '=', 'draft')
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

/** The row a write changes, locked until the end of the caller's transaction. */
export async function findForUpdate(db: Db, id: number) {
  return db
    .selectFrom('bulletins as b')
    .select([
      ...columns,
      'b.content',
      // The digest of the stored content, recorded in the audit trail at publication.
      sql<string>`encode(sha256(convert_to(b.content::text, 'UTF8')), 'hex')`.as('content_sha256')
    ])
    .where('b.id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

/** The correction in preparation of a bulletin, if any. */
export async function findOpenCorrection(db: Db, id: number) {
  return db
    .selectFrom('bulletins')
    .select('id')
    .where('corrects_id', '=', id)
    .where('status', '=', 'draft')
    .executeTakeFirst();
}
