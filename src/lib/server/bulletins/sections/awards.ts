import type { SectionProvider } from './types';

// 评先评优: the month's staff awards of the thousand-point appraisal (千分制; shared/spec/
// scoring.md). They are final only once the month is closed (appraisal_months.closed_at).
// TODO(appraisal): when the appraisal's monthly results land, read the closed month's
// snapshot through their loader (appraisal_months.results, e.g. loadMonthResults(db, month)
// in src/lib/server/appraisal/) and list the awards (五星级服务明星, 红旗窗口, 优秀首席代表).

export const awardsSection: SectionProvider = {
  key: 'awards',
  title: '评先评优',
  async load({ db, month }) {
    const closed = await db
      .selectFrom('appraisal_months')
      .select('closed_at')
      .where('month', '=', `${month}-01`)
      .where('closed_at', 'is not', null)
      .executeTakeFirst();
    return {
      unavailable: closed
        ? '本月千分制考核已结档，月度评先评优结果尚未接入通报。'
        : '本月千分制考核尚未结档，评先评优结果待结档后公布。'
    };
  }
};
