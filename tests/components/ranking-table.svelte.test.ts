import type { ResolvedPathname } from '$app/types';
import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import RankingTable from '../../src/lib/components/RankingTable.svelte';

const link = (section: string) => `/cases?section=${section}` as ResolvedPathname;

const RATE_ROWS = [
  {
    key: 'S1',
    label: '市场准入科',
    figure: { value: 0.8, numerator: 80, denominator: 100 },
    href: link('S1')
  },
  {
    key: 'S2',
    label: '建设工程科',
    figure: { value: 0.95, numerator: 19, denominator: 20 },
    href: link('S2')
  },
  { key: 'S3', label: '社会事务科', figure: { value: null, numerator: 0, denominator: 0 } },
  { key: 'S4', label: '农业农村科', figure: { value: 0.5, numerator: 50, denominator: 100 } }
];

const COUNT_ROWS = [
  { key: 'a', label: '甲', figure: { value: 200 } },
  { key: 'b', label: '乙', figure: { value: 50 } },
  { key: 'c', label: '丙', figure: { value: 100 } }
];

const bodyRows = () => screen.getAllByRole('row').slice(1);
const names = () => bodyRows().map((row) => within(row).getByRole('rowheader').textContent?.trim());
const bars = (container: HTMLElement) =>
  [...container.querySelectorAll<HTMLElement>('.bar')].map((bar) => bar.style.width);

describe('RankingTable', () => {
  it('is a real table with its caption and column headers', () => {
    render(RankingTable, {
      caption: '各科室按时办结率',
      rows: RATE_ROWS,
      format: 'rate',
      valueHeader: '按时办结率'
    });
    expect(screen.getByRole('table', { name: '各科室按时办结率' })).toBeInTheDocument();
    expect(screen.getAllByRole('columnheader').map((th) => th.textContent?.trim())).toEqual([
      '排名',
      '名称',
      expect.stringContaining('按时办结率'),
      '分子 / 分母'
    ]);
  });

  it('shows rows in the given order with ranks by value, and no rank without a value', () => {
    render(RankingTable, { caption: '排名', rows: RATE_ROWS, format: 'rate', valueHeader: '按时办结率' });
    expect(names()).toEqual(['市场准入科', '建设工程科', '社会事务科', '农业农村科']);
    expect(bodyRows().map((row) => within(row).getAllByRole('cell')[0].textContent)).toEqual([
      '2',
      '1',
      '—',
      '3'
    ]);
  });

  it('ranks the lowest first when lower is better', () => {
    render(RankingTable, {
      caption: '逾期',
      rows: COUNT_ROWS,
      format: 'count',
      valueHeader: '逾期件数',
      higherIsBetter: false
    });
    expect(bodyRows().map((row) => within(row).getAllByRole('cell')[0].textContent)).toEqual(['3', '1', '2']);
  });

  it('draws rate bars on a 0–100 % scale and no bar for a missing value', () => {
    const { container } = render(RankingTable, {
      caption: '排名',
      rows: RATE_ROWS,
      format: 'rate',
      valueHeader: '按时办结率'
    });
    expect(bars(container)).toEqual(['80%', '95%', '50%']);
  });

  it('draws count bars relative to the largest value', () => {
    const { container } = render(RankingTable, {
      caption: '收件量',
      rows: COUNT_ROWS,
      format: 'count',
      valueHeader: '收件量'
    });
    expect(bars(container)).toEqual(['100%', '25%', '50%']);
    expect(screen.queryByText('分子 / 分母')).not.toBeInTheDocument();
  });

  it('shows formatted values, numerator / denominator and the small-sample mark', () => {
    render(RankingTable, { caption: '排名', rows: RATE_ROWS, format: 'rate', valueHeader: '按时办结率' });
    const [first, second, third] = bodyRows();
    expect(first).toHaveTextContent('80.0%');
    expect(first).toHaveTextContent('80 / 100');
    expect(first).not.toHaveTextContent('样本少于30');
    expect(second).toHaveTextContent('95.0%');
    expect(within(second).getByText('样本少于30')).toHaveAttribute(
      'title',
      expect.stringContaining('分母不足30件')
    );
    expect(third).toHaveTextContent('—');
  });

  it('links each row to its drill-down when it has one', () => {
    render(RankingTable, { caption: '排名', rows: RATE_ROWS, format: 'rate', valueHeader: '按时办结率' });
    expect(screen.getByRole('link', { name: '市场准入科' })).toHaveAttribute('href', '/cases?section=S1');
    expect(screen.queryByRole('link', { name: '社会事务科' })).not.toBeInTheDocument();
  });

  it('sorts by the value when its header is clicked, toggling the direction, missing values last', async () => {
    render(RankingTable, { caption: '排名', rows: RATE_ROWS, format: 'rate', valueHeader: '按时办结率' });
    const header = screen.getAllByRole('columnheader')[2];
    expect(header).not.toHaveAttribute('aria-sort');
    const button = within(header).getByRole('button');

    await fireEvent.click(button);
    expect(header).toHaveAttribute('aria-sort', 'descending');
    expect(names()).toEqual(['建设工程科', '市场准入科', '农业农村科', '社会事务科']);

    await fireEvent.click(button);
    expect(header).toHaveAttribute('aria-sort', 'ascending');
    expect(names()).toEqual(['农业农村科', '市场准入科', '建设工程科', '社会事务科']);

    await fireEvent.click(button);
    expect(header).toHaveAttribute('aria-sort', 'descending');
  });

  it('keeps the ranks of the values whatever the order shown', async () => {
    render(RankingTable, { caption: '排名', rows: RATE_ROWS, format: 'rate', valueHeader: '按时办结率' });
    await fireEvent.click(screen.getByRole('button'));
    expect(bodyRows().map((row) => within(row).getAllByRole('cell')[0].textContent)).toEqual([
      '1',
      '2',
      '3',
      '—'
    ]);
  });

  it('says what to do when there is nothing to rank', () => {
    render(RankingTable, {
      caption: '各科室按时办结率',
      rows: [],
      format: 'rate',
      valueHeader: '按时办结率'
    });
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
    expect(screen.getByText('各科室按时办结率')).toBeInTheDocument();
    expect(screen.getByText(/所选期间和筛选条件下没有数据，请放宽筛选或更换期间/)).toBeInTheDocument();
  });
});
