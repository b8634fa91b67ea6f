import type { BulletinColumn } from '../../../bulletins';
import { formatNumber, formatPercent } from '../../../format';
import { bandRows, fileFigures } from '../../case-audits/audit-overview';
import { listPeriodDraws, listPeriodFiles } from '../../case-audits/audit-overview.repository';
import type { SectionProvider } from './types';

// 案卷抽查: the draws made in the month, their files reviewed and pending, and the
// submitted reviews by band per section, as the inspectors' overview (督查概览) counts
// them (docs/rules/audits.md): the review that counts for a file is the latest submitted
// one not corrected since.

const COLUMNS: BulletinColumn[] = [
  { key: 'section', header: '科室', kind: 'text' },
  { key: 'drawn', header: '抽中案卷', kind: 'integer' },
  { key: 'reviewed', header: '已评查', kind: 'integer' },
  { key: 'mean', header: '平均得分', kind: 'decimal' },
  { key: 'excellent', header: '优秀', kind: 'integer' },
  { key: 'pass', header: '合格', kind: 'integer' },
  { key: 'fail', header: '不合格', kind: 'integer' }
];

export const auditsSection: SectionProvider = {
  key: 'audits',
  title: '案卷抽查',
  async load({ db, period }) {
    const [draws, files] = await Promise.all([listPeriodDraws(db, period), listPeriodFiles(db, period)]);
    if (draws.length === 0) {
      return { paragraphs: ['本月未开展办件随机抽查。'], tables: [] };
    }
    const figures = fileFigures(files);
    const interval = figures.defectRate.interval;
    return {
      paragraphs: [
        `本月开展随机抽查 ${formatNumber(draws.length)} 次，抽中案卷 ${formatNumber(figures.drawn)} 件，` +
          `已评查 ${formatNumber(figures.reviewed)} 件、待评查 ${formatNumber(figures.pending)} 件；` +
          `评查结果优秀 ${formatNumber(figures.total.excellent)} 件、合格 ${formatNumber(figures.total.pass)} 件、` +
          `不合格 ${formatNumber(figures.total.fail)} 件。` +
          (interval
            ? `据此估计全部办件的不合格率在 ${formatPercent(interval.lower)} 至 ${formatPercent(interval.upper)} 之间（95% 置信区间）。`
            : '')
      ],
      tables: [
        {
          title: '各科室案卷评查等次',
          columns: COLUMNS,
          rows: bandRows(figures),
          notes: ['按本月抽取的案卷统计；一件案卷以其最近一次提交且未被更正的评查为准。']
        }
      ]
    };
  }
};
