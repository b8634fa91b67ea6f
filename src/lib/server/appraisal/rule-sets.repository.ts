import type { Kysely } from 'kysely';
import type { Dimension, ScoreRule } from '../../appraisal/catalogue';
import type { Database } from '../db/database';

// The versioned rule catalogue (score_rule_sets, append-only). The version in force is the
// newest: it applies to every month still open; a closed month keeps the version it was
// closed with (appraisal_months.rule_set_id).

type Db = Kysely<Database>;

export interface StoredRuleSet {
  id: number;
  dimensionPoints: Record<Dimension, number>;
  bonusCap: number;
  /** Exact decimal text, e.g. '0.500'. */
  chiefShare: string;
  rules: ScoreRule[];
  note: string | null;
  createdBy: number | null;
  createdAt: Date;
}

const COLUMNS = [
  'id',
  'dimension_points',
  'bonus_cap',
  'chief_share',
  'rules',
  'note',
  'created_by',
  'created_at'
] as const;

interface Row {
  id: number;
  dimension_points: Record<Dimension, number>;
  bonus_cap: number;
  chief_share: string;
  rules: ScoreRule[];
  note: string | null;
  created_by: number | null;
  created_at: Date;
}

function toRuleSet(row: Row): StoredRuleSet {
  return {
    id: row.id,
    dimensionPoints: row.dimension_points,
    bonusCap: row.bonus_cap,
    chiefShare: row.chief_share,
    rules: row.rules,
    note: row.note,
    createdBy: row.created_by,
    createdAt: row.created_at
  };
}

/** The newest version: the one in force for every open month. The migration seeds version 1. */
export async function loadRuleSetInForce(db: Db): Promise<StoredRuleSet> {
  const row = await db
    .selectFrom('score_rule_sets')
    .select(COLUMNS)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirstOrThrow();
  return toRuleSet(row);
}

export async function loadRuleSet(db: Db, id: number): Promise<StoredRuleSet | undefined> {
  const row = await db.selectFrom('score_rule_sets').select(COLUMNS).where('id', '=', id).executeTakeFirst();
  return row && toRuleSet(row);
}

/** Every version, newest first (the history page). */
export async function listRuleSets(db: Db): Promise<StoredRuleSet[]> {
  const rows = await db.selectFrom('score_rule_sets').select(COLUMNS).orderBy('id', 'desc').execute();
  return rows.map(toRuleSet);
}

/** A new version; validation (dimensions summing to 1000, codes) is the caller's. */
export async function insertRuleSet(
  db: Db,
  set: Pick<StoredRuleSet, 'dimensionPoints' | 'bonusCap' | 'rules' | 'note' | 'createdBy'> & {
    chiefShare: number | string;
  }
): Promise<number> {
  const row = await db
    .insertInto('score_rule_sets')
    .values({
      dimension_points: JSON.stringify(set.dimensionPoints),
      bonus_cap: set.bonusCap,
      chief_share: set.chiefShare,
      rules: JSON.stringify(set.rules),
      note: set.note,
      created_by: set.createdBy
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}
