import type { Kysely } from 'kysely';
import { monthLabel } from '../../bulletins';
import { appendAudit, type Actor } from '../audit/audit.repository';
import type { Database } from '../db/database';
import { bulletinTitle } from './assemble';
import * as repo from './bulletins.repository';
import { composeBulletin } from './compose';
import { BulletinError, requireLeader, searchText, type FormOutcome } from './write-rules';

// Correcting a published bulletin (更正; docs/rules/bulletins.md): the published one never
// changes, the correction is a new draft that refers to it and is published in its turn.

export const MAX_CORRECTION_NOTE = 1000;

/**
 * Starts the correction of a published bulletin: a new draft of the same month with the
 * sections recomputed, the commentary carried over to be amended, and the reason stated.
 * While one is in preparation, asking again returns it.
 */
export async function correctBulletin(
  db: Kysely<Database>,
  actor: Actor,
  id: number,
  note: string,
  asOf: string
): Promise<FormOutcome> {
  const userId = requireLeader(actor);
  const reason = note.replace(/\r\n/g, '\n').trim();
  if (reason === '') return { ok: false, errors: { note: '请说明更正的内容和原因' } };
  if (reason.length > MAX_CORRECTION_NOTE) {
    return { ok: false, errors: { note: `更正说明不能超过 ${MAX_CORRECTION_NOTE} 字` } };
  }
  const target = await repo.findBulletin(db, id);
  if (!target) throw new BulletinError('未找到该通报', 404);
  if (target.status !== 'published') throw new BulletinError('只有已发布的通报才需要更正；草稿可直接修改');
  const content = await composeBulletin(db, target.month, asOf);
  return db.transaction().execute(async (trx) => {
    await repo.lockMonth(trx, target.month);
    const open = await repo.findOpenCorrection(trx, id);
    if (open) return { ok: true, id: open.id };
    const fields = {
      title: bulletinTitle(monthLabel(target.month), true),
      month: target.month,
      commentary: target.commentary,
      correction_note: reason
    };
    const newId = await repo.insertBulletin(trx, {
      ...fields,
      correctionNote: reason,
      content,
      searchText: searchText(fields, content),
      correctsId: id,
      draftedBy: userId
    });
    await appendAudit(trx, actor, {
      action: 'bulletin.correct',
      entity: 'bulletin',
      entityId: newId,
      after: { correctsId: id, month: target.month, note: reason }
    });
    return { ok: true, id: newId };
  });
}
