import type { Kysely } from 'kysely';
import { isMonthText, monthLabel, monthsEndingAt } from '../../appraisal/months';
import type { EventStatus } from '../../appraisal/catalogue';
import { appendAudit, type Actor } from '../audit/audit.repository';
import { loadCalendarFrom } from '../case-clock/calendar.repository';
import { bureauToday } from '../case-clock/bureau-date';
import type { Database } from '../db/database';
import { isMonthClosable, monthClosingDate } from './appraisal-dates';
import { correctionsAfterClosing, frozenEventIds, type PersonCorrection } from './corrections';
import { deriveInTransaction, lockAppraisalMonth } from './derive.service';
import { listMonthEvents, type ScoreEventRow } from './events.repository';
import { assembleMonthResults, type MonthResults, type ScoredPerson, type WindowInfo } from './month-results';
import {
  findMonthRecord,
  listClosedTrend,
  listMonthsWithEvents,
  listScoredPeople,
  listWindows,
  loadSnapshot,
  saveClosing,
  type MonthRecord
} from './results.repository';
import { ruleSetForMonth, type RuleSetVersion } from './rule-set';
import { listRuleSets } from './rule-sets.repository';
import type { RuleSet, ScoreEventInput } from './score-types';

// The monthly results (docs/rules/appraisal.md "Monthly results and closing"). An open
// month is computed on every request from one query of its events, the staff as synced
// now and the rule set in force: nothing is cached (1,000 people score in milliseconds).
// A closed month is its frozen snapshot, never recomputed. Months are 'YYYY-MM'.

type Db = Kysely<Database>;

export class AppraisalError extends Error {
  override name = 'AppraisalError';
  constructor(
    message: string,
    readonly status: 400 | 403 | 404 | 409 = 409
  ) {
    super(message);
  }
}

export const month01 = (month: string) => `${month}-01`;

function checkMonth(month: string): void {
  if (!isMonthText(month)) throw new AppraisalError(`月份格式应为 YYYY-MM：${month}`, 400);
}

/** A stored event as the arithmetic's input; bigint ids as numbers so caps go in id order. */
export function toScoreInput(row: ScoreEventRow): ScoreEventInput & { status: EventStatus } {
  return {
    id: Number(row.id),
    staffId: row.staffId,
    month: row.month.slice(0, 7),
    ruleCode: row.ruleCode,
    target: row.target,
    points: Number(row.points),
    status: row.status as EventStatus,
    retracted: row.retractedAt !== null
  };
}

export async function ruleSetVersions(db: Db): Promise<RuleSetVersion[]> {
  return (await listRuleSets(db)).map((s) => ({
    ruleSet: {
      id: s.id,
      dimensionPoints: s.dimensionPoints,
      bonusCap: s.bonusCap,
      chiefShare: Number(s.chiefShare),
      rules: s.rules
    },
    effectiveFrom: s.createdAt
  }));
}

interface Context {
  versions: RuleSetVersion[];
  people: ScoredPerson[];
  windows: WindowInfo[];
}

async function loadContext(db: Db): Promise<Context> {
  const [versions, people, windows] = await Promise.all([
    ruleSetVersions(db),
    listScoredPeople(db),
    listWindows(db)
  ]);
  return { versions, people, windows };
}

async function computeWith(db: Db, ctx: Context, month: string, now: Date): Promise<MonthResults> {
  const ruleSet = ruleSetForMonth(month, ctx.versions, null, now);
  const events = (await listMonthEvents(db, month01(month))).map(toScoreInput);
  return assembleMonthResults({ month, ruleSet, people: ctx.people, windows: ctx.windows, events, now });
}

/** An open month's results as they stand now (the rule set in force, staff as synced). */
export async function computeMonthResults(db: Db, month: string, now = new Date()): Promise<MonthResults> {
  checkMonth(month);
  return computeWith(db, await loadContext(db), month, now);
}

export interface MonthStatus {
  month: string;
  closed: boolean;
  closedAt: Date | null;
  closedBy: string | null;
  published: boolean;
  /** The 5th working day of the next month. */
  closingDate: string;
  /** Open and on or after the closing date. */
  closable: boolean;
}

export interface MonthView {
  status: MonthStatus;
  results: MonthResults;
  ruleSet: RuleSet;
  /** Closed months: events entered after closing, per person, with their effect. */
  corrections: PersonCorrection[];
  /** The rows of those later events (date, note, origin), by id. */
  correctionRows: ScoreEventRow[];
}

function statusOf(month: string, record: MonthRecord | undefined, closingDate: string, today: string) {
  const closed = Boolean(record?.closedAt);
  return {
    month,
    closed,
    closedAt: record?.closedAt ?? null,
    closedBy: record?.closedByLogin ?? null,
    published: record?.published ?? false,
    closingDate,
    closable: !closed && today >= closingDate
  };
}

/** The month's results: frozen if closed (with the corrections after closing), else live. */
export async function loadMonthView(
  db: Db,
  month: string,
  { now = new Date(), today = bureauToday(now) }: { now?: Date; today?: string } = {}
): Promise<MonthView> {
  checkMonth(month);
  const [record, calendar, versions] = await Promise.all([
    findMonthRecord(db, month01(month)),
    loadCalendarFrom(db),
    ruleSetVersions(db)
  ]);
  const status = statusOf(month, record, monthClosingDate(month, calendar), today);
  if (status.closed && record?.ruleSetId != null) {
    const ruleSet = ruleSetForMonth(month, versions, { month, ruleSetId: record.ruleSetId }, now);
    const results = (await loadSnapshot(db, month01(month)))!;
    const rows = await listMonthEvents(db, month01(month));
    const frozen = frozenEventIds(results);
    const correctionRows = rows.filter((r) => !frozen.has(String(Number(r.id))));
    const corrections = correctionsAfterClosing(results, correctionRows.map(toScoreInput), ruleSet);
    return { status, results, ruleSet, corrections, correctionRows };
  }
  const [people, windows] = await Promise.all([listScoredPeople(db), listWindows(db)]);
  const results = await computeWith(db, { versions, people, windows }, month, now);
  const ruleSet = ruleSetForMonth(month, versions, null, now);
  return { status, results, ruleSet, corrections: [], correctionRows: [] };
}

/**
 * Closes a month (leaders): under the month's lock, derives it one last time, computes
 * the results, freezes them with the rule set and publishes them, and audits it — one
 * transaction. Refused before the 5th working day of the next month and when closed.
 */
export async function closeMonth(
  db: Db,
  actor: Actor,
  month: string,
  { now = new Date(), today = bureauToday(now) }: { now?: Date; today?: string } = {}
): Promise<MonthResults> {
  checkMonth(month);
  if (actor.userId === null || !actor.roles.includes('leader')) {
    throw new AppraisalError('只有局领导可以结账', 403);
  }
  const closedBy = actor.userId;
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

export interface TrendPoint {
  month: string;
  bureauMean: number | null;
  person: number | null;
  closed: boolean;
}

/**
 * The bureau mean (and a person's total) over `count` months ending at `last`: closed
 * months from their snapshot, open months with events computed; a month with neither is
 * a gap (the appraisal was not running). `known` spares recomputing the page's month.
 */
export async function loadTrend(
  db: Db,
  last: string,
  staffId: number | null,
  { count = 12, now = new Date(), known }: { count?: number; now?: Date; known?: MonthResults } = {}
): Promise<TrendPoint[]> {
  checkMonth(last);
  const months = monthsEndingAt(last, count);
  const from = month01(months[0]);
  const [closed, withEvents] = await Promise.all([
    listClosedTrend(db, from, month01(last), staffId),
    listMonthsWithEvents(db, from, month01(last))
  ]);
  const closedBy = new Map(closed.map((c) => [c.month, c]));
  let ctx: Context | null = null;
  const points: TrendPoint[] = [];
  for (const month of months) {
    const c = closedBy.get(month);
    if (c) {
      points.push({ month, bureauMean: c.bureauMean, person: c.person, closed: true });
      continue;
    }
    if (!withEvents.includes(month) && month !== last) {
      points.push({ month, bureauMean: null, person: null, closed: false });
      continue;
    }
    let results = known?.month === month ? known : null;
    if (!results) {
      ctx ??= await loadContext(db);
      results = await computeWith(db, ctx, month, now);
    }
    const person =
      staffId === null ? null : (results.staff.find((p) => p.staffId === staffId)?.total ?? null);
    points.push({ month, bureauMean: results.bureauMean, person, closed: false });
  }
  return points;
}

/**
 * The `?month=` of a page: absent → the current month; malformed or in the future → null
 * (the page answers 400).
 */
export function readMonthParam(value: string | null, today: string): string | null {
  const current = today.slice(0, 7);
  if (value === null || value === '') return current;
  return isMonthText(value) && value <= current ? value : null;
}
