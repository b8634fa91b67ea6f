import { addMonths } from '../../kpis/periods';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/database';
import { DERIVERS } from './derive/index';
import { prepareDerivedTable } from './derive/context';
import { isMonthClosed, retractMissingEvents, upsertDerivedEvents } from './events.repository';
import { loadRuleSetInForce } from './rule-sets.repository';
import { writeChiefShares } from './shares.service';

// Derives the automatic score events of open months from the synced data
// (docs/rules/appraisal.md "Automatic events"). Set-based: each rule is one INSERT … SELECT
// into a temporary table, then one upsert into score_events and one retraction of what is
// no longer derived; then the chief representatives' shares of the counting deductions.
// Everything of a call is one transaction: a failure leaves score_events as it was.

export interface MonthDerivation {
  month: string;
  /** The month is closed: nothing was derived. */
  closed: boolean;
  ruleSetId: number | null;
  /** Events the sources give (shares excluded), by rule code. */
  derived: Record<string, number>;
  shares: number;
  inserted: number;
  updated: number;
  retracted: number;
}

export interface DeriveOptions {
  log?: (message: string) => void;
}

/** 'YYYY-MM' or 'YYYY-MM-DD' → the month's first day 'YYYY-MM-01'; throws on anything else. */
export function toMonth(value: string): string {
  const match = /^(\d{4})-(0[1-9]|1[0-2])(?:-\d{2})?$/.exec(value);
  if (!match) throw new Error(`月份格式应为 YYYY-MM：${value}`);
  return `${match[1]}-${match[2]}-01`;
}

/** The month before, 'YYYY-MM-01'. */
export function previousMonth(month: string): string {
  return addMonths(toMonth(month), -1);
}

/**
 * The transaction-scoped lock of one month's appraisal. Derivation holds it; closing a
 * month must take it too, so that a month is never closed half-derived.
 */
export async function lockAppraisalMonth(trx: Kysely<Database>, month: string): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(hashtextextended(${'oversight-appraisal:' + month}, 0))`.execute(
    trx
  );
}

/** Derives one month (its own transaction). */
export async function deriveMonth(
  db: Kysely<Database>,
  month: string,
  options: DeriveOptions = {}
): Promise<MonthDerivation> {
  return (await deriveMonths(db, [month], options))[0];
}

/** Derives several months in ONE transaction, oldest first (locks taken in that order). */
export async function deriveMonths(
  db: Kysely<Database>,
  months: readonly string[],
  options: DeriveOptions = {}
): Promise<MonthDerivation[]> {
  const ordered = [...new Set(months.map(toMonth))].sort();
  return db.transaction().execute(async (trx) => {
    const results: MonthDerivation[] = [];
    for (const month of ordered) results.push(await deriveInTransaction(trx, month, options));
    return results;
  });
}

/**
 * Derives one month inside the caller's transaction (closing a month derives it one last
 * time under the same lock and transaction that freezes it).
 */
export async function deriveInTransaction(
  trx: Kysely<Database>,
  month: string,
  { log = () => {} }: DeriveOptions = {}
): Promise<MonthDerivation> {
  await lockAppraisalMonth(trx, month);
  const result: MonthDerivation = {
    month,
    closed: false,
    ruleSetId: null,
    derived: {},
    shares: 0,
    inserted: 0,
    updated: 0,
    retracted: 0
  };
  if (await isMonthClosed(trx, month)) {
    log(`${month.slice(0, 7)} 已结账，不再重新计算自动扣分`);
    return { ...result, closed: true };
  }
  const ruleSet = await loadRuleSetInForce(trx);
  result.ruleSetId = ruleSet.id;
  const ctx = { trx, month };

  await prepareDerivedTable(trx);
  const disabled: string[] = [];
  for (const rule of ruleSet.rules) {
    const derive = DERIVERS[rule.code];
    if (!derive) continue;
    if (!rule.enabled) {
      disabled.push(rule.code);
      continue;
    }
    result.derived[rule.code] = await derive(ctx, rule);
  }
  await sql`ANALYZE appraisal_derived`.execute(trx);
  const own = await upsertDerivedEvents(trx, 'appraisal_derived', month, ruleSet.id);
  const ownRetracted = await retractMissingEvents(trx, 'appraisal_derived', month, disabled);

  // The chief shares follow the deductions as they now stand (appeals and manual entries included).
  const shared = await writeChiefShares(trx, month, ruleSet);

  result.shares = shared.shares;
  result.inserted = own.inserted + shared.inserted;
  result.updated = own.updated + shared.updated;
  result.retracted = ownRetracted + shared.retracted;
  log(describeDerivation(result));
  return result;
}

/** One line in Chinese for the job's message. */
export function describeDerivation(r: MonthDerivation): string {
  const label = r.month.slice(0, 7);
  if (r.closed) return `${label}：已结账，未重算`;
  const total = Object.values(r.derived).reduce((a, b) => a + b, 0);
  return `${label}：自动事件 ${total} 条、首席代表分担 ${r.shares} 条；新增 ${r.inserted}，更新 ${r.updated}，撤回 ${r.retracted}`;
}
