import type { BulletinColumn, BulletinTable } from '../../../bulletins';
import { formatPoints, formatQuantity } from '../../../format';
import type { RatioFigure } from '../../kpis/kpi-definitions';

// The month against the month before, as table rows: counts with their difference and
// relative change, rates with the change in percentage points and what they were computed
// from (a rate over fewer than 30 items is marked, shared/spec/kpis.md). Pure.

const SMALL_SAMPLE = 30;

export const COUNT_COLUMNS: BulletinColumn[] = [
  { key: 'indicator', header: '指标', kind: 'text' },
  { key: 'current', header: '本月', kind: 'integer' },
  { key: 'previous', header: '上月', kind: 'integer' },
  { key: 'change', header: '增减', kind: 'integer' },
  { key: 'changeRate', header: '增减幅度', kind: 'percent' }
];

export const RATE_COLUMNS: BulletinColumn[] = [
  { key: 'indicator', header: '指标', kind: 'text' },
  { key: 'current', header: '本月', kind: 'percent' },
  { key: 'previous', header: '上月', kind: 'percent' },
  { key: 'change', header: '变化', kind: 'text' },
  { key: 'basis', header: '本月计算依据', kind: 'text' }
];

export function countRow(indicator: string, current: number, previous: number) {
  return {
    indicator,
    current,
    previous,
    change: current - previous,
    changeRate: previous === 0 ? null : (current - previous) / previous
  };
}

/** 上升 1.2 个百分点 / 下降 … / 持平 / 无可比数据 (持平 when it rounds to 0.0). */
export function pointsChange(current: number | null, previous: number | null): string {
  if (current === null || previous === null) return '无可比数据';
  const difference = current - previous;
  if (Math.round(Math.abs(difference) * 1000) === 0) return '持平';
  return `${difference > 0 ? '上升' : '下降'} ${formatPoints(difference)}`;
}

export function basisText(figure: RatioFigure): string {
  const parts = `${formatQuantity(figure.numerator)} / ${formatQuantity(figure.denominator)}`;
  return figure.value !== null && figure.denominator < SMALL_SAMPLE ? `${parts}（样本少于30）` : parts;
}

export function rateRow(indicator: string, current: RatioFigure, previous: RatioFigure) {
  return {
    indicator,
    current: current.value,
    previous: previous.value,
    change: pointsChange(current.value, previous.value),
    basis: basisText(current)
  };
}

export function countTable(
  title: string,
  rows: ReturnType<typeof countRow>[],
  notes?: string[]
): BulletinTable {
  return { title, columns: COUNT_COLUMNS, rows, ...(notes ? { notes } : {}) };
}

export function rateTable(
  title: string,
  rows: ReturnType<typeof rateRow>[],
  notes?: string[]
): BulletinTable {
  return { title, columns: RATE_COLUMNS, rows, ...(notes ? { notes } : {}) };
}
