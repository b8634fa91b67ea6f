import type { BulletinTable } from '../../../bulletins';
import { INSTRUMENT_LABELS } from '../../../evaluation';
import { formatNumber } from '../../../format';
import type { UnitResult } from '../../evaluation/aggregate';
import { publishableResults } from './evaluation-source';
import { unavailable, type SectionProvider } from './types';

// 第三方测评综合指数: the composite index by unit with its band and rank, and the change
// against the month before (shared/spec/surveys.md), from the month's submitted round.
// One table for the service points, one for the windows; the bureau in the paragraph.

const COLUMNS: BulletinTable['columns'] = [
  { key: 'rank', header: '排名', kind: 'integer' },
  { key: 'unit', header: '单位', kind: 'text' },
  { key: 'facility', header: '明察', kind: 'decimal' },
  { key: 'visit', header: '暗访', kind: 'decimal' },
  { key: 'survey', header: '满意度', kind: 'decimal' },
  { key: 'index', header: '综合指数', kind: 'decimal' },
  { key: 'band', header: '等次', kind: 'text' },
  { key: 'change', header: '较上月', kind: 'decimal' }
];

const row = (u: UnitResult) => ({
  rank: u.rank,
  unit: u.name,
  facility: u.scores.facility,
  visit: u.scores.visit,
  survey: u.scores.survey,
  index: u.index,
  band: u.band ?? '—',
  change: u.change
});

function notes(units: UnitResult[]): string[] {
  const lines = ['综合指数按明察 20%、暗访 30%、满意度 50% 加权，缺少的测评项目按其余项目的权重重新折算。'];
  const missing = units.filter((u) => u.index !== null && u.missing.length > 0);
  if (missing.length > 0) {
    lines.push(
      `未含全部测评项目的单位：${missing
        .map((u) => `${u.name}（缺${u.missing.map((k) => INSTRUMENT_LABELS[k]).join('、')}）`)
        .join('；')}。`
    );
  }
  const small = units.filter((u) => u.satisfaction?.smallSample);
  if (small.length > 0)
    lines.push(`满意度样本少于 30 份（小样本）：${small.map((u) => u.name).join('、')}。`);
  return lines;
}

export const evaluationSection: SectionProvider = {
  key: 'evaluation',
  title: '第三方测评综合指数',
  async load({ db, month }) {
    const source = await publishableResults(db, month);
    if (!source.ok) return unavailable(source.reason);
    const { units } = source.results;
    const bureau = units.find((u) => u.level === 'bureau');
    const points = units.filter((u) => u.level === 'service_point' && u.index !== null);
    const windows = units.filter((u) => u.level === 'window' && u.index !== null);
    const paragraph =
      bureau?.index != null
        ? `本月全局第三方测评综合指数 ${bureau.index.toFixed(1)}（${bureau.band}）` +
          (bureau.change != null
            ? `，较上月${bureau.change >= 0 ? '上升' : '下降'} ${Math.abs(bureau.change).toFixed(1)}`
            : '') +
          `；参评服务场所 ${formatNumber(points.length)} 个、窗口 ${formatNumber(windows.length)} 个。`
        : '本月第三方测评未形成全局综合指数。';
    const tables: BulletinTable[] = [
      { title: '服务场所综合指数', columns: COLUMNS, rows: points.map(row), notes: notes(points) },
      { title: '窗口综合指数（暗访）', columns: COLUMNS, rows: windows.map(row) }
    ].filter((t) => t.rows.length > 0);
    return { paragraphs: [paragraph], tables };
  }
};
