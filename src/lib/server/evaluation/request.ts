import { error, type RequestEvent } from '@sveltejs/kit';
import type { Role } from '../../roles';
import { requireRole } from '../auth/guard';
import type { Identity } from '../auth/identity';
import { getDb } from '../db/index';
import { findRound, type RoundRow } from './rounds.repository';
import { canSeeRound, canWriteRound, EvaluationError, type EvaluationActor } from './scope';

// What every evaluation page does first: the role check, then the round's row scope
// (another firm's round is 404, as if it did not exist).

export const VIEW_ROLES: Role[] = ['leader', 'inspector', 'evaluator'];

export function evaluationActor(user: Identity, ip: string | null): EvaluationActor {
  return { userId: user.userId, login: user.login, roles: user.roles, ip, firmCode: user.firmCode };
}

export async function visibleRound(
  event: RequestEvent<Partial<Record<string, string>>>,
  roles: Role[] = VIEW_ROLES
): Promise<{ user: Identity; who: EvaluationActor; round: RoundRow; canWrite: boolean }> {
  const user = requireRole(event, ...roles);
  const id = event.params.id ?? '';
  const round = /^\d{1,9}$/.test(id) ? await findRound(getDb(), Number(id)) : null;
  if (!round || !canSeeRound(user, round)) error(404, { message: '未找到该测评轮次', code: 'not_found' });
  const who = evaluationActor(user, event.getClientAddress());
  return { user, who, round, canWrite: canWriteRound(user, round) };
}

/** Turns the services' refusals into HTTP errors. */
export async function orHttpError<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (e) {
    if (e instanceof EvaluationError) error(e.status, { message: e.message, code: 'evaluation' });
    throw e;
  }
}
