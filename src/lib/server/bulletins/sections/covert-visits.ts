import { unavailable, type SectionProvider } from './types';

// 暗访发现的问题: the problems the third party's covert visits found in the month.
// TODO(evaluation): call loadEvaluationResults(db, month) from src/lib/server/evaluation/
// when it lands and list its covert-visit problems (unit, date, problem, photo count).

export const covertVisitsSection: SectionProvider = {
  key: 'covert_visits',
  title: '暗访发现的问题',
  async load() {
    return unavailable('第三方暗访结果尚未接入本平台，本期暂不通报暗访发现的问题。');
  }
};
