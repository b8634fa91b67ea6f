import { error } from '@sveltejs/kit';
import { getDb } from '$lib/server/db/index';
import { visibleRound } from '$lib/server/evaluation/request';
import { loadEvaluationResults, loadEvaluationTrend } from '$lib/server/evaluation/results.service';
import { firmFilter } from '$lib/server/evaluation/scope';
import type { PageServerLoad } from './$types';

// A round's results: per unit the three scores, the index with band and rank, the
// satisfied share with its interval, the change against last month; the trend; the
// covert visits' problems; the 约谈 list. An evaluator sees their own firm's rounds and
// compares only with their own firm's months.

export const load: PageServerLoad = async (event) => {
  const { user, round } = await visibleRound(event);
  const scope = { firmCode: firmFilter(user) };
  const db = getDb();
  const [results, trend] = await Promise.all([
    loadEvaluationResults(db, round.id, scope),
    loadEvaluationTrend(db, round.month, scope)
  ]);
  if (!results) error(404, { message: '未找到该测评轮次', code: 'not_found' });
  return { results, trend };
};
