import { unavailable, type SectionProvider } from './types';

// 约谈名单: the units in the bottom three of the composite index two months running.
// TODO(evaluation): call loadEvaluationResults(db, month) from src/lib/server/evaluation/
// when it lands and list its bottom-three-two-months (约谈) units with both months' ranks.

export const interviewsSection: SectionProvider = {
  key: 'interviews',
  title: '约谈名单',
  async load() {
    return unavailable('第三方测评结果尚未接入本平台，无法确定连续两个月排名后三位的约谈单位。');
  }
};
