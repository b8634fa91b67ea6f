import { AWARD_LABELS } from '../../../appraisal/catalogue';
import type { BulletinTable } from '../../../bulletins';
import { loadSnapshot } from '../../appraisal/results.repository';
import type { MonthResults } from '../../appraisal/month-results';
import type { SectionProvider } from './types';

// 评先评优: the month's staff awards of the thousand-point appraisal (千分制; shared/spec/
// scoring.md), final only once the month is closed: read from the closed month's frozen
// snapshot (appraisal_months.results), never recomputed, so the bulletin and the appraisal
// page always agree.

const COLUMNS: BulletinTable['columns'] = [
  { key: 'award', header: '称号', kind: 'text' },
  { key: 'name', header: '获得者', kind: 'text' },
  { key: 'unit', header: '科室 / 窗口', kind: 'text' },
  { key: 'score', header: '月度得分', kind: 'decimal' },
  { key: 'rank', header: '排名', kind: 'integer' }
];

function awardRows(results: MonthResults): BulletinTable['rows'] {
  const person = new Map(results.staff.map((p) => [p.staffId, p]));
  const window = new Map(results.windows.map((w) => [w.windowId, w]));
  const people = (award: string, ids: number[]) =>
    ids.flatMap((id) => {
      const p = person.get(id);
      return p
        ? [
            {
              award,
              name: `${p.name}（${p.staffNo}）`,
              unit: [p.sectionName, p.windowName].filter(Boolean).join(' / ') || '—',
              score: p.total,
              rank: p.bureauRank
            }
          ]
        : [];
    });
  return [
    ...people(AWARD_LABELS.star, results.awards.star.winners),
    ...results.awards.redFlagWindows.winners.flatMap((id) => {
      const w = window.get(id);
      return w
        ? [{ award: AWARD_LABELS.red_flag_window, name: w.name, unit: w.code, score: w.mean, rank: w.rank }]
        : [];
    }),
    ...people(AWARD_LABELS.chief_rep, results.awards.chiefRep.winners)
  ];
}

export const awardsSection: SectionProvider = {
  key: 'awards',
  title: '评先评优',
  async load({ db, month }) {
    const results = await loadSnapshot(db, `${month}-01`);
    if (!results)
      return { unavailable: '本月千分制考核尚未结账，评先评优结果待结账后公布（结账后可刷新本期草稿）。' };
    const rows = awardRows(results);
    const mean = results.bureauMean === null ? '—' : results.bureauMean.toFixed(1);
    return {
      paragraphs: [
        `本月参加千分制考核的窗口人员 ${results.staff.length} 人，平均得分 ${mean} 分。` +
          (rows.length === 0 ? '本月无人员或窗口达到评先评优条件。' : '以下人员和窗口获评本月称号：')
      ],
      tables: rows.length === 0 ? [] : [{ title: '本月评先评优', columns: COLUMNS, rows }]
    };
  }
};
