import type { BulletinColumn } from '../../../bulletins';
import { formatNumber } from '../../../format';
import { sumCounts } from './section-counts';
import type { SectionProvider } from './types';

// 各科室超期办件: per section, the cases concluded in the month past the promised and the
// statutory deadline (concluded − concluded on time, the KPI counts), and the open cases
// past them as of drafting ("now" figures ignore the period: shared/spec/kpis.md).

const COLUMNS: BulletinColumn[] = [
  { key: 'section', header: '科室', kind: 'text' },
  { key: 'concluded', header: '本月办结', kind: 'integer' },
  { key: 'lateConcluded', header: '超承诺时限办结', kind: 'integer' },
  { key: 'statutoryLateConcluded', header: '超法定时限办结', kind: 'integer' },
  { key: 'overdueOpen', header: '逾期在办', kind: 'integer' },
  { key: 'statutoryOverdueOpen', header: '超法定时限在办', kind: 'integer' }
];

export const overdueSection: SectionProvider = {
  key: 'overdue',
  title: '各科室超期办件',
  async load({ asOf, sectionCounts }) {
    const sections = await sectionCounts();
    if (sections.length === 0) return { unavailable: '尚未从审批系统同步到科室，无法分科室统计。' };
    const rows = sections.map((s) => ({
      section: s.name,
      concluded: s.current.concluded,
      lateConcluded: s.current.concluded - s.current.promisedOnTime,
      statutoryLateConcluded: s.current.concluded - s.current.statutoryOnTime,
      overdueOpen: s.current.overdueOpenPromised,
      statutoryOverdueOpen: s.current.overdueOpenStatutory
    }));
    const total = (key: keyof (typeof rows)[number]) =>
      rows.reduce((sum, row) => sum + (row[key] as number), 0);
    const totals = {
      section: '合计',
      concluded: total('concluded'),
      lateConcluded: total('lateConcluded'),
      statutoryLateConcluded: total('statutoryLateConcluded'),
      overdueOpen: total('overdueOpen'),
      statutoryOverdueOpen: total('statutoryOverdueOpen')
    };
    const worst = rows
      .filter((r) => r.statutoryOverdueOpen > 0)
      .sort((a, b) => b.statutoryOverdueOpen - a.statutoryOverdueOpen)
      .map((r) => `${r.section} ${formatNumber(r.statutoryOverdueOpen)} 件`);
    const previousLate =
      sumCounts(sections, 'previous', 'concluded') - sumCounts(sections, 'previous', 'promisedOnTime');
    return {
      paragraphs: [
        `本月超承诺时限办结 ${formatNumber(totals.lateConcluded)} 件（上月 ${formatNumber(previousLate)} 件），` +
          `超法定时限办结 ${formatNumber(totals.statutoryLateConcluded)} 件。` +
          `截至 ${asOf}，逾期在办 ${formatNumber(totals.overdueOpen)} 件，` +
          `其中超法定时限在办 ${formatNumber(totals.statutoryOverdueOpen)} 件` +
          (worst.length ? `（${worst.join('、')}）。` : '。')
      ],
      tables: [
        {
          title: '各科室超期办件（件）',
          columns: COLUMNS,
          rows: [...rows, totals],
          notes: [
            '办结数为本月办结；逾期在办、超法定时限在办为截至通报生成时的实时数字。',
            '办件按其事项所属科室统计。'
          ]
        }
      ]
    };
  }
};
