// Types shared by the option builders. Type-only imports: the builders stay pure data and
// pull no ECharts code into the server bundle or the unit tests.
import type { BarSeriesOption, LineSeriesOption, PieSeriesOption } from 'echarts/charts';
import type {
  AriaComponentOption,
  GridComponentOption,
  LegendComponentOption,
  TooltipComponentOption
} from 'echarts/components';
import type { ComposeOption } from 'echarts/core';

/** An option using only what echarts-setup.ts registers. */
export type ChartOption = ComposeOption<
  | BarSeriesOption
  | LineSeriesOption
  | PieSeriesOption
  | GridComponentOption
  | TooltipComponentOption
  | LegendComponentOption
  | AriaComponentOption
>;

export interface ChartOptions {
  /** The big screen: dark wall, large fonts. */
  dark?: boolean;
}

/** The text alternative of a chart: the same numbers as a table, already formatted. */
export interface ChartTable {
  caption: string;
  /** Every column but the first holds numbers (right-aligned by ChartFigure). */
  columns: string[];
  rows: string[][];
}
