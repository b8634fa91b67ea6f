import type { Kysely } from 'kysely';
import { MAX_COMMENTARY, monthLabel } from '../../bulletins';
import { appendAudit, type Actor } from '../audit/audit.repository';
import type { Database } from '../db/database';
import { bulletinTitle } from './assemble';
import * as repo from './bulletins.repository';
import { composeBulletin } from './compose';
import { formatBulletinNumber, nextBulletinNumber, numberYear } from './numbering';
import { BulletinError, lockedDraft, requireLeader, searchText, type FormOutcome } from './write-rules';

// Drafting, editing and publishing the monthly bulletin (每月集中通报;
// docs/rules/bulletins.md). Only a draft changes; publishing freezes it and gives it its
// number; a correction is a new draft that refers to it (correction.service.ts). Each write is
// one transaction with its audit entry. Sections are computed before the transaction
// (reads only), so a long computation never holds the month's lock.

export type DraftOutcome = { id: number; outcome: 'created' | 'refreshed' | 'published' };

/**
 * The month's bulletin as a draft: created the first time, its sections recomputed when a
 * draft exists, left alone once published (a change is then a correction).
 */
export async function draftBulletin(
  db: Kysely<Database>,
  actor: Actor,
  month: string,
  asOf: string,
  now: Date = new Date()
): Promise<DraftOutcome> {
  const content = await composeBulletin(db, month, asOf);
  return db.transaction().execute(async (trx) => {
    await repo.lockMonth(trx, month);
    const existing = await repo.findOriginalForUpdate(trx, month);
    if (existing?.status === 'published') return { id: existing.id, outcome: 'published' };
    if (existing) {
      const row = await lockedDraft(trx, existing.id);
      await repo.updateDraft(trx, row.id, {
        content,
        searchText: searchText(row, content),
        refreshedAt: now
      });
      await appendAudit(trx, actor, {
        action: 'bulletin.refresh',
        entity: 'bulletin',
        entityId: row.id,
        after: { month, asOf }
      });
      return { id: row.id, outcome: 'refreshed' };
    }
    const fields = {
      title: bulletinTitle(monthLabel(month), false),
      month,
      commentary: '',
      correction_note: null
    };
    const id = await repo.insertBulletin(trx, {
      ...fields,
      correctionNote: null,
      content,
      searchText: searchText(fields, content),
      correctsId: null,
      draftedBy: actor.userId
    });
    await appendAudit(trx, actor, {
      action: 'bulletin.draft',
      entity: 'bulletin',
      entityId: id,
      after: { month, asOf, title: fields.title }
    });
    return { id, outcome: 'created' };
  });
}

/** Recomputes the sections of a draft (an original or a correction) from today's data. */
export async function refreshBulletin(
  db: Kysely<Database>,
  actor: Actor,
  id: number,
  asOf: string,
  now: Date = new Date()
): Promise<void> {
  requireLeader(actor);
  const found = await repo.findBulletin(db, id);
  if (!found) throw new BulletinError('未找到该通报', 404);
  const content = await composeBulletin(db, found.month, asOf);
  await db.transaction().execute(async (trx) => {
    const row = await lockedDraft(trx, id);
    await repo.updateDraft(trx, id, { content, searchText: searchText(row, content), refreshedAt: now });
    await appendAudit(trx, actor, {
      action: 'bulletin.refresh',
      entity: 'bulletin',
      entityId: id,
      after: { month: row.month, asOf }
    });
  });
}

export async function editCommentary(
  db: Kysely<Database>,
  actor: Actor,
  id: number,
  text: string
): Promise<FormOutcome> {
  requireLeader(actor);
  const commentary = text.replace(/\r\n/g, '\n').trim();
  if (commentary.length > MAX_COMMENTARY) {
    return { ok: false, errors: { commentary: `领导点评不能超过 ${MAX_COMMENTARY} 字` } };
  }
  return db.transaction().execute(async (trx) => {
    const row = await lockedDraft(trx, id);
    await repo.updateDraft(trx, id, {
      commentary,
      searchText: searchText({ ...row, commentary }, row.content)
    });
    await appendAudit(trx, actor, {
      action: 'bulletin.commentary',
      entity: 'bulletin',
      entityId: id,
      before: { commentary: row.commentary },
      after: { commentary }
    });
    return { ok: true, id };
  });
}

/** Freezes a draft and gives it the next number of the year of publication. */
export async function publishBulletin(
  db: Kysely<Database>,
  actor: Actor,
  id: number,
  now: Date = new Date()
): Promise<{ number: string }> {
  const userId = requireLeader(actor);
  return db.transaction().execute(async (trx) => {
    await repo.lockNumbering(trx);
    const row = await lockedDraft(trx, id);
    const number = nextBulletinNumber(now, await repo.highestSeq(trx, numberYear(now)));
    const text = formatBulletinNumber(number) as string;
    const done = await repo.markPublished(trx, id, {
      ...number,
      at: now,
      by: userId,
      searchText: searchText(row, row.content, text)
    });
    if (!done) throw new BulletinError('该通报已发布');
    await appendAudit(trx, actor, {
      action: 'bulletin.publish',
      entity: 'bulletin',
      entityId: id,
      before: { status: 'draft' },
      after: {
        status: 'published',
        number: text,
        month: row.month,
        correctsId: row.corrects_id,
        contentSha256: row.content_sha256
      }
    });
    return { number: text };
  });
}
