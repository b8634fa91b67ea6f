import type { Kysely } from 'kysely';
import { monthLabel } from '../../appraisal/months';
import { appendAudit, type Actor } from '../audit/audit.repository';
import { loadCalendarFrom } from '../case-clock/calendar.repository';
import { bureauToday } from '../case-clock/bureau-date';
import type { Database } from '../db/database';
import { isMonthClosable, monthClosingDate } from './appraisal-dates';
import { deriveInTransaction, lockAppraisalMonth } from './derive.service';
import type { MonthResults } from './month-results';
import { findMonthRecord, saveClosing } from './results.repository';
import { AppraisalError, checkMonth, computeMonthResults, month01 } from './results.service';

// Closing a month of the appraisal (docs/rules/appraisal.md "Closing"): the last
// derivation, the frozen snapshot, publication and the audit entry, in one transaction.

type Db = Kysely<Database>;

/**
 * Closes a month (leaders): under the month's lock, derives it one last time, computes
 * the results, freezes them with the rule set and publishes them, and audits it — one
 * transaction. Refused before the 5th working day of the next month and when closed.
 */
export async function closeMonth(
  db: Db,
  actor: Actor,
  month: string,
  {
    now = new Date(),
    today = bureauToday(now),
    automatic = false
  }: { now?: Date; today?: string; automatic?: boolean } = {}
): Promise<MonthResults> {
  checkMonth(month);
  // The job (appraisal-close) closes as the system, without a closing user; anyone else
  // must be a leader.
  if (!automatic && (actor.userId === null || !actor.roles.includes('leader'))) {
    throw new AppraisalError('只有局领导可以结账', 403);
  }
  const closedBy = automatic ? null : actor.userId;
  return db.transaction().execute(async (trx) => {
    await lockAppraisalMonth(trx, month01(month));
    const record = await findMonthRecord(trx, month01(month));
    if (record?.closedAt) throw new AppraisalError(`${monthLabel(month)}已结账，不能重复结账`);
    const calendar = await loadCalendarFrom(trx);
    const closingDate = monthClosingDate(month, calendar);
    if (!isMonthClosable(month, today, calendar)) {
      throw new AppraisalError(
        `${monthLabel(month)}须在 ${closingDate}（次月第 5 个工作日）起方可结账，今天是 ${today}`
      );
    }
    const derivation = await deriveInTransaction(trx, month01(month));
    const results = await computeMonthResults(trx, month, now);
    const saved = await saveClosing(trx, {
      month01: month01(month),
      closedAt: now,
      closedBy,
      ruleSetId: results.ruleSetId,
      results
    });
    if (!saved) throw new AppraisalError(`${monthLabel(month)}已结账，不能重复结账`);
    await appendAudit(trx, actor, {
      action: 'appraisal.month_close',
      entity: 'appraisal_month',
      entityId: month,
      before: { closed: false },
      after: {
        month,
        closedAt: now.toISOString(),
        ruleSetId: results.ruleSetId,
        published: true,
        automatic,
        scored: results.staff.length,
        bureauMean: results.bureauMean,
        awards: {
          star: results.awards.star.winners,
          redFlagWindows: results.awards.redFlagWindows.winners,
          chiefRep: results.awards.chiefRep.winners
        },
        derivation: {
          inserted: derivation.inserted,
          updated: derivation.updated,
          retracted: derivation.retracted
        }
      }
    });
    return results;
  });
}
