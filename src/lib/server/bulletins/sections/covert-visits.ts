import type { BulletinTable } from '../../../bulletins';
import { formatNumber } from '../../../format';
import { publishableResults } from './evaluation-source';
import { unavailable, type SectionProvider } from './types';

// 暗访发现的问题: the problems the third party's covert visits found in the month (the
// visits of the submitted round that recorded any), by date.

const COLUMNS: BulletinTable['columns'] = [
  { key: 'date', header: '暗访日期', kind: 'text' },
  { key: 'place', header: '服务场所', kind: 'text' },
  { key: 'window', header: '窗口', kind: 'text' },
  { key: 'matter', header: '咨询事项', kind: 'text' },
  { key: 'score', header: '暗访得分', kind: 'decimal' },
  { key: 'problems', header: '发现的问题', kind: 'text' }
];

export const covertVisitsSection: SectionProvider = {
  key: 'covert_visits',
  title: '暗访发现的问题',
  async load({ db, month }) {
    const source = await publishableResults(db, month);
    if (!source.ok) return unavailable(source.reason);
    const problems = [...source.results.problems].sort(
      (a, b) => a.visitedOn.localeCompare(b.visitedOn) || a.visitedTime.localeCompare(b.visitedTime)
    );
    if (problems.length === 0) {
      return { paragraphs: ['本月第三方暗访未发现问题。'], tables: [] };
    }
    const windows = new Set(problems.map((p) => p.windowCode));
    return {
      paragraphs: [
        `本月第三方暗访在 ${formatNumber(windows.size)} 个窗口发现问题 ${formatNumber(problems.length)} 条，请相关科室限期整改。`
      ],
      tables: [
        {
          title: '暗访问题清单',
          columns: COLUMNS,
          rows: problems.map((p) => ({
            date: `${p.visitedOn} ${p.visitedTime}`,
            place: p.servicePointName ?? '—',
            window: p.windowName,
            matter: p.matter,
            score: p.score,
            problems: p.problems
          }))
        }
      ]
    };
  }
};
