import type pg from 'pg';

// A quick synthetic approval database for the sync benchmark, generated inside PostgreSQL
// (generate_series, hashes for the dice): the bureau's reference data and `cases` cases
// received over the last 540 days, with their events, ratings and complaints. Used when
// the demo generator is not wanted (--data sql) or cannot run. Deterministic for a given
// N and start time; the newest ~25 days hold the open cases.

export interface FillCounts {
  cases: number;
  events: number;
  ratings: number;
  complaints: number;
}

const SPAN_DAYS = 540;

export async function fillSyntheticSource(
  client: pg.ClientBase,
  cases: number,
  schema = 'approval'
): Promise<FillCounts> {
  const s = `"${schema}"`;
  await client.query('BEGIN');
  await client.query(`SET LOCAL synchronous_commit = off`);
  await client.query(
    `TRUNCATE ${s}.departments, ${s}.sections, ${s}.service_points, ${s}.windows, ${s}.staff, ${s}.matters,
              ${s}.cases, ${s}.case_events, ${s}.ratings, ${s}.complaints`
  );
  const since = `now() - interval '${SPAN_DAYS + 30} days'`;
  await client.query(`
    INSERT INTO ${s}.departments (id, code, name, updated_at)
    SELECT i, 'D' || lpad(i::text, 2, '0'), '原职能部门 ' || i, ${since} FROM generate_series(1, 22) i;
    INSERT INTO ${s}.sections (id, code, name, updated_at)
    SELECT i, 'S' || i, '审批' || i || '科', ${since} FROM generate_series(1, 6) i;
    INSERT INTO ${s}.service_points (id, code, name, level, parent_id, region_code, updated_at)
    SELECT i, 'P' || lpad(i::text, 2, '0'), CASE WHEN i = 1 THEN '区政务服务中心' ELSE '街道便民服务中心 ' || i END,
           CASE WHEN i = 1 THEN 'district' ELSE 'street' END, CASE WHEN i = 1 THEN NULL ELSE 1 END, '510107', ${since}
    FROM generate_series(1, 11) i;
    INSERT INTO ${s}.windows (id, code, name, service_point_id, section_id, updated_at)
    SELECT i, 'W' || lpad(i::text, 3, '0'), i || ' 号窗口', CASE WHEN i <= 80 THEN 1 ELSE 2 + i % 10 END, 1 + i % 6, ${since}
    FROM generate_series(1, 108) i;
    INSERT INTO ${s}.staff (id, staff_no, name, window_id, section_id, position, employment, active, updated_at)
    SELECT i, 'E' || lpad(i::text, 3, '0'), '工作人员 ' || i, 1 + (i - 1) % 108, 1 + i % 6,
           (ARRAY['window', 'window', 'window', 'chief_rep', 'reviewer'])[1 + i % 5],
           (ARRAY['civil_servant', 'public_institution', 'contracted'])[1 + i % 3], true, ${since}
    FROM generate_series(1, 112) i;
    INSERT INTO ${s}.matters (id, code, name, department_id, section_id, kind, statutory_days, promised_days, online, updated_at)
    SELECT i, 'M' || lpad(i::text, 3, '0'), '审批事项 ' || i, 1 + i % 22, 1 + i % 6,
           CASE WHEN i % 4 = 0 THEN 'immediate' ELSE 'promised' END,
           CASE WHEN i % 4 = 0 THEN 5 ELSE (ARRAY[10, 15, 20, 30])[1 + i % 4] END,
           CASE WHEN i % 4 = 0 THEN 0 ELSE (ARRAY[3, 5, 7, 10])[1 + i % 4] END,
           i % 3 <> 0, ${since}
    FROM generate_series(1, 127) i`);

  // Cases: evenly spread over the span; the newest ~25 days are mostly still open.
  await client.query(
    `
    INSERT INTO ${s}.cases
    SELECT id, '510107-' || lpad(id::text, 10, '0'), '510107', 1 + h % 127, sp, CASE WHEN sp = 1 THEN 1 + h % 80 ELSE 81 + h % 28 END,
           (ARRAY['online', 'window', 'window', 'mail', 'proxy'])[1 + h % 5], CASE WHEN h % 3 = 0 THEN 'enterprise' ELSE 'person' END,
           '申请人 ' || id, '5101071990' || lpad((h % 100000000)::text, 8, '0'), '138' || lpad((h % 100000000)::text, 8, '0'),
           received, CASE WHEN status IN ('received', 'rejected') THEN NULL ELSE received + interval '1 hour' END,
           1 + h % 112, status,
           CASE WHEN status = 'concluded' THEN CASE WHEN h % 33 = 0 THEN 'denied' ELSE 'approved' END END,
           concluded, CASE WHEN concluded IS NOT NULL AND concluded + interval '1 day' < now() THEN concluded + interval '1 day' END,
           least(greatest(received + interval '1 hour', concluded + interval '1 day'), now() - interval '1 minute')
    FROM (
      SELECT id, h, received, sp, status,
             CASE WHEN status = 'concluded' THEN least(received + (1 + h % 20) * interval '1 day', now() - interval '1 minute') END AS concluded
      FROM (
        SELECT id, h, received, CASE WHEN h % 5 = 0 THEN 2 + h % 10 ELSE 1 END AS sp,
               CASE WHEN received > now() - interval '25 days'
                    THEN (ARRAY['accepted', 'accepted', 'accepted', 'accepted', 'accepted', 'accepted', 'accepted',
                                'suspended', 'received', 'concluded'])[1 + h % 10]
                    ELSE (ARRAY['concluded', 'concluded', 'concluded', 'concluded', 'concluded', 'concluded', 'concluded',
                                'concluded', 'rejected', 'withdrawn'])[1 + (h / 10) % 10] END AS status
        FROM (
          SELECT id, abs(hashint8(id)) AS h,
                 now() - interval '2 hours' - ((($1::bigint - id) * ${SPAN_DAYS}.0 / $1::bigint) * interval '1 day') AS received
          FROM generate_series(1, $1::bigint) id
        ) a
      ) b
    ) c`,
    [cases]
  );

  // Events derived from each case's dates; ids case_id * 16 + k.
  await client.query(`
    INSERT INTO ${s}.case_events (id, case_id, kind, occurred_at, staff_id, procedure, days, note, updated_at)
    SELECT c.id * 16 + e.k, c.id, e.kind, e.at, c.handler_staff_id, e.procedure, e.days, NULL, e.at
    FROM ${s}.cases c
    CROSS JOIN LATERAL (SELECT abs(hashint8(c.id + 7)) AS h2) r
    CROSS JOIN LATERAL (VALUES
      (0, 'received', c.received_at, NULL, NULL),
      (1, 'accepted', c.accepted_at, NULL, NULL),
      (2, 'rejected', CASE WHEN c.status = 'rejected' THEN c.received_at + interval '2 hours' END, NULL, NULL),
      (3, 'correction_requested', CASE WHEN c.accepted_at IS NOT NULL AND r.h2 % 5 = 0 THEN c.accepted_at + interval '1 day' END, NULL, NULL),
      (4, 'correction_received', CASE WHEN c.accepted_at IS NOT NULL AND r.h2 % 5 = 0 AND c.status <> 'suspended'
                                      THEN c.accepted_at + interval '3 days' END, NULL, NULL),
      (5, 'suspended', CASE WHEN c.accepted_at IS NOT NULL AND (r.h2 % 20 = 1 OR c.status = 'suspended')
                            THEN c.accepted_at + interval '2 days' END, 'expert_review', NULL),
      (6, 'resumed', CASE WHEN c.accepted_at IS NOT NULL AND r.h2 % 20 = 1 AND c.status <> 'suspended'
                          THEN c.accepted_at + interval '5 days' END, NULL, NULL),
      (7, 'extended', CASE WHEN c.accepted_at IS NOT NULL AND r.h2 % 33 = 2 THEN c.accepted_at + interval '6 days' END, NULL, 5),
      (8, 'concluded', c.concluded_at, NULL, NULL),
      (9, 'delivered', c.delivered_at, NULL, NULL),
      (10, 'withdrawn', CASE WHEN c.status = 'withdrawn' THEN c.received_at + interval '4 days' END, NULL, NULL)
    ) AS e(k, kind, at, procedure, days)
    WHERE e.at IS NOT NULL AND e.at <= now()`);

  await client.query(`
    INSERT INTO ${s}.ratings (id, case_id, staff_id, window_id, level, channel, rated_at, comment, updated_at)
    SELECT c.id, c.id, c.handler_staff_id, c.window_id, (ARRAY[5, 5, 5, 5, 4, 4, 3, 2, 1, 5])[1 + c.id % 10],
           (ARRAY['hall_device', 'online', 'sms', 'app', 'hotline'])[1 + c.id % 5], c.concluded_at + interval '2 hours',
           NULL, c.concluded_at + interval '2 hours'
    FROM ${s}.cases c WHERE c.status = 'concluded' AND c.id % 10 < 6 AND c.concluded_at + interval '2 hours' <= now()`);
  await client.query(`
    INSERT INTO ${s}.complaints (id, case_id, staff_id, window_id, source, category, received_at, substantiated, closed_at, updated_at)
    SELECT c.id, c.id, c.handler_staff_id, c.window_id, (ARRAY['hotline', 'online', 'letter', 'visit'])[1 + c.id % 4],
           '办理时限', c.received_at + interval '3 days', NULL, NULL, c.received_at + interval '3 days'
    FROM ${s}.cases c WHERE c.id % 200 = 7 AND c.received_at + interval '3 days' <= now()`);
  await client.query('COMMIT');
  await client.query(`ANALYZE ${s}.cases, ${s}.case_events, ${s}.ratings, ${s}.complaints`);

  const counts = await client.query<FillCounts>(`
    SELECT (SELECT count(*) FROM ${s}.cases)::int AS cases, (SELECT count(*) FROM ${s}.case_events)::int AS events,
           (SELECT count(*) FROM ${s}.ratings)::int AS ratings, (SELECT count(*) FROM ${s}.complaints)::int AS complaints`);
  return counts.rows[0];
}
