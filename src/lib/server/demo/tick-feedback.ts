import { sql } from 'kysely';
import type { TickSession } from './tick-session';

// What applicants say during a demo tick: a rating after delivery, now and then a
// complaint to the hotline, and the bureau closing an old complaint.

const DAY = 86_400_000;

export async function rate(
  session: TickSession,
  c: { id: string; handler_staff_id: number | null; window_id: number | null; channel: string }
): Promise<void> {
  const { trx, rng, now } = session;
  const r = rng.next();
  const level = r < 0.925 ? 5 : r < 0.98 ? 4 : r < 0.995 ? 3 : r < 0.998 ? 2 : 1;
  const channel = c.window_id !== null ? 'hall_device' : c.channel === 'online' ? 'online' : 'sms';
  await trx
    .insertInto('ratings')
    .values(({ selectFrom }) => ({
      id: selectFrom('ratings').select(sql<string>`coalesce(max(id), 0) + 1`.as('id')),
      case_id: c.id,
      staff_id: c.handler_staff_id,
      window_id: c.window_id,
      level,
      channel,
      rated_at: now,
      comment: level <= 2 ? '等待时间太长' : null,
      updated_at: now
    }))
    .execute();
  session.touched++;
}

/** A hotline complaint about a case decided in the last 30 days. */
export async function fileComplaint(session: TickSession): Promise<void> {
  const { trx, rng, now } = session;
  const c = await trx
    .selectFrom('cases')
    .select(['id', 'handler_staff_id', 'window_id'])
    .where('status', '=', 'concluded')
    .where('concluded_at', '>', session.ago(30 * DAY))
    .where('updated_at', '>', session.ago(30 * DAY))
    .orderBy(sql`random()`)
    .limit(1)
    .executeTakeFirst();
  if (!c) return;
  await trx
    .insertInto('complaints')
    .values(({ selectFrom }) => ({
      id: selectFrom('complaints').select(sql<string>`coalesce(max(id), 0) + 1`.as('id')),
      case_id: c.id,
      staff_id: c.handler_staff_id,
      window_id: c.window_id,
      source: 'hotline',
      category: rng.pick(['服务态度', '多次跑腿', '告知不清', '办理超时']),
      received_at: now,
      substantiated: null,
      closed_at: null,
      updated_at: now
    }))
    .execute();
  session.touched++;
}

/** Closes the oldest complaint open for more than a day, with a verdict. */
export async function closeComplaint(session: TickSession): Promise<void> {
  const { trx, rng, now } = session;
  const result = await trx
    .updateTable('complaints')
    .set({ closed_at: now, substantiated: rng.chance(0.3), updated_at: now })
    .where('id', '=', (eb) =>
      eb
        .selectFrom('complaints')
        .select('id')
        .where('closed_at', 'is', null)
        .where('received_at', '<', session.ago(DAY))
        .orderBy('received_at')
        .limit(1)
    )
    .executeTakeFirst();
  session.touched += Number(result.numUpdatedRows);
}
