import { formatNumber } from '../../../format';
import { loadNoticeFigures } from '../../case-audits/audit-overview.repository';
import { rate } from '../../kpis/kpi-definitions';
import { countRow, countTable, rateRow, rateTable } from './compare';
import type { SectionProvider } from './types';

// 整改落实: rectification notices issued and verified in the month (on time: by the
// notice's deadline day), against the month before, and those overdue as of drafting —
// the rules of notices.repository.ts (onDays, onTime, overdue) through the overview's query.

export const rectificationSection: SectionProvider = {
  key: 'rectification',
  title: '整改落实',
  async load({ db, period, previous, asOf }) {
    const [now, before] = await Promise.all([
      loadNoticeFigures(db, period, asOf),
      loadNoticeFigures(db, previous, asOf)
    ]);
    return {
      paragraphs: [
        `本月下发整改通知 ${formatNumber(now.issued)} 份，核验通过 ${formatNumber(now.verified)} 份，` +
          `其中按期整改 ${formatNumber(now.verifiedOnTime)} 份。截至 ${asOf}，逾期未完成整改 ` +
          `${formatNumber(now.overdueNow)} 份（其中本月下发 ${formatNumber(now.overdueIssuedInPeriod)} 份）。`
      ],
      tables: [
        countTable(
          '整改通知（份）',
          [
            countRow('下发', now.issued, before.issued),
            countRow('核验通过', now.verified, before.verified),
            countRow('其中按期整改', now.verifiedOnTime, before.verifiedOnTime),
            countRow('逾期未整改（本月下发）', now.overdueIssuedInPeriod, before.overdueIssuedInPeriod)
          ],
          [
            `逾期未整改为截至 ${asOf} 已过整改期限仍未核验通过的通知；全部逾期 ${formatNumber(now.overdueNow)} 份。`
          ]
        ),
        rateTable('按期整改', [
          rateRow(
            '按期整改率（核验通过中）',
            rate(now.verifiedOnTime, now.verified),
            rate(before.verifiedOnTime, before.verified)
          )
        ])
      ]
    };
  }
};
