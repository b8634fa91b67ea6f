import { sql, type Kysely } from 'kysely';

// The source contract (shared/spec/source-contract.md) as SQL: each check counts the rows
// that break one rule. A consistent source has 0 everywhere.

const CHECKS: Record<string, string> = {
  'promised_days > statutory_days': `SELECT count(*) FROM approval.matters WHERE promised_days > statutory_days OR promised_days < 0`,
  '即办件 with promised_days ≠ 0': `SELECT count(*) FROM approval.matters WHERE kind = 'immediate' AND promised_days <> 0`,
  'event of an unknown case': `SELECT count(*) FROM approval.case_events e WHERE NOT EXISTS (SELECT 1 FROM approval.cases c WHERE c.id = e.case_id)`,
  'rating of an unknown case': `SELECT count(*) FROM approval.ratings r WHERE r.case_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM approval.cases c WHERE c.id = r.case_id)`,
  'complaint of an unknown case': `SELECT count(*) FROM approval.complaints r WHERE r.case_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM approval.cases c WHERE c.id = r.case_id)`,
  'case of an unknown matter, service point, window or handler': `
    SELECT count(*) FROM approval.cases c
     WHERE NOT EXISTS (SELECT 1 FROM approval.matters m WHERE m.id = c.matter_id)
        OR NOT EXISTS (SELECT 1 FROM approval.service_points p WHERE p.id = c.service_point_id)
        OR (c.window_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM approval.windows w WHERE w.id = c.window_id))
        OR (c.handler_staff_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM approval.staff s WHERE s.id = c.handler_staff_id))`,
  'case without a received event first': `
    SELECT count(*) FROM approval.cases c
     WHERE (SELECT e.kind FROM approval.case_events e WHERE e.case_id = c.id ORDER BY e.occurred_at, e.id LIMIT 1)
           IS DISTINCT FROM 'received'`,
  'unknown status, kind, channel or procedure': `
    SELECT (SELECT count(*) FROM approval.cases WHERE status NOT IN ('received','accepted','suspended','concluded','rejected','withdrawn')
              OR channel NOT IN ('online','window','mail','proxy') OR applicant_kind NOT IN ('person','enterprise')
              OR decision NOT IN ('approved','denied'))
         + (SELECT count(*) FROM approval.case_events WHERE kind NOT IN ('received','correction_requested','correction_received',
              'accepted','rejected','suspended','resumed','extended','concluded','delivered','withdrawn')
              OR (procedure IS NOT NULL AND procedure NOT IN ('hearing','tender','auction','inspection','testing',
              'quarantine','appraisal','expert_review','site_survey'))
              OR (kind = 'suspended' AND procedure IS NULL)
              OR (kind = 'extended' AND (days NOT BETWEEN 1 AND 10 OR days IS NULL OR staff_id IS NULL)))
         + (SELECT count(*) FROM approval.ratings WHERE level NOT BETWEEN 1 AND 5
              OR channel NOT IN ('hall_device','online','sms','app','hotline'))`,
  'concluded ⇎ concluded event, decision and concluded_at': `
    SELECT count(*) FROM approval.cases c
      LEFT JOIN LATERAL (SELECT min(occurred_at) AS at FROM approval.case_events e WHERE e.case_id = c.id AND e.kind = 'concluded') e ON true
     WHERE (c.status = 'concluded') <> (e.at IS NOT NULL)
        OR (c.status = 'concluded') <> (c.decision IS NOT NULL)
        OR c.concluded_at IS DISTINCT FROM e.at`,
  'rejected ⇎ rejected event': `
    SELECT count(*) FROM approval.cases c
     WHERE (c.status = 'rejected') <> EXISTS (SELECT 1 FROM approval.case_events e WHERE e.case_id = c.id AND e.kind = 'rejected')`,
  'withdrawn ⇎ withdrawn event': `
    SELECT count(*) FROM approval.cases c
     WHERE (c.status = 'withdrawn') <> EXISTS (SELECT 1 FROM approval.case_events e WHERE e.case_id = c.id AND e.kind = 'withdrawn')`,
  'accepted_at ≠ accepted event': `
    SELECT count(*) FROM approval.cases c
     WHERE c.accepted_at IS DISTINCT FROM (SELECT min(occurred_at) FROM approval.case_events e WHERE e.case_id = c.id AND e.kind = 'accepted')`,
  'delivered_at ≠ delivered event': `
    SELECT count(*) FROM approval.cases c
     WHERE c.delivered_at IS DISTINCT FROM (SELECT min(occurred_at) FROM approval.case_events e WHERE e.case_id = c.id AND e.kind = 'delivered')`,
  'received status with an acceptance, rejection or withdrawal': `
    SELECT count(*) FROM approval.cases c
     WHERE (c.status = 'received') = EXISTS (SELECT 1 FROM approval.case_events e WHERE e.case_id = c.id AND e.kind IN ('accepted','rejected','withdrawn'))`,
  'suspended ⇎ an open stop': `
    WITH last_stop AS (
      SELECT DISTINCT ON (e.case_id) e.case_id, e.kind
        FROM approval.case_events e JOIN approval.cases c ON c.id = e.case_id
       WHERE e.kind IN ('correction_requested','correction_received','suspended','resumed') AND e.occurred_at > c.accepted_at
       ORDER BY e.case_id, e.occurred_at DESC, e.id DESC)
    SELECT count(*) FROM approval.cases c LEFT JOIN last_stop s ON s.case_id = c.id
     WHERE (c.status = 'suspended') <> coalesce(s.kind IN ('correction_requested','suspended'), false)`,
  'updated_at ≠ latest event': `
    SELECT count(*) FROM approval.cases c
     WHERE c.updated_at IS DISTINCT FROM (SELECT max(occurred_at) FROM approval.case_events e WHERE e.case_id = c.id)`,
  'event of a case not later than the one before it (in id order)': `
    SELECT count(*) FROM (SELECT occurred_at, lag(occurred_at) OVER (PARTITION BY case_id ORDER BY id) AS previous
                            FROM approval.case_events) e
     WHERE e.occurred_at <= e.previous`,
  'event updated_at before occurred_at': `SELECT count(*) FROM approval.case_events WHERE updated_at < occurred_at`,
  'duplicate ids or case numbers': `
    SELECT (SELECT count(*) - count(DISTINCT id) FROM approval.cases) + (SELECT count(*) - count(DISTINCT case_no) FROM approval.cases)
         + (SELECT count(*) - count(DISTINCT id) FROM approval.case_events) + (SELECT count(*) - count(DISTINCT id) FROM approval.ratings)
         + (SELECT count(*) - count(DISTINCT id) FROM approval.complaints)`,
  'closed complaint without a verdict, or the reverse': `
    SELECT count(*) FROM approval.complaints WHERE (closed_at IS NULL) <> (substantiated IS NULL) OR closed_at < received_at`
};

/** Rows breaking each rule, plus rows dated after `now`. */
export async function contractViolations(db: Kysely<any>, now: Date): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const [name, query] of Object.entries(CHECKS)) {
    const { rows } = await sql.raw<Record<string, string>>(query).execute(db);
    out[name] = Number(Object.values(rows[0] as object)[0]);
  }
  const { rows } = await sql<{ n: string }>`
    SELECT (SELECT count(*) FROM approval.cases WHERE greatest(received_at, accepted_at, concluded_at, delivered_at, updated_at) > ${now})
         + (SELECT count(*) FROM approval.case_events WHERE greatest(occurred_at, updated_at) > ${now})
         + (SELECT count(*) FROM approval.ratings WHERE greatest(rated_at, updated_at) > ${now})
         + (SELECT count(*) FROM approval.complaints WHERE greatest(received_at, closed_at, updated_at) > ${now}) AS n`.execute(
    db
  );
  out['times after now'] = Number(rows[0].n);
  return out;
}

export function noViolations(checks: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.keys(checks).map((name) => [name, 0]));
}

/** md5 of a table's rows in id order: equal digests, equal content. */
export async function tableDigest(db: Kysely<any>, table: string): Promise<string> {
  const { rows } = await sql<{ digest: string }>`
    SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t.id), '')) AS digest FROM ${sql.raw(`approval.${table}`)} t`.execute(
    db
  );
  return rows[0].digest;
}
