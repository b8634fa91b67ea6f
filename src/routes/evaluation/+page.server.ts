import { areaRoles } from '$lib/navigation';
import { hasRole, requireRole } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db/index';
import { recordCounts } from '$lib/server/evaluation/records.repository';
import { listRounds } from '$lib/server/evaluation/rounds.repository';
import { firmFilter } from '$lib/server/evaluation/scope';
import type { PageServerLoad } from './$types';

// 第三方测评: the rounds a user may see (an evaluator: their own firm's), newest first,
// with how many records each instrument has.

export const load: PageServerLoad = async (event) => {
  const user = requireRole(event, ...areaRoles('/evaluation'));
  const db = getDb();
  const rounds = await listRounds(db, firmFilter(user));
  const counts = await Promise.all(rounds.map((r) => recordCounts(db, r.id)));
  return {
    rounds: rounds.map((round, i) => ({ ...round, counts: counts[i] })),
    canCreate: hasRole(user, 'leader'),
    // Leaders edit the instruments, inspectors read them; evaluators see their round's own.
    canSeeInstruments: hasRole(user, 'leader', 'inspector'),
    isEvaluator: hasRole(user, 'evaluator') && !hasRole(user, 'leader', 'inspector')
  };
};
