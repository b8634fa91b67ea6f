// The one place ECharts is imported for the browser: only the pieces the option builders
// use (types.ts ChartOption lists the same), so the bundle stays a fraction of the full
// ~550 kB. The SVG renderer prints crisply and scales with the page.
import { BarChart, LineChart, PieChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';

// `use` is idempotent, but registering at module load keeps it to once per page anyway.
echarts.use([
  BarChart,
  LineChart,
  PieChart,
  GridComponent,
  TooltipComponent,
  LegendComponent,
  AriaComponent,
  SVGRenderer
]);

export { echarts };
