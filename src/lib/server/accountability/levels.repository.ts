import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/database';

// Writing the ladder's names (reading them is records.repository's listLevels). Records and
// decisions are not touched here: they keep the name they copied when written.

type Db = Kysely<Database> | Transaction<Database>;

/** The levels in order, locked until the transaction ends. */
export async function lockLevels(db: Db) {
  return db.selectFrom('accountability_levels').selectAll().orderBy('level').forUpdate().execute();
}

export async function setLevelLabel(db: Db, level: number, label: string): Promise<void> {
  await db.updateTable('accountability_levels').set({ label }).where('level', '=', level).execute();
}
