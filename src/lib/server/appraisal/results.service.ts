import type { Kysely } from 'kysely';
import { isMonthText } from '../../appraisal/months';
import type { EventStatus } from '../../appraisal/catalogue';
import { loadCalendarFrom } from '../case-clock/calendar.repository';
import { bureauToday } from '../case-clock/bureau-date';
import type { Database } from '../db/database';
import { monthClosingDate } from './appraisal-dates';
import { correctionsAfterClosing, frozenEventIds, type PersonCorrection } from './corrections';
import { listMonthEvents, type ScoreEventRow } from './events.repository';
import { assembleMonthResults, type MonthResults, type ScoredPerson, type WindowInfo } from './month-results';
import {
  findMonthRecord,
  listScoredPeople,
  listWindows,
  loadSnapshot,
  type MonthRecord
} from './results.repository';
import { ruleSetForMonth, type RuleSetVersion } from './rule-set';
import { listRuleSets } from './rule-sets.repository';
import type { RuleSet, ScoreEventInput } from './score-types';

// The monthly results (docs/rules/appraisal.md "Monthly results and closing"). An open
// month is computed on every request from one query of its events, the staff as synced
// now and the rule set in force: nothing is cached (1,000 people with 30 events each: about a quarter of a second).
// A closed month is its frozen snapshot, never recomputed (closing: closing.service.ts,
// the months' trend: trend.service.ts). Months are 'YYYY-MM'.

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

export function checkMonth(month: string): void {
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

export interface Context {
  versions: RuleSetVersion[];
  people: ScoredPerson[];
  windows: WindowInfo[];
}

export async function loadContext(db: Db): Promise<Context> {
  const [versions, people, windows] = await Promise.all([
    ruleSetVersions(db),
    listScoredPeople(db),
    listWindows(db)
  ]);
  return { versions, people, windows };
}

export async function computeWith(db: Db, ctx: Context, month: string, now: Date): Promise<MonthResults> {
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
 * The `?month=` of a page: absent → the current month; malformed or in the future → null
 * (the page answers 400).
 */
export function readMonthParam(value: string | null, today: string): string | null {
  const current = today.slice(0, 7);
  if (value === null || value === '') return current;
  return isMonthText(value) && value <= current ? value : null;
}
