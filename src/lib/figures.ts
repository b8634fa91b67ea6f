// How a headline figure compares with another period, and when a rate is too thin to
// trust (shared/spec/kpis.md: "a rate over fewer than 30 items is marked as a small
// sample"). Pure and browser-safe; FigureCard and RankingTable render what this decides.
import {
  formatDays,
  formatNumber,
  formatPercent,
  formatPoints,
  formatQuantity,
  type FigureFormat
} from '$lib/format';

export interface Figure {
  value: number | null;
  numerator?: number;
  denominator?: number;
}

export const SMALL_SAMPLE = 30;
export const SMALL_SAMPLE_TEXT = '样本少于30';
export const SMALL_SAMPLE_TITLE = `分母不足${SMALL_SAMPLE}件：个别办件就能使比率大幅波动，仅供参考，不宜据此排名或问责`;

/** A rate computed over fewer than 30 items (a null rate has nothing to mark). */
export function isSmallSample(figure: Figure, format: FigureFormat): boolean {
  return (
    format === 'rate' &&
    figure.value !== null &&
    figure.denominator !== undefined &&
    figure.denominator < SMALL_SAMPLE
  );
}

export interface FigureChange {
  direction: 'up' | 'down' | 'flat' | 'none';
  tone: 'good' | 'bad' | 'neutral';
  /** The size of the change without its sign: `12.3%`, `1.2 个百分点`, `0.4 个工作日`. */
  amount: string;
  /** The whole change in words, for screen readers and titles: `上升 1.2 个百分点`. */
  text: string;
}

const NONE: FigureChange = { direction: 'none', tone: 'neutral', amount: '', text: '无可比数据' };
const FLAT: FigureChange = { direction: 'flat', tone: 'neutral', amount: '', text: '持平' };

/**
 * The change from `reference` to `current`: counts as a % change (an absolute one when the
 * reference is 0), rates in percentage points, days in working days. A change that rounds
 * to zero in the shown precision is 持平, so the card never says "▲ 0.0%".
 */
export function figureChange(
  current: Figure,
  reference: Figure | undefined,
  format: FigureFormat,
  higherIsBetter = true
): FigureChange {
  if (!reference || current.value === null || reference.value === null) return NONE;
  const difference = current.value - reference.value;
  let amount: string;
  let shown: number; // the magnitude as displayed, to decide 持平
  if (format === 'count') {
    if (reference.value === 0) {
      shown = Math.abs(difference);
      amount = `${formatNumber(shown)}（上期为 0）`;
    } else {
      const relative = difference / Math.abs(reference.value);
      shown = Math.round(Math.abs(relative) * 1000);
      amount = formatPercent(Math.abs(relative));
    }
  } else if (format === 'days') {
    shown = Math.round(Math.abs(difference) * 10);
    amount = formatDays(Math.abs(difference));
  } else {
    shown = Math.round(Math.abs(difference) * 1000);
    amount = formatPoints(difference);
  }
  if (shown === 0) return FLAT;
  const up = difference > 0;
  return {
    direction: up ? 'up' : 'down',
    tone: up === higherIsBetter ? 'good' : 'bad',
    amount,
    text: `${up ? '上升' : '下降'} ${amount}`
  };
}

/** What a figure was computed from, in one line: `分子 123 ÷ 分母 456`; null without both. */
export function partsText(figure: Figure): string | null {
  if (figure.numerator === undefined || figure.denominator === undefined) return null;
  return `分子 ${formatQuantity(figure.numerator)} ÷ 分母 ${formatQuantity(figure.denominator)}`;
}
