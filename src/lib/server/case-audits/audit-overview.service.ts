import type { Kysely } from 'kysely';
import type { FileFilter } from '../../audit-overview';
import type { Period } from '../../kpis/periods';
import type { Database } from '../db/database';
import { listNotices } from '../rectification/notices.repository';
import { fileFigures, filterFiles } from './audit-overview';
import { listPeriodDraws, listPeriodFiles, loadNoticeFigures } from './audit-overview.repository';

// The inspectors' overview (督查概览) of a period: the draws made on its days, their files
// reviewed and still to review, the scores, the bands by section, the estimated defect
// rate, and the rectification notices. Leaders and inspectors see everything: no scope.

export async function loadAuditOverview(db: Kysely<Database>, period: Period, today: string) {
  const [draws, files, notices, overdueNotices] = await Promise.all([
    listPeriodDraws(db, period),
    listPeriodFiles(db, period),
    loadNoticeFigures(db, period, today),
    listNotices(db, 'all', 'overdue', today)
  ]);
  return { draws, figures: fileFigures(files), notices, overdueNotices };
}

export type AuditOverview = Awaited<ReturnType<typeof loadAuditOverview>>;

/** The drill-down list: the period's drawn files that pass the filter. */
export async function loadPeriodFiles(db: Kysely<Database>, period: Period, filter: FileFilter) {
  const [draws, files] = await Promise.all([listPeriodDraws(db, period), listPeriodFiles(db, period)]);
  const sections = [...new Map(files.map((f) => [f.sectionCode, f.sectionName])).entries()]
    .map(([code, name]) => ({ code, name }))
    .sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  return { draws, sections, files: filterFiles(files, filter) };
}
