import { sql, type Kysely } from 'kysely';
import type { Period } from '../../kpis/periods';
import type { Band } from '../../scoresheet';
import type { Database } from '../db/database';
import { onDays, onTime, overdue } from '../rectification/notices.repository';
import type { DrawnFile } from './audit-overview';
import { NO_SECTION } from './draws.repository';

// Queries of the inspectors' overview (督查概览): the draws made on the period's
// bureau-local days, their drawn files with the review that counts for each, and the
// rectification notice figures. Counting is done in audit-overview.ts.

const ZONE = 'Asia/Shanghai';
const drawnInPeriod = (period: Period) =>
  sql<boolean>`d.drawn_at >= (${period.from}::date::timestamp AT TIME ZONE ${ZONE})
    AND d.drawn_at < ((${period.to}::date + 1)::timestamp AT TIME ZONE ${ZONE})`;

export async function listPeriodDraws(db: Kysely<Database>, period: Period) {
  return db
    .selectFrom('audit_draws as d')
    .innerJoin('audit_plans as p', 'p.id', 'd.plan_id')
    .select(['d.id', 'p.title', 'd.drawn_at', 'd.population_size', 'd.sample_size'])
    .where(drawnInPeriod(period))
    .orderBy('d.id')
    .execute();
}

interface FileRow {
  draw_id: number;
  case_no: string;
  section_code: string;
  section_name: string | null;
  review_id: number | null;
  score: string | null;
  band: Band | null;
  legality_defect: boolean | null;
  submitted_at: Date | null;
  reviewer_name: string | null;
}

/**
 * Every file drawn by the period's draws, in draw and sheet order, with its section now
 * (the case's matter's section) and the review that counts: the latest submitted review of
 * the file that no submitted correction replaces (with two reviewers, the later one).
 */
export async function listPeriodFiles(db: Kysely<Database>, period: Period): Promise<DrawnFile[]> {
  const { rows } = await sql<FileRow>`
    SELECT dc.draw_id, dc.case_no, coalesce(s.code, ${NO_SECTION}) AS section_code,
      s.name AS section_name, r.id AS review_id, r.score, r.band, r.legality_defect,
      r.submitted_at, r.reviewer_name
    FROM audit_draws d
    JOIN audit_draw_cases dc ON dc.draw_id = d.id
    LEFT JOIN cases c ON c.id = dc.case_id
    LEFT JOIN matters m ON m.id = c.matter_id
    LEFT JOIN sections s ON s.id = m.section_id
    LEFT JOIN LATERAL (
      SELECT v.id, v.score, v.band, v.legality_defect, v.submitted_at, u.display_name AS reviewer_name
      FROM audit_reviews v JOIN users u ON u.id = v.reviewer_user_id
      WHERE v.draw_id = dc.draw_id AND v.case_no = dc.case_no AND v.status = 'submitted'
        AND NOT EXISTS (
          SELECT 1 FROM audit_reviews w WHERE w.corrects_review_id = v.id AND w.status = 'submitted')
      ORDER BY v.submitted_at DESC, v.id DESC
      LIMIT 1
    ) r ON true
    WHERE ${drawnInPeriod(period)}
    ORDER BY dc.draw_id, dc.position`.execute(db);
  return rows.map((row) => ({
    drawId: row.draw_id,
    caseNo: row.case_no,
    sectionCode: row.section_code,
    sectionName: row.section_name,
    review:
      row.review_id === null
        ? null
        : {
            id: row.review_id,
            score: Number(row.score),
            band: row.band as Band,
            legalityDefect: row.legality_defect === true,
            reviewerName: row.reviewer_name ?? '',
            submittedAt: row.submitted_at as Date
          }
  }));
}

export interface NoticeFigures {
  /** Issued on the period's days. */
  issued: number;
  /** Verified on the period's days (whenever issued). */
  verified: number;
  /** Of those, verified on or before the deadline day. */
  verifiedOnTime: number;
  /** Not verified and past the deadline on `today`, whenever issued. */
  overdueNow: number;
  /** Of those, issued on the period's days. */
  overdueIssuedInPeriod: number;
}

export async function loadNoticeFigures(
  db: Kysely<Database>,
  period: Period,
  today: string
): Promise<NoticeFigures> {
  const issued = onDays('n.issued_at', period);
  const verified = sql<boolean>`(n.state = 'verified' AND ${onDays('n.verified_at', period)})`;
  const row = await db
    .selectFrom('rectification_notice_states as n')
    .select([
      sql<string>`count(*) FILTER (WHERE ${issued})`.as('issued'),
      sql<string>`count(*) FILTER (WHERE ${verified})`.as('verified'),
      sql<string>`count(*) FILTER (WHERE ${verified} AND (${onTime}) IS TRUE)`.as('verified_on_time'),
      sql<string>`count(*) FILTER (WHERE ${overdue(today)})`.as('overdue_now'),
      sql<string>`count(*) FILTER (WHERE ${overdue(today)} AND ${issued})`.as('overdue_issued')
    ])
    .executeTakeFirstOrThrow();
  return {
    issued: Number(row.issued),
    verified: Number(row.verified),
    verifiedOnTime: Number(row.verified_on_time),
    overdueNow: Number(row.overdue_now),
    overdueIssuedInPeriod: Number(row.overdue_issued)
  };
}
