import type pg from 'pg';

// The world of `npm run bench -- appraisal`, written straight into the product's synced
// tables and case_clock in SQL (the derivation reads only those): 30 windows of 4 window
// staff (one of them the chief representative) = 120 scored staff, 10 reviewers, and N cases
// received in October 2026 with their clocks, ratings, complaints and file reviews. Seeded
// (setseed), so every run builds the same world.
//
// Mix: 75 % concluded in the month (10 % of them after the promised due date, 1 % after the
// statutory one), 25 % open (8 % of those red, 2 % past the statutory due date); ~80 % rated
// (level 5 75 %, 4 17 %, 3 5 %, 2 2 %, 1 1 %; half name their staff member); 0.25 % complained
// about (half substantiated); 1 % drawn and reviewed (60 % 优秀, 30 % 合格, 10 % 不合格).

export const BENCH_MONTH = '2026-10-01';

const STATEMENTS = (cases: number) => [
  `SELECT setseed(0.20261001)`,
  `INSERT INTO departments (id, code, name, updated_at) VALUES (1, 'D01', '部门', now())`,
  `INSERT INTO sections (id, code, name, updated_at)
     SELECT i, 'S0' || i, '审批' || i || '科', now() FROM generate_series(1, 6) i`,
  `INSERT INTO service_points (id, code, name, level, parent_id, region_code, updated_at)
     VALUES (1, 'P01', '区政务服务中心', 'district', NULL, '510107', now())`,
  `INSERT INTO windows (id, code, name, service_point_id, section_id, updated_at)
     SELECT i, 'W' || lpad(i::text, 2, '0'), i || ' 号窗口', 1, 1 + i % 6, now() FROM generate_series(1, 30) i`,
  `INSERT INTO staff (id, staff_no, name, window_id, section_id, position, employment, active, updated_at)
     SELECT i, 'E' || lpad(i::text, 4, '0'), '员工' || i, 1 + (i - 1) / 4, 1 + (1 + (i - 1) / 4) % 6,
       CASE WHEN i % 4 = 1 THEN 'chief_rep' ELSE 'window' END, 'civil_servant', true, now()
     FROM generate_series(1, 120) i
     UNION ALL
     SELECT 120 + i, 'R' || i, '评查员' || i, NULL, 1, 'reviewer', 'civil_servant', true, now()
     FROM generate_series(1, 10) i`,
  `INSERT INTO matters (id, code, name, department_id, section_id, kind, statutory_days, promised_days, online, updated_at)
     SELECT i, 'M' || lpad(i::text, 3, '0'), '事项' || i, 1, 1 + i % 6, 'promised', 20, 5 + i % 10, true, now()
     FROM generate_series(1, 20) i`,
  // One row per case: its draws, then the case and its clock from them.
  `CREATE TEMP TABLE bench_cases AS
     SELECT i AS id, 1 + floor(random() * 120)::int AS handler, 1 + floor(random() * 20)::int AS matter,
       (timestamp '2026-10-01 08:30' + floor(random() * 24) * interval '1 day'
         + random() * interval '9 hours') AT TIME ZONE 'Asia/Shanghai' AS received_at,
       random() AS open_draw, random() AS late_draw, random() AS days_draw
     FROM generate_series(1, ${cases}) i`,
  `ALTER TABLE bench_cases ADD COLUMN open boolean, ADD COLUMN concluded_at timestamptz,
     ADD COLUMN promised_due date, ADD COLUMN statutory_due date`,
  `UPDATE bench_cases SET open = open_draw < 0.25,
     promised_due = (received_at AT TIME ZONE 'Asia/Shanghai')::date + 1 + floor(days_draw * 10)::int,
     statutory_due = (received_at AT TIME ZONE 'Asia/Shanghai')::date + 25`,
  // Concluded: on time before the due date, late (10 %) after it, 1 % also past the statutory
  // one. Open: red (8 %) with a due date gone, 2 % of them past the statutory one; the
  // others due in November.
  `UPDATE bench_cases SET
     concluded_at = CASE WHEN open THEN NULL
       WHEN late_draw < 0.10 THEN (promised_due + 1 + floor(late_draw * 60)::int)::timestamp
         AT TIME ZONE 'Asia/Shanghai' + interval '3 hours'
       ELSE received_at + random() * interval '2 days' END,
     promised_due = CASE WHEN open AND late_draw >= 0.08 THEN date '2026-11-02' + floor(days_draw * 10)::int
       ELSE promised_due END,
     statutory_due = CASE WHEN NOT open AND late_draw < 0.01 THEN promised_due + floor(late_draw * 60)::int - 1
       WHEN open AND late_draw < 0.02 THEN promised_due + 2
       WHEN open THEN date '2026-11-20' ELSE statutory_due END`,
  `INSERT INTO cases (id, case_no, region_code, matter_id, service_point_id, window_id, channel, applicant_kind,
       applicant_name, applicant_id_no, applicant_phone, received_at, accepted_at, handler_staff_id, status,
       decision, concluded_at, delivered_at, updated_at)
     SELECT id, 'B2026-' || lpad(id::text, 7, '0'), '510107', matter, 1, 1 + (handler - 1) / 4, 'window', 'person',
       '申请人', '510107199001011234', '13800000000', received_at, received_at, handler,
       CASE WHEN open THEN 'accepted' ELSE 'concluded' END, CASE WHEN open THEN NULL ELSE 'approved' END,
       concluded_at, NULL, now()
     FROM bench_cases`,
  `INSERT INTO case_clock (case_id, region_code, open, accepted_on, promised_limit_days, promised_due_on,
       promised_on_time, promised_overdue, statutory_days, extension_days, statutory_limit_days, statutory_due_on,
       statutory_on_time, statutory_overdue, elapsed_days, remaining_days, processing_days, colour, paused,
       stop_count, calendar_unconfirmed, span_from, span_to, evaluated_on)
     SELECT id, '510107', open, (received_at AT TIME ZONE 'Asia/Shanghai')::date, 10, promised_due,
       CASE WHEN open THEN NULL ELSE (concluded_at AT TIME ZONE 'Asia/Shanghai')::date <= promised_due END,
       open AND promised_due < date '2026-10-31', 20, 0, 20, statutory_due,
       CASE WHEN open THEN NULL ELSE (concluded_at AT TIME ZONE 'Asia/Shanghai')::date <= statutory_due END,
       CASE WHEN open THEN statutory_due < date '2026-10-31'
         ELSE (concluded_at AT TIME ZONE 'Asia/Shanghai')::date > statutory_due END,
       5, 5, CASE WHEN open THEN NULL ELSE 5 END,
       CASE WHEN NOT open THEN NULL WHEN promised_due < date '2026-10-31' THEN 'red' ELSE 'green' END,
       false, 0, false, (received_at AT TIME ZONE 'Asia/Shanghai')::date, date '2026-12-31', date '2026-10-31'
     FROM bench_cases`,
  `INSERT INTO ratings (id, case_id, staff_id, window_id, level, channel, rated_at, comment, updated_at, region_code)
     SELECT c.id, c.id, CASE WHEN random() < 0.5 THEN c.handler END, 1 + (c.handler - 1) / 4,
       CASE WHEN r < 0.75 THEN 5 WHEN r < 0.92 THEN 4 WHEN r < 0.97 THEN 3 WHEN r < 0.99 THEN 2 ELSE 1 END,
       'hall_device', LEAST(COALESCE(c.concluded_at, c.received_at) + interval '1 hour',
         timestamp '2026-10-31 23:00' AT TIME ZONE 'Asia/Shanghai'), NULL, now(), '510107'
     FROM (SELECT *, random() AS r, random() AS rated FROM bench_cases) c WHERE c.rated < 0.8`,
  `INSERT INTO complaints (id, case_id, staff_id, window_id, source, category, received_at, substantiated,
       closed_at, updated_at, region_code)
     SELECT c.id, c.id, NULL, NULL, 'hotline', '服务态度', c.received_at, random() < 0.5,
       c.received_at + interval '3 days', now(), '510107'
     FROM bench_cases c WHERE c.id % 400 = 7`,
  `INSERT INTO users (login, display_name, roles, password_hash) VALUES ('bench', 'bench', '{inspector}', 'x')`,
  `INSERT INTO audit_plans (title, period_from, period_to, strata, rate_ppm, minimum, reviewers_per_case,
       seed, seed_origin, created_by)
     VALUES ('bench', '2026-10-01', '2026-10-31', 'none', 10000, 1, 1, 'bench', 'entered', (SELECT min(id) FROM users))`,
  `INSERT INTO audit_draws (plan_id, drawn_by, population_size, sample_size, population_digest)
     VALUES ((SELECT min(id) FROM audit_plans), (SELECT min(id) FROM users), ${cases}, ${Math.ceil(cases / 100)}, 'x')`,
  `INSERT INTO audit_draw_cases (draw_id, case_id, case_no, stratum, key, position)
     SELECT (SELECT min(id) FROM audit_draws), id, case_no, 'all', md5(case_no), row_number() OVER (ORDER BY id)
     FROM cases WHERE id % 100 = 3`,
  `INSERT INTO audit_reviews (draw_id, case_id, case_no, reviewer_user_id, template_id, status, entries, score,
       band, legality_defect, submitted_at)
     SELECT d.draw_id, d.case_id, d.case_no, (SELECT min(id) FROM users), (SELECT min(id) FROM audit_scoresheet_templates),
       'submitted', '[]', s, CASE WHEN s >= 90 THEN 'excellent' WHEN s >= 60 THEN 'pass' ELSE 'fail' END, false,
       timestamp '2026-10-25 10:00' AT TIME ZONE 'Asia/Shanghai'
     FROM (SELECT *, CASE WHEN random() < 0.6 THEN 95 WHEN random() < 0.75 THEN 80 ELSE 45 END AS s
           FROM audit_draw_cases) d`,
  `DROP TABLE bench_cases`
];

/** Builds the world on one connection (setseed holds per session). */
export async function buildAppraisalWorld(client: pg.Client, cases: number): Promise<void> {
  for (const statement of STATEMENTS(cases)) await client.query(statement);
}
