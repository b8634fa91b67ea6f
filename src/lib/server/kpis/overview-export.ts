import { CUT_DIMENSIONS, CUT_LABELS, type KpiCut } from '../../kpis/cuts';
import { RANKING_METRICS } from '../../kpis/ranking-metrics';
import { formatDateTime } from '../../format';
import type { ExportColumn, TableExport } from '../export';
import type { KpiFigures } from './kpi-definitions';
import type { Overview } from './overview.service';

// The overview's tables as files (docs/rules/exports.md): the headline figures with their
// comparisons (rates as percentages), and the ranking as shown (rates as Excel percents).

export interface FigureLine {
  name: string;
  label: string;
  format: 'count' | 'rate' | 'days' | 'signed_rate';
}

type Valued = { value: number | null; numerator?: number; denominator?: number };
const pick = (figures: KpiFigures, name: string) => (figures as Record<string, Valued>)[name];

/** The cut in words, from the members' names: 「科室：市场准入科；申请渠道：网上申请」. */
export function cutWords(overview: Overview, cut: KpiCut): string {
  return CUT_DIMENSIONS.filter((d) => cut[d])
    .map((d) => `${CUT_LABELS[d]}：${overview.members[d].find((m) => m.code === cut[d])?.label ?? cut[d]}`)
    .join('；');
}

function notes(overview: Overview, now: Date, cut: string): string[] {
  return [
    `统计期间：${overview.period.from} 至 ${overview.period.to}；上期 ${overview.previous.from} 至 ${overview.previous.to}；上年同期 ${overview.yearEarlier.from} 至 ${overview.yearEarlier.to}`,
    `筛选条件：${cut || '全部'}`,
    `导出时间：${formatDateTime(now)}（北京时间）`
  ];
}

export function figuresTable(overview: Overview, lines: FigureLine[], now: Date, cut: string): TableExport {
  const columns: ExportColumn[] = [
    { key: 'label', header: '指标', kind: 'text', width: 22 },
    { key: 'value', header: '本期', kind: 'number' },
    { key: 'numerator', header: '分子', kind: 'number' },
    { key: 'denominator', header: '分母', kind: 'number' },
    { key: 'previous', header: '上期', kind: 'number' },
    { key: 'year_earlier', header: '上年同期', kind: 'number' }
  ];
  const rows = lines.map((line) => {
    const f = pick(overview.figures, line.name);
    // Rates as percentages (98.6), so that one column holds counts, days and rates alike.
    const asRate = line.format === 'rate' || line.format === 'signed_rate';
    const shown = (v: number | null) => (v === null ? null : asRate ? Math.round(v * 10000) / 100 : v);
    return {
      label: asRate ? `${line.label}（%）` : line.label,
      value: shown(f.value),
      numerator: f.numerator ?? null,
      denominator: f.denominator ?? null,
      previous: shown(pick(overview.previousFigures, line.name).value),
      year_earlier: shown(pick(overview.yearEarlierFigures, line.name).value)
    };
  });
  return { title: '审批效能指标', columns, rows, notes: notes(overview, now, cut) };
}

export function rankingTable(overview: Overview, now: Date, cut: string): TableExport | null {
  if (!overview.ranking) return null;
  const spec = RANKING_METRICS[overview.ranking.metric];
  const isRate = spec.format === 'rate';
  const columns: ExportColumn[] = [
    { key: 'rank', header: '排名', kind: 'integer' },
    { key: 'code', header: '代码', kind: 'text' },
    { key: 'label', header: CUT_LABELS[overview.ranking.dimension], kind: 'text', width: 24 },
    { key: 'value', header: spec.label, kind: isRate ? 'percent' : 'number' },
    { key: 'numerator', header: '分子', kind: 'number' },
    { key: 'denominator', header: '分母', kind: 'number' }
  ];
  const rows = overview.ranking.rows.map((row, i) => ({
    rank: i + 1,
    code: row.code,
    label: row.label,
    value: row.figure.value,
    numerator: row.figure.numerator ?? null,
    denominator: row.figure.denominator ?? null
  }));
  return {
    title: `按${CUT_LABELS[overview.ranking.dimension]}排行`,
    columns,
    rows,
    notes: notes(overview, now, cut)
  };
}
