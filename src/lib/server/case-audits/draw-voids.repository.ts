import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/database';

// Voids of draws (insert-only rows; the draw itself is never changed) and the links
// between a re-draw and the draw it supersedes. Writes run in the caller's transaction.

type Db = Kysely<Database> | Transaction<Database>;

export async function insertVoid(db: Db, row: { drawId: number; reason: string; voidedBy: number }) {
  return db
    .insertInto('audit_draw_voids')
    .values({ draw_id: row.drawId, reason: row.reason, voided_by: row.voidedBy })
    .returning(['id', 'voided_at'])
    .executeTakeFirstOrThrow();
}

/** The void of a draw, with who declared it; undefined while the draw stands. */
export async function findVoid(db: Db, drawId: number) {
  return db
    .selectFrom('audit_draw_voids as v')
    .innerJoin('users as u', 'u.id', 'v.voided_by')
    .select(['v.id', 'v.draw_id', 'v.reason', 'v.voided_at', 'u.display_name as voided_by_name'])
    .where('v.draw_id', '=', drawId)
    .executeTakeFirst();
}

/** The draw that supersedes this one (a re-draw naming it), if any. */
export async function findSupersedingDraw(db: Db, drawId: number) {
  return db
    .selectFrom('audit_draws')
    .select(['id', 'drawn_at'])
    .where('supersedes_draw_id', '=', drawId)
    .executeTakeFirst();
}

export async function isDrawVoid(db: Db, drawId: number): Promise<boolean> {
  const row = await db
    .selectFrom('audit_draw_voids')
    .select('id')
    .where('draw_id', '=', drawId)
    .executeTakeFirst();
  return row !== undefined;
}
