import type { Kysely } from 'kysely';
import { appendAudit, type Actor } from '../audit/audit.repository';
import type { Database } from '../db/database';
import { AccountabilityError } from './accountability.service';
import {
  checkLevelNames,
  rebaseLevelNames,
  type LevelNameErrors,
  type LevelNameRow,
  type LevelRename
} from './level-names-form';
import { lockLevels, setLevelLabel } from './levels.repository';

// Renaming the accountability levels (administrators; docs/rules/accountability.md "Levels
// and grounds"). The names, checked against the locked levels, and the audit entry commit in
// one transaction. Records are not touched: each keeps the level name it was written with.

export type RenameLevelsOutcome =
  { ok: true; renames: LevelRename[] } | { ok: false; errors: LevelNameErrors; values: LevelNameRow[] };

export async function renameLevels(
  db: Kysely<Database>,
  actor: Actor,
  rows: readonly LevelNameRow[]
): Promise<RenameLevelsOutcome> {
  if (actor.userId === null || !actor.roles.includes('admin'))
    throw new AccountabilityError('只有系统管理员可以修改追责级别的名称', 403);
  return db.transaction().execute(async (trx) => {
    // Two administrators saving at once are checked one after the other.
    const stored = await lockLevels(trx);
    const checked = checkLevelNames(rows, stored);
    if ('errors' in checked)
      return { ok: false, errors: checked.errors, values: rebaseLevelNames(rows, stored) };
    if (checked.renames.length === 0) return { ok: true, renames: [] };
    for (const r of checked.renames) await setLevelLabel(trx, r.level, r.to);
    const renamed = new Map(checked.renames.map((r) => [r.level, r.to]));
    await appendAudit(trx, actor, {
      action: 'accountability.levels_rename',
      entity: 'accountability_levels',
      before: stored.map(({ level, label }) => ({ level, label })),
      after: stored.map(({ level, label }) => ({ level, label: renamed.get(level) ?? label }))
    });
    return { ok: true, renames: checked.renames };
  });
}
