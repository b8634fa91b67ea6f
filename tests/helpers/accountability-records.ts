import type { Kysely } from 'kysely';
import { propose } from '../../src/lib/server/accountability/accountability.service';
import type { Actor } from '../../src/lib/server/audit/audit.repository';
import type { Database } from '../../src/lib/server/db/database';

/**
 * An inspector's 超时审批 proposal at `level` for E001 on case 5 of the KPI world (past its
 * statutory deadline, tests/helpers/kpi-world.ts); its id.
 */
export async function proposeOverdue(db: Kysely<Database>, inspector: Actor, level: number): Promise<number> {
  const outcome = await propose(db, inspector, {
    staffNo: 'E001',
    grounds: 'overdue',
    groundsNote: null,
    level,
    facts: '办件超过法定办理时限',
    basis: [{ kind: 'case', ref: '510107-TEST-000005' }],
    correctsId: null
  });
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.errors));
  return outcome.id;
}
