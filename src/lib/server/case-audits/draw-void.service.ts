import type { Kysely, Transaction } from 'kysely';
import { appendAudit, type Actor } from '../audit/audit.repository';
import type { Database } from '../db/database';
import { DrawError } from './draw-error';
import { findSupersedingDraw, findVoid, insertVoid } from './draw-voids.repository';
import { findDraw } from './draws.repository';

// Voiding a draw (作废) by a new entry: the draw stays as it was, a void row records the
// reason, who and when (shared/spec/audits.md "Integrity"). A void draw takes no more
// reviews (the database refuses them too). A re-draw (重新抽取) is drawPlan with
// `supersede`, which calls voidForRedraw in its own transaction.

export const VOID_REASON_MAX = 500;

type Trx = Transaction<Database>;

/** The trimmed reason, or a Chinese error. */
export function checkVoidReason(reason: string): { reason: string } | { error: string } {
  const trimmed = reason.trim();
  if (trimmed === '') return { error: '请写明作废理由' };
  if ([...trimmed].length > VOID_REASON_MAX) return { error: `作废理由不能超过 ${VOID_REASON_MAX} 字` };
  return { reason: trimmed };
}

function requireUserId(actor: Actor): number {
  if (actor.userId === null) throw new DrawError('只有登录用户可以作废抽取单');
  return actor.userId;
}

async function writeVoid(trx: Trx, actor: Actor, drawId: number, reason: string, redraw: boolean) {
  const checked = checkVoidReason(reason);
  if ('error' in checked) throw new DrawError(checked.error);
  const row = await insertVoid(trx, { drawId, reason: checked.reason, voidedBy: requireUserId(actor) });
  await appendAudit(trx, actor, {
    action: 'audit_draw.void',
    entity: 'audit_draw',
    entityId: drawId,
    after: { void_id: row.id, reason: checked.reason, redraw }
  });
}

export async function voidDraw(db: Kysely<Database>, actor: Actor, drawId: number, reason: string) {
  requireUserId(actor);
  try {
    await db.transaction().execute(async (trx) => {
      if (!(await findDraw(trx, drawId))) throw new DrawError('未找到该抽取单');
      if (await findVoid(trx, drawId)) throw new DrawError('该抽取单已作废');
      await writeVoid(trx, actor, drawId, reason, false);
    });
  } catch (error) {
    // Two inspectors voiding at once: the unique key lets one through.
    if ((error as { code?: string }).code === '23505') throw new DrawError('该抽取单已作废');
    throw error;
  }
}

/** Inside drawPlan's transaction: the draw to supersede must be of the plan and not yet superseded. */
export async function voidForRedraw(
  trx: Trx,
  actor: Actor,
  planId: number,
  supersede: { drawId: number; reason: string }
) {
  const old = await findDraw(trx, supersede.drawId);
  if (!old || old.plan_id !== planId) throw new DrawError('未找到要重新抽取的抽取单');
  if (await findSupersedingDraw(trx, supersede.drawId)) throw new DrawError('该抽取单已被重新抽取');
  // An already void draw may still be re-drawn once; its void keeps its own reason.
  if (!(await findVoid(trx, supersede.drawId)))
    await writeVoid(trx, actor, supersede.drawId, supersede.reason, true);
}
