import type { Kysely } from 'kysely';
import type { Database } from '../db/database';
import { chiefShares } from './chief-share';
import { prepareDerivedTable } from './derive/context';
import {
  isMonthClosed,
  listCountingDeductions,
  listStaffOnWindows,
  loadShares,
  retractMissingEvents,
  upsertDerivedEvents
} from './events.repository';
import { loadRuleSetInForce, type StoredRuleSet } from './rule-sets.repository';

// The chief representatives' shares of one month, recomputed right after a manual event or
// an appeal decision changes which deductions count, so the ranking does not wait for the
// job. The same steps (writeChiefShares) end deriveMonth (derive.service.ts), which first
// re-derives the sources: a few indexed queries of one month, fast enough to run inside the
// writer's transaction.

export interface ShareRefresh {
  inserted: number;
  updated: number;
  retracted: number;
}

/**
 * The shares of the month's counting deductions as they now stand (appeals and manual
 * entries included), upserted into score_events; shares no longer due are retracted. The
 * derived table must exist (prepareDerivedTable): loadShares creates its own LIKE it.
 */
export async function writeChiefShares(
  trx: Kysely<Database>,
  month: string,
  ruleSet: StoredRuleSet
): Promise<ShareRefresh & { shares: number }> {
  const shares = chiefShares(
    await listCountingDeductions(trx, month),
    await listStaffOnWindows(trx),
    ruleSet.chiefShare
  );
  await loadShares(trx, shares);
  const { inserted, updated } = await upsertDerivedEvents(trx, 'appraisal_shares', month, ruleSet.id);
  const retracted = await retractMissingEvents(trx, 'appraisal_shares', month, []);
  return { shares: shares.length, inserted, updated, retracted };
}

/**
 * Run inside a transaction that holds lockAppraisalMonth(month). A closed month is left
 * alone (its results are frozen; the derivation skips it as well).
 */
export async function refreshChiefShares(trx: Kysely<Database>, month: string): Promise<ShareRefresh> {
  if (await isMonthClosed(trx, month)) return { inserted: 0, updated: 0, retracted: 0 };
  const ruleSet = await loadRuleSetInForce(trx);
  // loadShares creates its temporary table LIKE the derivation's one.
  await prepareDerivedTable(trx);
  const { inserted, updated, retracted } = await writeChiefShares(trx, month, ruleSet);
  return { inserted, updated, retracted };
}
