import type { Kysely, Transaction } from 'kysely';
import { MAX_COMMENTARY, monthLabel, type BulletinContent } from '../../bulletins';
import { appendAudit, type Actor } from '../audit/audit.repository';
import type { Database } from '../db/database';
import { bulletinTitle } from './assemble';
import * as repo from './bulletins.repository';
import { composeBulletin } from './compose';
import { formatBulletinNumber, nextBulletinNumber, numberYear } from './numbering';
import { buildSearchText } from './search-text';

// Drafting, editing, publishing and correcting the monthly bulletin (每月集中通报;
// docs/rules/bulletins.md). Only a draft changes; publishing freezes it and gives it its
// number; a correction is a new draft that refers to a published bulletin. Each write is
// one transaction with its audit entry. Sections are computed before the transaction
// (reads only), so a long computation never holds the month's lock.

export class BulletinError extends Error {
  override name = 'BulletinError';
  constructor(
    message: string,
    readonly status: 403 | 404 | 409 = 409
  ) {
    super(message);
  }
}

export const MAX_CORRECTION_NOTE = 1000;

type Trx = Transaction<Database>;
export type FormOutcome = { ok: true; id: number } | { ok: false; errors: Record<string, string> };

function requireLeader(actor: Actor): number {
  if (actor.userId === null || !actor.roles.includes('leader')) {
    throw new BulletinError('只有局领导可以编辑、发布或更正通报', 403);
  }
  return actor.userId;
}

function searchText(
  row: { title: string; month: string; commentary: string; correction_note: string | null },
  content: BulletinContent,
  number: string | null = null
) {
  return buildSearchText({
    title: row.title,
    month: row.month,
    number,
    commentary: row.commentary,
    correctionNote: row.correction_note,
    content
  });
}

async function lockedDraft(trx: Trx, id: number) {
  const row = await repo.findForUpdate(trx, id);
  if (!row) throw new BulletinError('未找到该通报', 404);
  if (row.status !== 'draft') throw new BulletinError('该通报已发布，不能再修改；如需更正请发布更正通报');
  return row;
}

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
