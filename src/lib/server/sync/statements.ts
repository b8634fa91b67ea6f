import { missingValueCheck, type RelationSpec } from './relations';
import { ident, idArrayLiteral, literal, timestampLiteral } from './sql-text';

// The SQL of one relation's part of a pass. The staged rows live in pg_temp.sync_stage
// (one relation at a time), the faults found in pg_temp.sync_bad, the cases whose clock
// must be recomputed in pg_temp.sync_touched.

export const STAGE = 'pg_temp.sync_stage';
export const BAD = 'pg_temp.sync_bad';
export const TOUCHED = 'pg_temp.sync_touched';
export const CHANGED_MATTERS = 'pg_temp.sync_changed_matters';

/** Columns read from the source, in order: the contract's plus updated_at. */
export function sourceColumns(spec: RelationSpec): string[] {
  return [...spec.columns.map((c) => c.name), 'updated_at'];
}

/** Columns of the product's copy (without synced_at, which the upsert sets). */
export function productColumns(spec: RelationSpec): string[] {
  return [...spec.columns.map((c) => c.name), ...(spec.region ? ['region_code'] : []), 'updated_at'];
}

/** Temp tables of the whole pass, dropped at commit. */
export const CREATE_PASS_TABLES = [
  `CREATE TEMP TABLE sync_bad (id bigint, reason text NOT NULL, message text NOT NULL, payload jsonb NOT NULL) ON COMMIT DROP`,
  `CREATE TEMP TABLE sync_touched (case_id bigint PRIMARY KEY) ON COMMIT DROP`,
  `CREATE TEMP TABLE sync_changed_matters (id integer PRIMARY KEY) ON COMMIT DROP`
];

export function createStage(spec: RelationSpec): string {
  const columns = [...spec.columns, { name: 'updated_at', type: 'timestamptz' }]
    .map((c) => `${ident(c.name)} ${c.type}`)
    .join(', ');
  return `CREATE TEMP TABLE sync_stage (${columns}) ON COMMIT DROP`;
}

/**
 * What the source is asked for: rows changed since `since` (all rows when null), plus the
 * rows still in quarantine, so that a row whose fault was fixed elsewhere (its case
 * arrived, its matter was corrected) is taken again even if it did not change itself.
 */
export function sourceQuery(
  spec: RelationSpec,
  schema: string,
  since: string | null,
  retryIds: readonly string[]
): string {
  const columns = sourceColumns(spec).map(ident).join(', ');
  return `SELECT ${columns} FROM ${ident(schema)}.${ident(spec.relation)}${sourceFilter(since, retryIds, '')}`;
}

export function sourceFilter(since: string | null, retryIds: readonly string[], alias: string): string {
  const conditions: string[] = [];
  if (since) conditions.push(`${alias}updated_at >= ${timestampLiteral(since)}`);
  if (since && retryIds.length) conditions.push(`${alias}id = ANY (${idArrayLiteral(retryIds)})`);
  return conditions.length ? ` WHERE ${conditions.join(' OR ')}` : '';
}

export function copyIntoStage(spec: RelationSpec): string {
  return `COPY ${STAGE} (${sourceColumns(spec).map(ident).join(', ')}) FROM STDIN`;
}

/** One row per (bad row, reason), with the row as JSON; `from`: where the rows read are. */
export function findBadRows(spec: RelationSpec, from = STAGE): string {
  const checks = [missingValueCheck(spec), ...spec.checks];
  const reasons = checks.map((c) => `CASE WHEN ${c.bad} THEN ${literal(c.reason)} END`).join(',\n      ');
  const messages = checks.map((c) => `CASE WHEN ${c.bad} THEN ${c.message} END`).join(',\n      ');
  return `
    INSERT INTO ${BAD} (id, reason, message, payload)
    SELECT x.id, r.reason, r.message, x.payload
    FROM (
      SELECT s.id, to_jsonb(s) AS payload,
        array_remove(ARRAY[${reasons}]::text[], NULL) AS reasons,
        array_remove(ARRAY[${messages}]::text[], NULL) AS messages
      FROM ${from} s
      ${spec.joins}
      WHERE ${checks.map((c) => `(${c.bad})`).join('\n        OR ')}
    ) x
    CROSS JOIN LATERAL unnest(x.reasons, x.messages) AS r(reason, message)`;
}

/**
 * Cases whose number is taken by another case (in this batch, or already in the product
 * and not re-read now): the case with the smallest id keeps the number.
 */
export const FIND_DUPLICATE_CASE_NOS = `
  WITH staged AS (SELECT id, case_no FROM ${STAGE} WHERE case_no IS NOT NULL),
  -- New cases and changed numbers: a case re-read with the number it already had cannot
  -- collide with the product (which never holds a number twice).
  moved AS MATERIALIZED (
    SELECT s.id, s.case_no FROM staged s LEFT JOIN cases p ON p.id = s.id
    WHERE p.id IS NULL OR p.case_no <> s.case_no
  ),
  numbers AS (
    SELECT id, case_no FROM staged
    UNION ALL
    -- one index probe per moved case (OFFSET 0 keeps the planner from turning it into a
    -- join that reads every case of the product)
    SELECT c.id, c.case_no FROM moved s
    CROSS JOIN LATERAL (SELECT c.id, c.case_no FROM cases c WHERE c.case_no = s.case_no AND c.id <> s.id OFFSET 0) c
    WHERE NOT (c.id IN (SELECT id FROM ${STAGE}))
  ),
  shared AS (SELECT case_no FROM numbers GROUP BY case_no HAVING count(*) > 1),
  holder AS (SELECT case_no, min(id) AS id FROM numbers WHERE case_no IN (SELECT case_no FROM shared) GROUP BY case_no)
  INSERT INTO ${BAD} (id, reason, message, payload)
  SELECT s.id, 'duplicate_case_no', '办件编号与另一办件重复：' || s.case_no || '（已由办件 ' || h.id || ' 使用）', to_jsonb(s)
  FROM ${STAGE} s JOIN holder h ON h.case_no = s.case_no
  WHERE s.id <> h.id`;

export function recordQuarantine(spec: RelationSpec): string {
  return `
    INSERT INTO sync_quarantine AS q (relation, source_id, reason, message, payload)
    SELECT DISTINCT ON (coalesce(id::text, ''), reason) ${literal(spec.relation)}, coalesce(id::text, ''), reason, message, payload
    FROM ${BAD}
    ORDER BY coalesce(id::text, ''), reason
    ON CONFLICT (relation, source_id, reason) DO UPDATE
    SET message = EXCLUDED.message, payload = EXCLUDED.payload, last_seen_at = now(),
        times_seen = q.times_seen + 1, resolved_at = NULL
    RETURNING (xmax = 0) AS inserted`;
}

export function deleteBadRows(from = STAGE): string {
  return `DELETE FROM ${from} WHERE id IS NULL OR id IN (SELECT id FROM ${BAD})`;
}

/**
 * After a first load straight into cases: whether any number may be held twice. Sorting a
 * 64-bit hash of each number is several times cheaper than grouping the numbers; a shared
 * hash (a repeated number, or a collision) then runs FIND_DUPLICATE_CASE_NOS_LOADED.
 */
export const CASE_NO_HASH_SHARED = `
  SELECT h FROM (SELECT hashtextextended(case_no, 0) AS h FROM cases ORDER BY 1) x
  GROUP BY h HAVING count(*) > 1 LIMIT 1`;

/** After a first load straight into cases: numbers held twice keep the smallest id. */
export const FIND_DUPLICATE_CASE_NOS_LOADED = `
  WITH holder AS (SELECT case_no, min(id) AS id FROM cases GROUP BY case_no HAVING count(*) > 1)
  INSERT INTO ${BAD} (id, reason, message, payload)
  SELECT s.id, 'duplicate_case_no', '办件编号与另一办件重复：' || s.case_no || '（已由办件 ' || h.id || ' 使用）', to_jsonb(s)
  FROM cases s JOIN holder h ON h.case_no = s.case_no
  WHERE s.id <> h.id`;

/**
 * Quarantined faults of rows read again in this pass that no longer have that fault: the
 * row synced, or now fails for another reason only. `$1` = the ids re-read by id.
 */
export function resolveQuarantine(spec: RelationSpec, from = STAGE): string {
  return `
    UPDATE sync_quarantine q SET resolved_at = now()
    WHERE q.relation = ${literal(spec.relation)} AND q.resolved_at IS NULL
      AND q.source_id = ANY ($1::bigint[]::text[])
      AND (q.source_id IN (SELECT id::text FROM ${from} WHERE id = ANY ($1::bigint[]))
           OR q.source_id IN (SELECT id::text FROM ${BAD}))
      AND NOT EXISTS (SELECT 1 FROM ${BAD} b WHERE b.id::text = q.source_id AND b.reason = q.reason)`;
}

/** Keeps the newest version of an id staged twice (a vendor's view may repeat rows). */
export const DEDUPLICATE_STAGE = `
  DELETE FROM ${STAGE} a USING ${STAGE} b
  WHERE a.id = b.id AND (a.updated_at, a.ctid) < (b.updated_at, b.ctid)`;

/**
 * Events moved to another case: the case they left must be recomputed too. Only ids the
 * product can hold are looked up (new events, the bulk of a pass, have higher ids).
 */
export const TOUCH_CASES_LEFT_BY_EVENTS = `
  INSERT INTO ${TOUCHED} (case_id)
  SELECT DISTINCT e.case_id FROM ${STAGE} s JOIN case_events e ON e.id = s.id
  WHERE e.case_id <> s.case_id AND s.id <= (SELECT max(id) FROM case_events)
  ON CONFLICT DO NOTHING`;

/** Matters whose kind or limits change in this pass: their cases must be recomputed. */
export const NOTE_CHANGED_MATTERS = `
  INSERT INTO ${CHANGED_MATTERS} (id)
  SELECT s.id FROM ${STAGE} s JOIN matters m ON m.id = s.id
  WHERE (m.kind, m.statutory_days, m.promised_days) IS DISTINCT FROM (s.kind, s.statutory_days, s.promised_days)
  ON CONFLICT DO NOTHING`;

export const TOUCH_CASES_OF_CHANGED_MATTERS = `
  INSERT INTO ${TOUCHED} (case_id)
  SELECT c.id FROM cases c WHERE c.matter_id IN (SELECT id FROM ${CHANGED_MATTERS})
  ON CONFLICT DO NOTHING`;

/**
 * The first load into an empty copy: a plain INSERT (no conflict to arbitrate, no
 * changed rows to track: every case gets its clock computed after such a pass).
 */
export function insertFresh(spec: RelationSpec): string {
  const columns = productColumns(spec);
  const selected = columns.map((c) =>
    c === 'region_code' && spec.region ? `${spec.region} AS region_code` : `s.${ident(c)}`
  );
  return `
    INSERT INTO ${ident(spec.relation)} (${[...columns, 'synced_at'].map(ident).join(', ')})
    SELECT ${selected.join(', ')}, now()
    FROM ${STAGE} s
    ${spec.region ? spec.joins : ''}`;
}

/**
 * Inserts new rows and updates rows that differ; a row read again unchanged is left alone
 * (so a second pass over the same data writes nothing). Returns the number changed and
 * adds the cases whose clock moved to sync_touched.
 */
export function upsert(spec: RelationSpec): string {
  const columns = productColumns(spec);
  const selected = columns.map((c) =>
    c === 'region_code' && spec.region ? `${spec.region} AS region_code` : `s.${ident(c)}`
  );
  const updatable = columns.filter((c) => c !== 'id');
  const target = ident(spec.relation);
  const returning = spec.touches ? `RETURNING t.${ident(spec.touches)} AS case_id` : 'RETURNING 1 AS one';
  const changed = `
    changed AS (
      INSERT INTO ${target} AS t (${[...columns, 'synced_at'].map(ident).join(', ')})
      SELECT ${selected.join(', ')}, now()
      FROM ${STAGE} s
      ${spec.region ? spec.joins : ''}
      ON CONFLICT (id) DO UPDATE
      SET ${[...updatable, 'synced_at'].map((c) => `${ident(c)} = EXCLUDED.${ident(c)}`).join(', ')}
      WHERE (${updatable.map((c) => `t.${ident(c)}`).join(', ')})
        IS DISTINCT FROM (${updatable.map((c) => `EXCLUDED.${ident(c)}`).join(', ')})
      ${returning}
    )`;
  if (!spec.touches) return `WITH ${changed} SELECT count(*)::int AS changed FROM changed`;
  return `
    WITH ${changed},
    touched AS (
      INSERT INTO ${TOUCHED} (case_id) SELECT DISTINCT case_id FROM changed
      ON CONFLICT DO NOTHING
    )
    SELECT count(*)::int AS changed FROM changed`;
}

/**
 * A digest of what the clocks depend on besides the synced rows: the calendar and the
 * matters' warning settings. Kept in app_settings; when it differs, a pass recomputes the
 * open cases (the admin pages recompute exactly what an edit moves; this also catches
 * edits made directly in the database).
 */
export const CLOCK_INPUTS_DIGEST = `
  SELECT md5(concat_ws('|',
    (SELECT string_agg(date::text || working::text, ',' ORDER BY date) FROM calendar_days),
    (SELECT string_agg(year || ':' || confirmed, ',' ORDER BY year) FROM calendar_years),
    (SELECT string_agg(matter_id || ':' || yellow_ratio || ':' || yellow_days, ',' ORDER BY matter_id) FROM matter_settings)
  )) AS digest`;
export const CLOCK_INPUTS_KEY = 'sync.clock_inputs_digest';

export const TOUCH_OPEN_CASES = `
  INSERT INTO ${TOUCHED} (case_id)
  SELECT id FROM cases
  WHERE status IN ('received', 'accepted', 'suspended') OR (status = 'concluded' AND concluded_at IS NULL)
  ON CONFLICT DO NOTHING`;
