import { sql, type Kysely, type Transaction } from 'kysely';
import type { SourceDatabase } from '../source/source-tables';
import { generateArrival } from './arrivals';
import { fakeApplicant } from './case-lifecycle';
import { dayStartMs, localDayOf } from './demo-calendar';
import { DEFAULT_DEMO_SEED } from './demo-plan';
import { hashSeed, SeededRandom } from './seeded-random';
import { loadTickWorld } from './tick-world';
import { closeComplaint, fileComplaint } from './tick-feedback';
import { TickSession } from './tick-session';

// Advances the demo approval database by one minute of the bureau's day, in one
// transaction: applications arrive (a handful a minute in office hours, the odd online
// one at night), clerks accept or reject, cases stop and resume, decisions are made and
// delivered, applicants rate. Every change sets updated_at to the transaction's time and
// writes the matching case event, so the source contract holds after any number of ticks.

export interface TickResult {
  rowsTouched: number;
  message: string;
}

const MINUTE_MS = 60_000;
const OPEN_MINUTE = 8 * 60 + 30;
const CLOSE_MINUTE = 17 * 60 + 30;

export interface TickOptions {
  seed?: number;
  /** The tick's time instead of the database's now() (tests, replays); must be later than the data. */
  now?: Date;
  /** Treat the minute as office hours whatever the clock says (the load benchmark's steady stream at night). */
  busy?: boolean;
}

export async function advanceDemoMinute(
  writer: Kysely<SourceDatabase>,
  options: TickOptions = {}
): Promise<TickResult> {
  return writer.transaction().execute(async (trx) => {
    await sql`SELECT pg_advisory_xact_lock(hashtext('oversight-demo-tick'))`.execute(trx);
    const { rows } = await sql<{ now: Date }>`SELECT now() AS now`.execute(trx);
    const nowMs = (options.now ?? rows[0].now).getTime();
    const day = localDayOf(nowMs);
    const world = await loadTickWorld(trx, day);
    if (!world) return { rowsTouched: 0, message: '演示数据源中没有基础数据，未推进' };

    const rng = new SeededRandom(hashSeed(options.seed ?? DEFAULT_DEMO_SEED, Math.floor(nowMs / MINUTE_MS)));
    await sql`SELECT setseed(${rng.next() * 2 - 1})`.execute(trx);
    const minute = Math.floor((nowMs - dayStartMs(day)) / MINUTE_MS);
    const officeHours =
      options.busy || (world.calendar.isWorking(day) && minute >= OPEN_MINUTE && minute < CLOSE_MINUTE);
    const session = await TickSession.open(trx, world, rng, new Date(nowMs));

    const arrived = await arrive(trx, session, officeHours);
    const counts = { arrived, accepted: 0, concluded: 0, delivered: 0 };
    if (officeHours) {
      counts.accepted = await session.acceptSome(rng.int(1, 4));
      counts.concluded =
        (await session.concludeImmediate(10)) + (await session.concludePromised(rng.int(0, 3)));
      if (rng.chance(0.15)) await session.openStop(null);
      if (rng.chance(0.03)) await session.openStop(rng.int(0, 8));
      if (rng.chance(0.3)) await session.closeStop();
      counts.delivered = await session.deliverSome(rng.int(0, 4));
      if (rng.chance(0.004)) await fileComplaint(session);
      if (rng.chance(0.05)) await closeComplaint(session);
    }
    await session.flush();
    return {
      rowsTouched: session.touched,
      message:
        `新收 ${counts.arrived} 件，受理 ${counts.accepted} 件，办结 ${counts.concluded} 件，` +
        `送达 ${counts.delivered} 件${officeHours ? '' : '（非工作时间）'}`
    };
  });
}

async function arrive(
  trx: Transaction<SourceDatabase>,
  session: TickSession,
  officeHours: boolean
): Promise<number> {
  const { world, rng, now } = session;
  const count = officeHours ? rng.int(1, 4) : rng.chance(0.25) ? 1 : 0;
  if (count === 0) return 0;
  const day = localDayOf(now.getTime());
  const prefix = `${world.regionCode}-${world.calendar.date(day).replace(/-/g, '')}-`;
  const last = await trx
    .selectFrom('cases')
    .select(['id', 'case_no'])
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  let id = Number(last?.id ?? 0);
  const lastSeq = last?.case_no.startsWith(prefix) ? Number(last.case_no.slice(prefix.length)) : 0;
  let seq = Number.isInteger(lastSeq) ? lastSeq : 0;
  for (let i = 0; i < count; i++) {
    const arrival = generateArrival(rng, world, day, officeHours);
    const applicant = fakeApplicant(rng, world, arrival.matterIndex);
    id++;
    seq++;
    await trx
      .insertInto('cases')
      .values({
        id,
        case_no: prefix + String(seq).padStart(6, '0'),
        region_code: world.regionCode,
        matter_id: world.matters[arrival.matterIndex].id,
        service_point_id: arrival.servicePointId,
        window_id: arrival.windowId,
        channel: arrival.channel,
        applicant_kind: applicant.person ? 'person' : 'enterprise',
        applicant_name: applicant.applicantName,
        applicant_id_no: applicant.applicantIdNo,
        applicant_phone: applicant.applicantPhone,
        received_at: now,
        accepted_at: null,
        handler_staff_id: arrival.handlerStaffId,
        status: 'received',
        decision: null,
        concluded_at: null,
        delivered_at: null,
        updated_at: now
      })
      .execute();
    session.touched++;
    session.event(String(id), 'received', arrival.receiverStaffId);
  }
  return count;
}
