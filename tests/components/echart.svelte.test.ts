import { render, screen } from '@testing-library/svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { echarts } from '../../src/lib/charts/echarts-setup';
import { colourOption, colourTable } from '../../src/lib/charts/colours';
import { throughputOption, throughputTable, type TrendPoint } from '../../src/lib/charts/trend';
import ChartFigure from '../../src/lib/components/ChartFigure.svelte';
import EChart from '../../src/lib/components/EChart.svelte';

// The real ECharts, with init wrapped so a test can make it fail or reach the instance.
vi.mock('$lib/charts/echarts-setup', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/lib/charts/echarts-setup')>();
  return {
    echarts: {
      ...real.echarts,
      init: vi.fn((...args: Parameters<typeof real.echarts.init>) => real.echarts.init(...args))
    }
  };
});

const POINTS: TrendPoint[] = [
  {
    bucket: '2026-11-23',
    received: 1234,
    concluded: 1100,
    onTimePromised: 0.964,
    onTimeStatutory: 1,
    avgProcessingDays: 3.2,
    avgStatutoryDays: 15
  }
];

const surfaceOf = (box: HTMLElement) => box.querySelector('.surface') as HTMLElement;

afterEach(() => vi.restoreAllMocks());

describe('EChart', () => {
  it('renders a role=img box with the Chinese label and draws an SVG chart into it', () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {}); // jsdom has no layout: ECharts warns
    render(EChart, { option: throughputOption(POINTS, 'week'), label: '收件量与办结量', height: '240px' });
    const box = screen.getByRole('img', { name: '收件量与办结量' });
    expect(box).toHaveStyle({ height: '240px' });
    expect(box.querySelector('svg')).not.toBeNull();
    expect(echarts.init).toHaveBeenCalledWith(surfaceOf(box), undefined, { renderer: 'svg', locale: 'ZH' });
  });

  it('initialises the dark theme for the big screen', () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    render(EChart, { option: throughputOption(POINTS, 'week', { dark: true }), label: '图', theme: 'dark' });
    expect(vi.mocked(echarts.init).mock.lastCall?.[1]).toBe('dark');
  });

  it('replaces the whole option when it changes (notMerge)', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { rerender } = render(EChart, { option: throughputOption(POINTS, 'week'), label: '图' });
    const chart = echarts.getInstanceByDom(surfaceOf(screen.getByRole('img')))!;
    const setOption = vi.spyOn(chart, 'setOption');
    const next = throughputOption([], 'day');
    await rerender({ option: next, label: '图' });
    expect(setOption).toHaveBeenCalledWith(next, true);
    // The same chart, not a new one per change.
    expect(echarts.getInstanceByDom(surfaceOf(screen.getByRole('img')))).toBe(chart);
    expect(chart.isDisposed()).toBeFalsy();
  });

  it('draws patterns and refits for printing, and back afterwards', () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    render(EChart, { option: throughputOption(POINTS, 'week'), label: '图' });
    const chart = echarts.getInstanceByDom(surfaceOf(screen.getByRole('img')))!;
    const setOption = vi.spyOn(chart, 'setOption');
    const resize = vi.spyOn(chart, 'resize');
    window.dispatchEvent(new Event('beforeprint'));
    expect(setOption).toHaveBeenLastCalledWith({ aria: { decal: { show: true } } });
    window.dispatchEvent(new Event('afterprint'));
    expect(setOption).toHaveBeenLastCalledWith({ aria: { decal: { show: false } } });
    expect(resize).toHaveBeenCalledTimes(2);
  });

  it('disposes of the chart and its print listeners when it goes away', () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { unmount } = render(EChart, { option: throughputOption(POINTS, 'week'), label: '图' });
    const surface = surfaceOf(screen.getByRole('img'));
    const chart = echarts.getInstanceByDom(surface)!;
    const setOption = vi.spyOn(chart, 'setOption');
    unmount();
    expect(chart.isDisposed()).toBe(true);
    expect(echarts.getInstanceByDom(surface)).toBeUndefined();
    window.dispatchEvent(new Event('beforeprint'));
    expect(setOption).not.toHaveBeenCalled();
  });

  it('keeps its label and says so instead of throwing when ECharts cannot start', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    vi.mocked(echarts.init).mockImplementationOnce(() => {
      throw new Error('no rendering context');
    });
    render(EChart, { option: throughputOption(POINTS, 'week'), label: '收件量与办结量' });
    expect(screen.getByRole('img', { name: '收件量与办结量' })).toHaveTextContent(
      '图表无法显示，请查看数据表。'
    );
    expect(warn).toHaveBeenCalledWith('图表无法显示', expect.any(Error));
  });
});

describe('ChartFigure', () => {
  it('puts the chart, its caption and the data table in one figure', () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const table = throughputTable(POINTS, 'week');
    render(ChartFigure, { option: throughputOption(POINTS, 'week'), table });
    const figure = screen.getByRole('figure', { name: '收件量与办结量（按周）' });
    expect(screen.getByRole('img', { name: '收件量与办结量（按周）' })).toBeInTheDocument();
    expect(figure.querySelector('summary')).toHaveTextContent('数据表');
    const data = screen.getByRole('table', { name: '收件量与办结量（按周）', hidden: true });
    expect(data).toHaveTextContent('2026-11-23 至 11-29');
    expect(data).toHaveTextContent('1,234');
    expect(data.closest('details')).toHaveClass('no-print');
  });

  it('uses its own label for the chart when given', () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const counts = { green: 5, yellow: 2, red: 1 };
    render(ChartFigure, {
      option: colourOption(counts),
      table: colourTable(counts),
      label: '在办件红黄绿灯分布图'
    });
    expect(screen.getByRole('img', { name: '在办件红黄绿灯分布图' })).toBeInTheDocument();
  });

  it('says there is no data instead of an empty table', () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    render(ChartFigure, { option: throughputOption([], 'day'), table: throughputTable([], 'day') });
    expect(screen.queryByRole('table', { hidden: true })).not.toBeInTheDocument();
    expect(screen.getByText('所选期间和筛选条件下没有数据。')).toBeInTheDocument();
  });
});
