import type { Kysely } from 'kysely';
import { addMonths, monthsEndingAt } from '../../../appraisal/months';
import type { Role } from '../../../roles';
import type { AppraisalActor } from '../../appraisal/event-scope';
import { addDays, isWorkingDay, type CalendarOverrides } from '../../calendar/working-days';
import { bureauToday } from '../../case-clock/bureau-date';
import { loadCalendarFrom } from '../../case-clock/calendar.repository';
import type { Database } from '../../db/database';
import type { EvaluationActor } from '../../evaluation/scope';
import { DEMO_LOGINS } from '../demo-accounts';
import { DEFAULT_DEMO_SEED } from '../demo-plan';
import { hashSeed, SeededRandom } from '../seeded-random';

// What every area of the product-side demo data shares: the clock, the months it covers,
// the bureau calendar, the demo accounts it acts as, and seeded random streams of their
// own (per area, and per month or story within it), so one choice never shifts another.

/** A demo account as the services see a signed-in user: audit actor plus row scope. */
export type DemoUser = AppraisalActor & EvaluationActor;

export interface DemoUsers {
  leader: DemoUser;
  sectionHead: DemoUser;
  staff: DemoUser;
  evaluator: DemoUser;
}

export interface SeedOptions {
  /** The instant the demo is seeded at (default: now). */
  now?: Date;
  seed?: number;
  /** Complete months before the current one that get data (default 3). */
  months?: number;
  log?: (message: string) => void;
}

export interface SeedContext {
  db: Kysely<Database>;
  now: Date;
  /** The bureau's date of `now`. */
  today: string;
  /** The complete months covered, 'YYYY-MM', oldest first. */
  months: string[];
  currentMonth: string;
  calendar: CalendarOverrides;
  users: DemoUsers;
  /** The stream of an area (its constant) and an index within it (a month, a story). */
  random(area: number, index: number): SeededRandom;
  log(message: string): void;
}

export const DEFAULT_SEED_MONTHS = 3;

export async function createSeedContext(
  db: Kysely<Database>,
  options: SeedOptions = {}
): Promise<SeedContext> {
  const now = options.now ?? new Date();
  const today = bureauToday(now);
  const currentMonth = today.slice(0, 7);
  const seed = options.seed ?? DEFAULT_DEMO_SEED;
  return {
    db,
    now,
    today,
    months: monthsEndingAt(addMonths(currentMonth, 1), options.months ?? DEFAULT_SEED_MONTHS),
    currentMonth,
    calendar: await loadCalendarFrom(db),
    users: await loadDemoUsers(db),
    random: (area, index) => new SeededRandom(hashSeed(seed, 0x9d0c_0000 + area, index)),
    log: options.log ?? (() => {})
  };
}

async function loadDemoUsers(db: Kysely<Database>): Promise<DemoUsers> {
  const rows = await db
    .selectFrom('users')
    .select(['id', 'login', 'roles', 'section_codes', 'staff_no', 'firm_code'])
    .where('login', 'in', Object.values(DEMO_LOGINS))
    .where('active', '=', true)
    .execute();
  const user = (login: string): DemoUser => {
    const row = rows.find((r) => r.login === login);
    if (!row) throw new Error(`演示账号 ${login} 不存在或已停用，无法生成演示业务数据`);
    return {
      userId: row.id,
      login: row.login,
      roles: row.roles as Role[],
      ip: null,
      sectionCodes: row.section_codes,
      staffNo: row.staff_no,
      firmCode: row.firm_code
    };
  };
  return {
    leader: user(DEMO_LOGINS.leader),
    sectionHead: user(DEMO_LOGINS.sectionHead),
    staff: user(DEMO_LOGINS.staff),
    evaluator: user(DEMO_LOGINS.evaluator)
  };
}

/** The working days of a month (bureau calendar), up to `until` when given. */
export function workingDaysOf(month: string, calendar: CalendarOverrides, until?: string): string[] {
  const days: string[] = [];
  for (let d = `${month}-01`; d.startsWith(month) && (!until || d <= until); d = addDays(d, 1)) {
    if (isWorkingDay(d, calendar)) days.push(d);
  }
  return days;
}

/** The instant of a bureau-local date and time ('HH:MM'). */
export function bureauInstant(date: string, time: string): Date {
  return new Date(`${date}T${time}:00+08:00`);
}
