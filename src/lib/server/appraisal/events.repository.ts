import { sql, type Kysely } from 'kysely';
import { CHIEF_SHARE_RULE, COUNTING_STATUSES, type RuleTarget } from '../../appraisal/catalogue';
import type { Database } from '../db/database';
import type { EventOrigin, EventSourceKind } from './appraisal.table';
import type { ChiefShareEvent, CountingDeduction, StaffOnWindow } from './chief-share';

// Queries of score_events. The derivation writes automatic events only (source_key set);
// manual events and corrections are inserted by the services and never touched by it.
// Status (appeals) is never written here.

type Db = Kysely<Database>;

export interface UpsertCounts {
  inserted: number;
  updated: number;
}

/**
 * Upserts the rows of the temporary table appraisal_derived (or appraisal_shares) as
 * automatic events of the month. A row already there is rewritten only when something
 * differs (person, month, date, rule, points, source, note, rule set, or it was retracted:
 * it comes back to life, same id). An event held by a closed month is left alone. Status
 * is never written.
 */
export async function upsertDerivedEvents(
  db: Db,
  table: 'appraisal_derived' | 'appraisal_shares',
  month: string,
  ruleSetId: number
): Promise<UpsertCounts> {
  const result = await sql<{ inserted: string; updated: string }>`
    WITH up AS (
      INSERT INTO score_events AS e (staff_id, month, occurred_on, rule_code, target, points, origin,
        source_key, source_kind, source_ref, note, rule_set_id)
      SELECT d.staff_id, ${month}::date, d.occurred_on, d.rule_code, d.target, d.points, 'automatic',
        d.source_key, d.source_kind, d.source_ref, d.note, ${ruleSetId}::integer
      FROM ${sql.table(table)} d
      ON CONFLICT (source_key) DO UPDATE SET
        staff_id = EXCLUDED.staff_id, month = EXCLUDED.month, occurred_on = EXCLUDED.occurred_on,
        rule_code = EXCLUDED.rule_code, target = EXCLUDED.target, points = EXCLUDED.points,
        source_kind = EXCLUDED.source_kind, source_ref = EXCLUDED.source_ref, note = EXCLUDED.note,
        rule_set_id = EXCLUDED.rule_set_id, retracted_at = NULL, retracted_reason = NULL,
        updated_at = now()
      WHERE (e.staff_id, e.month, e.occurred_on, e.rule_code, e.target, e.points, e.source_kind,
          e.source_ref, e.note, e.rule_set_id, e.retracted_at IS NOT NULL)
        IS DISTINCT FROM (EXCLUDED.staff_id, EXCLUDED.month, EXCLUDED.occurred_on, EXCLUDED.rule_code,
          EXCLUDED.target, EXCLUDED.points, EXCLUDED.source_kind, EXCLUDED.source_ref, EXCLUDED.note,
          EXCLUDED.rule_set_id, false)
        AND NOT EXISTS (
          SELECT 1 FROM appraisal_months m WHERE m.month = e.month AND m.closed_at IS NOT NULL)
      RETURNING (xmax = 0) AS inserted
    )
    SELECT count(*) FILTER (WHERE inserted) AS inserted, count(*) FILTER (WHERE NOT inserted) AS updated
    FROM up`.execute(db);
  const row = result.rows[0];
  return { inserted: Number(row.inserted), updated: Number(row.updated) };
}

/**
 * Retracts the month's live automatic events (of the shares, or of every other rule) that
 * the table no longer lists: they stop counting and stay, with the reason. Returns how many.
 */
export async function retractMissingEvents(
  db: Db,
  table: 'appraisal_derived' | 'appraisal_shares',
  month: string,
  disabledCodes: readonly string[]
): Promise<number> {
  const shares = table === 'appraisal_shares';
  const result = await sql`
    UPDATE score_events e
    SET retracted_at = now(), updated_at = now(),
      retracted_reason = CASE WHEN e.rule_code = ANY(${[...disabledCodes]}::text[])
        THEN '规则已停用' ELSE '来源不再成立（重新计算时未再得出）' END
    WHERE e.month = ${month}::date AND e.origin = 'automatic' AND e.retracted_at IS NULL
      AND ${shares ? sql`e.rule_code = ${CHIEF_SHARE_RULE}` : sql`e.rule_code <> ${CHIEF_SHARE_RULE}`}
      AND NOT EXISTS (SELECT 1 FROM ${sql.table(table)} d WHERE d.source_key = e.source_key)`.execute(db);
  return Number(result.numAffectedRows ?? 0);
}

/** The month's deductions that count (any origin), except chief shares themselves. */
export async function listCountingDeductions(db: Db, month: string): Promise<CountingDeduction[]> {
  const rows = await db
    .selectFrom('score_events')
    .select(['id', 'staff_id', 'month', 'occurred_on', 'target', 'points'])
    .where('month', '=', month)
    .where(sql<boolean>`points < 0`)
    .where('status', 'in', [...COUNTING_STATUSES])
    .where('retracted_at', 'is', null)
    .where('rule_code', '<>', CHIEF_SHARE_RULE)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    staffId: r.staff_id,
    month: r.month,
    occurredOn: r.occurred_on,
    target: r.target,
    points: r.points
  }));
}

/** Staff on a window (synced), for the chief shares. */
export async function listStaffOnWindows(db: Db): Promise<StaffOnWindow[]> {
  const rows = await db
    .selectFrom('staff')
    .select(['id', 'window_id', 'position', 'active'])
    .where('window_id', 'is not', null)
    .execute();
  return rows.map((r) => ({ id: r.id, windowId: r.window_id, position: r.position, active: r.active }));
}

/** Fills the temporary table appraisal_shares (same shape as appraisal_derived) in one statement. */
export async function loadShares(db: Db, shares: readonly ChiefShareEvent[]): Promise<void> {
  await sql`
    CREATE TEMP TABLE IF NOT EXISTS appraisal_shares (LIKE appraisal_derived INCLUDING ALL)
    ON COMMIT DROP`.execute(db);
  await sql`TRUNCATE appraisal_shares`.execute(db);
  if (shares.length === 0) return;
  const col = <T>(f: (s: ChiefShareEvent) => T) => shares.map(f);
  await sql`
    INSERT INTO appraisal_shares
      (source_key, staff_id, occurred_on, rule_code, target, points, source_kind, source_ref, note)
    SELECT k, p, o::date, ${CHIEF_SHARE_RULE}, t, n::numeric, 'event', r, '分担事件 #' || r || ' 的扣分'
    FROM unnest(${col((s) => s.sourceKey)}::text[], ${col((s) => s.staffId)}::int[],
      ${col((s) => s.occurredOn)}::text[], ${col((s) => s.target)}::text[],
      ${col((s) => s.points)}::text[], ${col((s) => s.sourceEventId)}::text[]) AS u(k, p, o, t, n, r)`.execute(
    db
  );
}

export interface ScoreEventRow {
  id: string;
  staffId: number;
  month: string;
  occurredOn: string;
  ruleCode: string;
  target: RuleTarget;
  points: string;
  origin: EventOrigin;
  sourceKey: string | null;
  sourceKind: EventSourceKind | null;
  sourceRef: string | null;
  note: string | null;
  status: string;
  retractedAt: Date | null;
  retractedReason: string | null;
  ruleSetId: number;
}

/** Every event of a month (retracted ones included), optionally of some staff, by id. */
export async function listMonthEvents(
  db: Db,
  month: string,
  staffIds?: readonly number[]
): Promise<ScoreEventRow[]> {
  let query = db.selectFrom('score_events').selectAll().where('month', '=', month);
  if (staffIds) query = query.where('staff_id', 'in', staffIds.length ? [...staffIds] : [-1]);
  const rows = await query.orderBy('staff_id').orderBy('id').execute();
  return rows.map((r) => ({
    id: r.id,
    staffId: r.staff_id,
    month: r.month,
    occurredOn: r.occurred_on,
    ruleCode: r.rule_code,
    target: r.target,
    points: r.points,
    origin: r.origin,
    sourceKey: r.source_key,
    sourceKind: r.source_kind,
    sourceRef: r.source_ref,
    note: r.note,
    status: r.status,
    retractedAt: r.retracted_at,
    retractedReason: r.retracted_reason,
    ruleSetId: r.rule_set_id
  }));
}

/** Whether the month is closed (its results frozen). */
export async function isMonthClosed(db: Db, month: string): Promise<boolean> {
  const row = await db
    .selectFrom('appraisal_months')
    .select('closed_at')
    .where('month', '=', month)
    .executeTakeFirst();
  return Boolean(row?.closed_at);
}
