import { unavailable, type SectionProvider } from './types';

// 第三方测评综合指数: the composite index by unit with its band and rank, and the change
// against the month before (shared/spec/surveys.md).
// TODO(evaluation): call loadEvaluationResults(db, month) from src/lib/server/evaluation/
// when it lands, and lay out one row per unit: instrument scores, composite index, band,
// rank, change vs last month. Until then the section says why it is empty.

export const evaluationSection: SectionProvider = {
  key: 'evaluation',
  title: '第三方测评综合指数',
  async load() {
    return unavailable('第三方测评结果尚未接入本平台，本期暂不通报综合指数、等次和排名。');
  }
};
