import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type pg from 'pg';
import { appendAudit, type Actor } from '../audit/audit.repository';
import type { RecomputeResult } from '../case-clock/recompute';
import { recomputeForDateRange, recomputeForDates } from '../case-clock/refresh.service';
import type { Database } from '../db/database';
import { kyselyOnClient, lockDerivedState, withProductTransaction } from '../sync/product-connection';
import {
  deleteExceptionDay,
  findExceptionDay,
  findYearRecord,
  listExceptionDays,
  replaceYearDays,
  upsertExceptionDay,
  upsertYearRecord,
  type CalendarYearRecord
} from './calendar-admin.repository';
import { CalendarValidationError } from './calendar-edit';
import { parseIcs } from './ics';
import {
  buildYearPlan,
  CalendarImportError,
  diffYearPlan,
  movedDates,
  type ExceptionDay,
  type PlanDiff,
  type YearPlan
} from './import-plan';
import { parseNotice } from './notice';

// Changes to the working-day calendar by an administrator. Each change is one transaction
// on one connection: the days (or the year's status) are written, the audit entry is
// appended, and the clocks of the cases whose deadlines the change can move are
// recomputed, so that the calendar and every deadline derived from it commit together.
// The transaction first takes the derived-state lock (docs/rules/sync.md): a sync pass
// or the daily refresh runs before or after it, never in between.

export interface ChangeOptions {
  /** The product database. */
  databaseUrl: string;
  /** T for the recomputation, 'YYYY-MM-DD' (default: today in Asia/Shanghai). */
  evaluationDate?: string;
}

export interface CalendarChange {
  /** Cases recomputed (and how many of their rows changed); zero when nothing could move. */
  recompute: RecomputeResult;
  /** Whether the year of the change is confirmed: exceptions of other years do not apply yet. */
  applies: boolean;
}

const NOTHING: RecomputeResult = { cases: 0, changed: 0, seconds: 0 };

async function inCalendarTransaction<T>(
  options: ChangeOptions,
  fn: (db: Kysely<Database>, client: pg.ClientBase) => Promise<T>
): Promise<T> {
  return withProductTransaction(
    options.databaseUrl,
    async (client) => {
      await lockDerivedState(client);
      const db = kyselyOnClient(client);
      try {
        return await fn(db, client);
      } finally {
        await db.destroy();
      }
    },
    'oversight-calendar'
  );
}

const yearOf = (date: string) => Number(date.slice(0, 4));
const isConfirmed = async (db: Kysely<Database>, year: number) =>
  (await findYearRecord(db, year))?.confirmed ?? false;

/** Adds a holiday or a make-up working day, or changes one. */
export async function setCalendarDay(
  actor: Actor,
  day: ExceptionDay,
  options: ChangeOptions
): Promise<CalendarChange> {
  return inCalendarTransaction(options, async (db, client) => {
    const before = (await findExceptionDay(db, day.date)) ?? null;
    const after = await upsertExceptionDay(db, day);
    await appendAudit(db, actor, {
      action: 'calendar.day_set',
      entity: 'calendar_day',
      entityId: day.date,
      before,
      after
    });
    // A changed note moves no deadline.
    const moved = !before || before.working !== after.working;
    const recompute = moved
      ? await recomputeForDates([day.date], { client, evaluationDate: options.evaluationDate })
      : NOTHING;
    return { recompute, applies: await isConfirmed(db, yearOf(day.date)) };
  });
}

/** Removes an exception: the date falls back to Monday–Friday. */
export async function removeCalendarDay(
  actor: Actor,
  date: string,
  options: ChangeOptions
): Promise<CalendarChange> {
  return inCalendarTransaction(options, async (db, client) => {
    const before = await findExceptionDay(db, date);
    if (!before) throw new CalendarValidationError({ date: `${date} 没有设置为放假或调休上班，无需删除` });
    await deleteExceptionDay(db, date);
    await appendAudit(db, actor, {
      action: 'calendar.day_remove',
      entity: 'calendar_day',
      entityId: date,
      before,
      after: null
    });
    const recompute = await recomputeForDates([date], { client, evaluationDate: options.evaluationDate });
    return { recompute, applies: await isConfirmed(db, yearOf(date)) };
  });
}

/** Marks a year confirmed (its exceptions apply) or unconfirmed (Monday–Friday), with its notice. */
export async function setYearStatus(
  actor: Actor,
  record: CalendarYearRecord,
  options: ChangeOptions
): Promise<CalendarChange> {
  return inCalendarTransaction(options, async (db, client) => {
    const before = (await findYearRecord(db, record.year)) ?? null;
    if (record.confirmed && !(await listExceptionDays(db, record.year)).length) {
      throw new CalendarValidationError({
        year: `${record.year} 年还没有任何放假或调休上班日期；请先录入或导入放假通知，再确认`
      });
    }
    const after = await upsertYearRecord(db, record);
    await appendAudit(db, actor, {
      action: 'calendar.year_set',
      entity: 'calendar_year',
      entityId: record.year,
      before,
      after
    });
    const recompute =
      (before?.confirmed ?? false) === after.confirmed
        ? NOTHING
        : await recomputeForDateRange(`${record.year}-01-01`, `${record.year}-12-31`, {
            client,
            evaluationDate: options.evaluationDate
          });
    return { recompute, applies: after.confirmed };
  });
}

// ---------------------------------------------------------------------------------------
// Importing a whole year: parse, preview the difference, then apply it as previewed.

export interface ImportSource {
  kind: 'ics' | 'notice';
  text: string;
  /** The uploaded file's name, for the audit trail. */
  fileName?: string | null;
}

export interface ImportRequest {
  source: ImportSource;
  year: number;
  /** Also mark the year confirmed with this notice. */
  confirmWith: string | null;
}

export interface ImportPreview {
  plan: YearPlan;
  diff: PlanDiff;
  yearBefore: CalendarYearRecord | null;
  /** Digest of the year as previewed: applying refuses if the year changed since. */
  base: string;
}

/** Parses the source into the year's plan; throws CalendarImportError. */
export function planFromSource(source: ImportSource, year: number): YearPlan {
  const days = source.kind === 'ics' ? parseIcs(source.text) : parseNotice(source.text, year);
  return buildYearPlan(year, days);
}

function digest(record: CalendarYearRecord | null, days: readonly ExceptionDay[]): string {
  return createHash('sha256')
    .update(
      JSON.stringify([
        record?.confirmed ?? null,
        record?.notice ?? null,
        days.map((d) => [d.date, d.working, d.note])
      ])
    )
    .digest('hex')
    .slice(0, 32);
}

async function previewOn(
  db: Kysely<Database>,
  request: ImportRequest
): Promise<ImportPreview & { current: ExceptionDay[] }> {
  const plan = planFromSource(request.source, request.year);
  const [current, yearBefore] = await Promise.all([
    listExceptionDays(db, request.year),
    findYearRecord(db, request.year)
  ]);
  return {
    plan,
    diff: diffYearPlan(plan, current),
    yearBefore: yearBefore ?? null,
    base: digest(yearBefore ?? null, current),
    current
  };
}

export async function previewYearImport(
  db: Kysely<Database>,
  request: ImportRequest
): Promise<ImportPreview> {
  const { current: _current, ...preview } = await previewOn(db, request);
  return preview;
}

/** Applies an import as previewed (`base`): the year's exceptions are replaced, in one transaction. */
export async function applyYearImport(
  actor: Actor,
  request: ImportRequest & { base: string },
  options: ChangeOptions
): Promise<CalendarChange & { diff: PlanDiff }> {
  return inCalendarTransaction(options, async (db, client) => {
    const { plan, diff, yearBefore, base, current } = await previewOn(db, request);
    if (base !== request.base) {
      throw new CalendarImportError(`${request.year} 年的日历在预览之后已被修改，请重新预览后再导入`);
    }
    await replaceYearDays(db, request.year, plan.exceptions);
    const yearAfter = request.confirmWith
      ? await upsertYearRecord(db, { year: request.year, confirmed: true, notice: request.confirmWith })
      : yearBefore;
    await appendAudit(db, actor, {
      action: 'calendar.year_import',
      entity: 'calendar_year',
      entityId: request.year,
      before: { year: yearBefore, days: current },
      after: {
        year: yearAfter,
        days: plan.exceptions,
        source: request.source.kind,
        file: request.source.fileName ?? null
      }
    });
    const evaluationDate = options.evaluationDate;
    const statusChanged = (yearBefore?.confirmed ?? false) !== (yearAfter?.confirmed ?? false);
    const dates = movedDates(diff);
    const recompute = statusChanged
      ? await recomputeForDateRange(`${request.year}-01-01`, `${request.year}-12-31`, {
          client,
          evaluationDate
        })
      : dates.length
        ? await recomputeForDates(dates, { client, evaluationDate })
        : NOTHING;
    return { recompute, applies: yearAfter?.confirmed ?? false, diff };
  });
}
