import { sql } from 'kysely';
import { decideAppeal, fileAppeal } from '../../appraisal/appeals.service';
import { monthClosingDate } from '../../appraisal/appraisal-dates';
import { closeMonth } from '../../appraisal/closing.service';
import { entrySections } from '../../appraisal/event-scope';
import { listEntryStaff, type ScoredStaff } from '../../appraisal/manual-events.repository';
import { enterManualEvent } from '../../appraisal/manual-events.service';
import { SYSTEM_ACTOR } from '../../audit/audit.repository';
import { addDays, addWorkingDays, isWorkingDay } from '../../calendar/working-days';
import { APPRAISAL_STORIES, type AppraisalStory } from './appraisal-stories';
import { bureauInstant, workingDaysOf, type SeedContext } from './context';

// The demo's thousand-point appraisal (千分制): the manual events of APPRAISAL_STORIES
// entered, appealed and decided through the product's services (each its own transaction
// with its audit entry), dated on the days they would have happened; then the complete
// months closed as the job appraisal-close closes an overdue month: by the system, with a
// last derivation, the frozen results and their publication.

const AREA = 1;

export interface AppraisalSeed {
  events: number;
  appeals: number;
  closedMonths: string[];
}

/** Nothing entered by hand and no month closed yet: the appraisal is as a fresh start leaves it. */
export async function appraisalIsEmpty(ctx: SeedContext): Promise<boolean> {
  const { rows } = await sql<{ used: boolean }>`
    SELECT EXISTS (SELECT 1 FROM score_events WHERE origin <> 'automatic')
        OR EXISTS (SELECT 1 FROM appraisal_months WHERE closed_at IS NOT NULL) AS used`.execute(ctx.db);
  return !rows[0].used;
}

export async function seedAppraisal(ctx: SeedContext): Promise<AppraisalSeed> {
  const { db, users, calendar } = ctx;
  const own = await listEntryStaff(db, entrySections(users.sectionHead));
  const others = (await listEntryStaff(db, 'all')).filter((p) => !own.some((o) => o.id === p.id));
  const candidates: Record<AppraisalStory['person'], ScoredStaff[]> = {
    'demo-staff': own.filter((p) => p.staffNo === users.staff.staffNo),
    'own-section': own.filter((p) => p.staffNo !== users.staff.staffNo),
    'other-section': others
  };
  const pendingDay = lastWorkingDayBefore(ctx.today, ctx);
  let events = 0;
  let appeals = 0;
  for (const [i, story] of APPRAISAL_STORIES.entries()) {
    const month = story.monthsAgo === 0 ? pendingDay.slice(0, 7) : ctx.months.at(-story.monthsAgo);
    const people = candidates[story.person];
    if (!month || people.length === 0) continue;
    const rng = ctx.random(AREA, i);
    // Early in the month, so that an appeal is filed and decided well before the closing.
    const day = story.monthsAgo === 0 ? pendingDay : rng.pick(workingDaysOf(month, calendar).slice(0, 15));
    const person = rng.pick(people);
    const entered = await enterManualEvent(
      db,
      users[story.enteredBy],
      { staffId: person.id, ruleCode: story.ruleCode, occurredOn: day, note: story.note, correction: false },
      [],
      bureauInstant(day, '16:40')
    );
    if (!entered.ok) throw new Error(`演示考核事件录入失败：${JSON.stringify(entered.errors)}`);
    events++;
    if (!story.appeal) continue;
    const appealedAt =
      story.monthsAgo === 0 ? ctx.now : bureauInstant(addWorkingDays(day, 1, calendar), '09:30');
    must(await fileAppeal(db, users.staff, entered.id, story.appeal.reason, appealedAt));
    appeals++;
    const decision = story.appeal.decision;
    if (!decision) continue;
    const decidedAt = bureauInstant(addWorkingDays(day, 3, calendar), '15:00');
    must(await decideAppeal(db, users.leader, entered.id, decision.outcome, decision.reason, decidedAt));
  }

  const closedMonths: string[] = [];
  for (const month of ctx.months) {
    if (monthClosingDate(month, calendar) >= ctx.today) continue; // its closing day is not over
    await closeMonth(db, SYSTEM_ACTOR, month, { now: ctx.now, today: ctx.today, automatic: true });
    closedMonths.push(month);
  }
  return { events, appeals, closedMonths };
}

/** The last working day before `today` (the pending appeal's event: entered, not yet decided). */
function lastWorkingDayBefore(today: string, ctx: SeedContext): string {
  let day = addDays(today, -1);
  while (!isWorkingDay(day, ctx.calendar)) day = addDays(day, -1);
  return day;
}

function must(outcome: { ok: true } | { ok: false; error: string }): void {
  if (!outcome.ok) throw new Error(`演示申诉处理失败：${outcome.error}`);
}
