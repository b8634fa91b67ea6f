import type { Kysely } from 'kysely';
import type { Database } from '../../db/database';
import { loadEvaluationResultsByMonth, type EvaluationResults } from '../../evaluation/results.service';

// The third-party evaluation results a bulletin may publish: the month's round, only once
// its firm has submitted it (a draft round is still being entered; publishing its partial
// figures would be wrong). Three sections read it; a bulletin is drafted a few times a
// month, so each simply loads it (no cache to go stale between a draft and a refresh).

export type PublishableResults = { ok: true; results: EvaluationResults } | { ok: false; reason: string };

export async function publishableResults(db: Kysely<Database>, month: string): Promise<PublishableResults> {
  const results = await loadEvaluationResultsByMonth(db, month);
  if (!results) return { ok: false, reason: '本月未安排第三方测评，本期不通报测评结果。' };
  if (results.round.status !== 'submitted') {
    return {
      ok: false,
      reason: '本月第三方测评尚未提交，测评结果待测评机构提交后通报（提交后可刷新本期草稿）。'
    };
  }
  return { ok: true, results };
}
