import type { BulletinTable } from '../../../bulletins';
import { publishableResults } from './evaluation-source';
import { unavailable, type SectionProvider } from './types';

// 约谈名单: the units in the bottom three of the composite index of their level (service
// points, windows) this month and the month before (shared/spec/surveys.md).

const LEVELS = { service_point: '服务场所', window: '窗口' } as const;

const COLUMNS: BulletinTable['columns'] = [
  { key: 'level', header: '类别', kind: 'text' },
  { key: 'unit', header: '单位', kind: 'text' },
  { key: 'index', header: '本月综合指数', kind: 'decimal' },
  { key: 'rank', header: '本月排名', kind: 'integer' },
  { key: 'previous', header: '上月综合指数', kind: 'decimal' }
];

export const interviewsSection: SectionProvider = {
  key: 'interviews',
  title: '约谈名单',
  async load({ db, month }) {
    const source = await publishableResults(db, month);
    if (!source.ok) return unavailable(source.reason);
    const units = source.results.bottomThreeTwoMonths;
    if (units.length === 0) {
      return { paragraphs: ['本月没有连续两个月综合指数排名后三位的单位。'], tables: [] };
    }
    return {
      paragraphs: [
        `以下 ${units.length} 个单位连续两个月综合指数排名本类别后三位，列入约谈名单：${units.map((u) => u.name).join('、')}。`
      ],
      tables: [
        {
          title: '约谈名单',
          columns: COLUMNS,
          rows: units.map((u) => ({
            level: LEVELS[u.level],
            unit: u.name,
            index: u.index,
            rank: u.rank,
            previous: u.previousIndex
          }))
        }
      ]
    };
  }
};
