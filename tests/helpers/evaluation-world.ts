import type { Kysely } from 'kysely';
import type { Database } from '../../src/lib/server/db/database';
import { checkRoundForm } from '../../src/lib/server/evaluation/round-form';
import { createRound } from '../../src/lib/server/evaluation/rounds.service';
import { insertReferenceWorld, syncOnce } from './sync-fixtures';
import type { TestDatabases } from './test-databases';
import { addRoleUsers } from './users';

// The world of the evaluation browser tests: the reference source synced, the users of
// every role (the evaluator of firm F01), and a round of `month` assigned to F01 by the
// leader. Returns the round's page.

export async function assignRound(db: Kysely<Database>, month: string): Promise<string> {
  const leader = await db
    .selectFrom('users')
    .select('id')
    .where('login', '=', 'leader')
    .executeTakeFirstOrThrow();
  const checked = checkRoundForm({ month, firmCode: 'F01', firmName: '甲测评公司' });
  if (!('input' in checked)) throw new Error(JSON.stringify(checked.errors));
  const outcome = await createRound(
    db,
    { userId: leader.id, login: 'leader', roles: ['leader'] },
    checked.input
  );
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.errors));
  return `/evaluation/rounds/${outcome.id}`;
}

export async function loadEvaluationWorld(t: TestDatabases, month: string): Promise<string> {
  await insertReferenceWorld(t.sourceWriter);
  await syncOnce(t);
  await addRoleUsers(t.db);
  return assignRound(t.db, month);
}
