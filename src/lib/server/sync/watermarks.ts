import type pg from 'pg';
import type { RelationPassStats } from './relation-pass';
import { CLOCK_INPUTS_DIGEST, CLOCK_INPUTS_KEY } from './statements';

// The pass's bookkeeping in the product (docs/rules/sync.md, "Watermark and overlap"):
// where each relation was read up to, and what the clocks were last computed with.

export interface Watermark {
  relation: string;
  watermark: string | null;
  since: string | null;
}

export async function readWatermarks(
  product: pg.ClientBase,
  overlapMinutes: number
): Promise<Map<string, Watermark>> {
  const result = await product.query<Watermark>(
    `SELECT relation, watermark::text AS watermark,
            (watermark - make_interval(secs => $1::double precision))::text AS since
     FROM sync_watermarks`,
    [overlapMinutes * 60]
  );
  return new Map(result.rows.map((row) => [row.relation, row]));
}

/** Advances the watermarks (never back) and records the pass's figures; inside its transaction. */
export async function recordWatermarks(
  product: pg.ClientBase,
  relations: RelationPassStats[],
  runId: string | null
): Promise<void> {
  for (const r of relations) {
    await product.query(
      `INSERT INTO sync_watermarks AS w (relation, watermark, rows_synced, last_pass_rows_read,
         last_pass_rows_changed, last_pass_quarantined, last_pass_at, last_run_id)
       VALUES ($1, $2::timestamptz, $3::bigint, $4::int, $3::int, $5::int, now(), $6::bigint)
       ON CONFLICT (relation) DO UPDATE SET
         watermark = greatest(w.watermark, EXCLUDED.watermark),
         rows_synced = w.rows_synced + EXCLUDED.rows_synced,
         last_pass_rows_read = EXCLUDED.last_pass_rows_read,
         last_pass_rows_changed = EXCLUDED.last_pass_rows_changed,
         last_pass_quarantined = EXCLUDED.last_pass_quarantined,
         last_pass_at = EXCLUDED.last_pass_at,
         last_run_id = EXCLUDED.last_run_id`,
      [r.relation, r.newestRead, r.changed, r.read, r.quarantined, runId]
    );
  }
}

/** Whether the calendar or the warning settings changed since the last pass (and notes them). */
export async function clockInputsChanged(product: pg.ClientBase): Promise<boolean> {
  const digest = (await product.query<{ digest: string }>(CLOCK_INPUTS_DIGEST)).rows[0].digest;
  const stored = await product.query<{ digest: string }>(
    `SELECT value->>'digest' AS digest FROM app_settings WHERE key = $1`,
    [CLOCK_INPUTS_KEY]
  );
  if (stored.rows[0]?.digest === digest) return false;
  await product.query(
    `INSERT INTO app_settings (key, value, updated_at) VALUES ($1, jsonb_build_object('digest', $2::text), now())
     ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = EXCLUDED.updated_at`,
    [CLOCK_INPUTS_KEY, digest]
  );
  return true;
}
