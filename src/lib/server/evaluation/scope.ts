import type { Actor } from '../audit/audit.repository';
import type { RoundRow } from './rounds.repository';

// Who sees which rounds (shared/spec/security.md): leaders and inspectors all of them, an
// evaluator only their own firm's (users.firm_code). Another firm's round is "not found"
// (404), so round ids cannot be probed.

export class EvaluationError extends Error {
  override name = 'EvaluationError';
  constructor(
    message: string,
    readonly status: 403 | 404 | 409 = 409
  ) {
    super(message);
  }
}

/** An actor with the scope that decides what they may see and write. */
export interface EvaluationActor extends Actor {
  firmCode: string | null;
}

/** null: every firm; a code: that firm only. '' (an evaluator without a firm) matches nothing. */
export function firmFilter(who: Pick<EvaluationActor, 'roles' | 'firmCode'>): string | null {
  if (who.roles.includes('leader') || who.roles.includes('inspector')) return null;
  return who.roles.includes('evaluator') ? (who.firmCode ?? '') : '';
}

export function canSeeRound(
  who: Pick<EvaluationActor, 'roles' | 'firmCode'>,
  round: Pick<RoundRow, 'firmCode'>
) {
  const firm = firmFilter(who);
  return firm === null || firm === round.firmCode;
}

/** Only the round's own firm enters data and submits. */
export function canWriteRound(
  who: Pick<EvaluationActor, 'roles' | 'firmCode'>,
  round: Pick<RoundRow, 'firmCode'>
) {
  return who.roles.includes('evaluator') && who.firmCode !== null && who.firmCode === round.firmCode;
}

export function requireVisible<T extends Pick<RoundRow, 'firmCode'>>(
  who: Pick<EvaluationActor, 'roles' | 'firmCode'>,
  round: T | null
): T {
  if (!round || !canSeeRound(who, round)) throw new EvaluationError('未找到该测评轮次', 404);
  return round;
}

export function requireWritable<T extends Pick<RoundRow, 'firmCode'>>(
  who: Pick<EvaluationActor, 'roles' | 'firmCode'>,
  round: T | null
): T {
  const visible = requireVisible(who, round);
  if (!canWriteRound(who, visible))
    throw new EvaluationError('只有承担本轮测评的机构人员可以录入和提交', 403);
  return visible;
}
