import { sql, type Insertable, type Transaction, type Updateable } from 'kysely';
import {
  SPECIAL_PROCEDURES,
  type CaseEventKind,
  type CaseStatus,
  type SourceCase,
  type SourceCaseEvent,
  type SourceDatabase,
  type SpecialProcedure
} from '../source/source-tables';
import { dayStartMs, localDayOf } from './demo-calendar';
import type { DemoWorld } from './demo-world';
import type { SeededRandom } from './seeded-random';
import { rate } from './tick-feedback';

// The state changes of one demo tick. Every change of a case is guarded by its expected
// status and by updated_at < now (so each case moves at most once per tick and its new
// event is strictly its latest), and writes the matching case event.

type EventRow = Insertable<SourceCaseEvent>;

const MINUTE = 60_000;
const DAY = 86_400_000;

export class TickSession {
  touched = 0;
  private readonly events: EventRow[] = [];

  private constructor(
    readonly trx: Transaction<SourceDatabase>,
    readonly world: DemoWorld,
    readonly rng: SeededRandom,
    readonly now: Date,
    private nextEventId: number
  ) {}

  static async open(trx: Transaction<SourceDatabase>, world: DemoWorld, rng: SeededRandom, now: Date) {
    const row = await trx
      .selectFrom('case_events')
      .select(sql<string>`coalesce(max(id), 0)`.as('max'))
      .executeTakeFirstOrThrow();
    return new TickSession(trx, world, rng, now, Number(row.max) + 1);
  }

  ago(ms: number): Date {
    return new Date(this.now.getTime() - ms);
  }

  event(
    caseId: string,
    kind: CaseEventKind,
    staffId: number | null,
    extra: { procedure?: SpecialProcedure; note?: string } = {}
  ): void {
    this.events.push({
      id: this.nextEventId++,
      case_id: caseId,
      kind,
      occurred_at: this.now,
      staff_id: staffId,
      procedure: extra.procedure ?? null,
      days: null,
      note: extra.note ?? null,
      updated_at: this.now
    });
    this.touched++;
  }

  /** Moves a case from `from`, unless it changed meanwhile or already moved this tick. */
  private async transition(caseId: string, from: CaseStatus, set: Updateable<SourceCase>): Promise<boolean> {
    const result = await this.trx
      .updateTable('cases')
      .set({ ...set, updated_at: this.now })
      .where('id', '=', caseId)
      .where('status', '=', from)
      .where('updated_at', '<', this.now)
      .executeTakeFirst();
    const moved = Number(result.numUpdatedRows) === 1;
    if (moved) this.touched++;
    return moved;
  }

  private pick(status: CaseStatus, olderThanMs: number, limit: number, kind?: 'immediate' | 'promised') {
    let query = this.trx
      .selectFrom('cases as c')
      .innerJoin('matters as m', 'm.id', 'c.matter_id')
      .select([
        'c.id',
        'c.handler_staff_id',
        'c.channel',
        'c.window_id',
        'c.accepted_at',
        'm.section_id',
        'm.kind'
      ])
      .select((eb) =>
        eb
          .selectFrom('case_events as e')
          .select('e.kind')
          .whereRef('e.case_id', '=', 'c.id')
          .where('e.kind', 'in', [
            'received',
            'correction_requested',
            'correction_received',
            'suspended',
            'resumed'
          ])
          .orderBy('e.occurred_at', 'desc')
          .orderBy('e.id', 'desc')
          .limit(1)
          .as('last_kind')
      )
      .where('c.status', '=', status)
      .where('c.updated_at', '<', this.ago(olderThanMs));
    if (kind) query = query.where('m.kind', '=', kind);
    return query
      .orderBy(sql`random()`)
      .limit(limit)
      .execute();
  }

  /** Received cases: accepted, mostly; some rejected, some asked to supplement materials. */
  async acceptSome(limit: number): Promise<number> {
    let accepted = 0;
    for (const c of await this.pick('received', 2 * MINUTE, limit)) {
      if (c.last_kind === 'correction_requested') {
        if (this.rng.chance(0.3) && (await this.transition(c.id, 'received', {}))) {
          this.event(c.id, 'correction_received', c.handler_staff_id);
        }
        continue;
      }
      const verdict = this.rng.next();
      if (verdict < 0.03) {
        if (await this.transition(c.id, 'received', { status: 'rejected' })) {
          this.event(c.id, 'rejected', c.handler_staff_id, { note: '申请材料不符合法定形式，不予受理' });
        }
      } else if (verdict < 0.09) {
        if (await this.transition(c.id, 'received', {})) {
          this.event(c.id, 'correction_requested', c.handler_staff_id, {
            note: '一次性告知：请补正相关材料'
          });
        }
      } else if (await this.transition(c.id, 'received', { status: 'accepted', accepted_at: this.now })) {
        this.event(c.id, 'accepted', c.handler_staff_id);
        accepted++;
      }
    }
    return accepted;
  }

  private async conclude(c: {
    id: string;
    handler_staff_id: number | null;
    section_id: number;
    kind: string;
  }) {
    const denied = this.rng.chance(c.kind === 'immediate' ? 0.005 : 0.03);
    const decision = denied ? 'denied' : 'approved';
    if (!(await this.transition(c.id, 'accepted', { status: 'concluded', decision, concluded_at: this.now })))
      return 0;
    const staff =
      c.kind === 'immediate' ? c.handler_staff_id : (this.world.chiefRep.get(c.section_id) ?? null);
    this.event(c.id, 'concluded', staff, denied ? { note: '不符合法定条件，不予许可' } : {});
    return 1;
  }

  /** 即办件 are decided on the spot. */
  async concludeImmediate(limit: number): Promise<number> {
    let n = 0;
    for (const c of await this.pick('accepted', MINUTE, limit, 'immediate')) n += await this.conclude(c);
    return n;
  }

  /** 承诺件 accepted before today, the longer waiting the likelier. */
  async concludePromised(limit: number): Promise<number> {
    if (limit === 0) return 0;
    const today = new Date(dayStartMs(localDayOf(this.now.getTime())));
    const rows = await this.trx
      .selectFrom('cases as c')
      .innerJoin('matters as m', 'm.id', 'c.matter_id')
      .select(['c.id', 'c.handler_staff_id', 'm.section_id', 'm.kind'])
      .where('c.status', '=', 'accepted')
      .where('m.kind', '=', 'promised')
      .where('c.accepted_at', '<', today)
      .where('c.updated_at', '<', this.now)
      .orderBy(sql`c.accepted_at + random() * interval '15 days'`)
      .limit(limit)
      .execute();
    let n = 0;
    for (const c of rows) n += await this.conclude(c);
    return n;
  }

  /** A correction stop (procedure null) or a special procedure on an accepted 承诺件. */
  async openStop(procedureIndex: number | null): Promise<void> {
    for (const c of await this.pick('accepted', MINUTE, 1, 'promised')) {
      if (!(await this.transition(c.id, 'accepted', { status: 'suspended' }))) continue;
      if (procedureIndex === null) {
        this.event(c.id, 'correction_requested', c.handler_staff_id, {
          note: '一次性告知：请补正相关材料（补正期间不计入办理时限）'
        });
      } else {
        this.event(c.id, 'suspended', c.handler_staff_id, { procedure: SPECIAL_PROCEDURES[procedureIndex] });
      }
    }
  }

  /** Closes the open stop of a case suspended for at least a day. */
  async closeStop(): Promise<void> {
    for (const c of await this.pick('suspended', DAY, 1)) {
      const closing = c.last_kind === 'suspended' ? 'resumed' : 'correction_received';
      if (await this.transition(c.id, 'suspended', { status: 'accepted' }))
        this.event(c.id, closing, c.handler_staff_id);
    }
  }

  /** Delivers decided cases; most applicants then rate the service. */
  async deliverSome(limit: number): Promise<number> {
    if (limit === 0) return 0;
    const rows = await this.trx
      .selectFrom('cases')
      .select(['id', 'handler_staff_id', 'window_id', 'channel'])
      .where('status', '=', 'concluded')
      .where('delivered_at', 'is', null)
      .where('updated_at', '<', this.ago(MINUTE))
      // Undelivered decisions are recent: the window lets the updated_at index do the work.
      .where('updated_at', '>', this.ago(60 * DAY))
      .orderBy(sql`random()`)
      .limit(limit)
      .execute();
    let n = 0;
    for (const c of rows) {
      if (!(await this.transition(c.id, 'concluded', { delivered_at: this.now }))) continue;
      this.event(c.id, 'delivered', c.channel === 'online' ? null : c.handler_staff_id);
      n++;
      if (this.rng.chance(0.7)) await rate(this, c);
    }
    return n;
  }

  async flush(): Promise<void> {
    if (this.events.length) await this.trx.insertInto('case_events').values(this.events).execute();
  }
}
