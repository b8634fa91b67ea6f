import type { Transaction } from 'kysely';
import type { BulletinContent } from '../../bulletins';
import type { Actor } from '../audit/audit.repository';
import type { Database } from '../db/database';
import * as repo from './bulletins.repository';
import { buildSearchText } from './search-text';

// What every write on a bulletin checks: a leader acts, and only a draft changes.

export class BulletinError extends Error {
  override name = 'BulletinError';
  constructor(
    message: string,
    readonly status: 403 | 404 | 409 = 409
  ) {
    super(message);
  }
}

export type Trx = Transaction<Database>;
export type FormOutcome = { ok: true; id: number } | { ok: false; errors: Record<string, string> };

export function requireLeader(actor: Actor): number {
  if (actor.userId === null || !actor.roles.includes('leader')) {
    throw new BulletinError('只有局领导可以编辑、发布或更正通报', 403);
  }
  return actor.userId;
}

export function searchText(
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

export async function lockedDraft(trx: Trx, id: number) {
  const row = await repo.findForUpdate(trx, id);
  if (!row) throw new BulletinError('未找到该通报', 404);
  if (row.status !== 'draft') throw new BulletinError('该通报已发布，不能再修改；如需更正请发布更正通报');
  return row;
}
