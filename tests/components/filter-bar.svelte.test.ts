import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import FilterBar from '../../src/lib/components/FilterBar.svelte';

const goto = vi.hoisted(() => vi.fn(() => Promise.resolve()));
vi.mock('$app/navigation', () => ({ goto }));
vi.mock('$app/state', () => ({
  page: { url: new URL('http://localhost/overview?period=this_month&page=3') }
}));

const OPTIONS = {
  section: [
    { value: 'S01', label: '市场准入科' },
    { value: 'S02', label: '建设工程科' }
  ],
  channel: [
    { value: 'online', label: '网上申请' },
    { value: 'window', label: '窗口申请' }
  ]
};

const props = (overrides: Record<string, unknown> = {}) => ({
  preset: 'this_month' as const,
  period: { from: '2026-11-01', to: '2026-11-25' },
  cut: {},
  options: OPTIONS,
  ...overrides
});

const form = () => screen.getByRole('form', { name: '筛选条件' }) as HTMLFormElement;

beforeEach(() => goto.mockClear());

describe('FilterBar', () => {
  it('is a GET form to the current page with the URL names', () => {
    render(FilterBar, props());
    expect(form()).toHaveAttribute('method', 'GET');
    expect(form()).toHaveAttribute('action', '/overview');
    const names = [...form().elements].map((el) => el.getAttribute('name')).filter(Boolean);
    expect(names).toEqual(['period', 'section', 'channel']);
  });

  it('labels every control', () => {
    render(FilterBar, props());
    expect(screen.getByLabelText('统计期间')).toHaveValue('this_month');
    expect(screen.getByLabelText('科室')).toHaveValue('');
    expect(screen.getByLabelText('申请渠道')).toHaveValue('');
  });

  it('offers every preset and shows the dates it resolved to', () => {
    render(FilterBar, props());
    const options = within(screen.getByLabelText('统计期间')).getAllByRole('option');
    expect(options.map((o) => o.textContent)).toEqual([
      '今日',
      '本周',
      '本月',
      '上月',
      '本季度',
      '本年',
      '近30天',
      '自定义'
    ]);
    expect(screen.getByText('2026-11-01 至 2026-11-25')).toBeInTheDocument();
  });

  it('has one select per dimension given, starting with 全部, and shows the current cut', () => {
    render(FilterBar, props({ cut: { section: 'S02' } }));
    const section = screen.getByLabelText('科室');
    expect(
      within(section)
        .getAllByRole('option')
        .map((o) => [o.getAttribute('value'), o.textContent])
    ).toEqual([
      ['', '全部'],
      ['S01', '市场准入科'],
      ['S02', '建设工程科']
    ]);
    expect(section).toHaveValue('S02');
    expect(screen.queryByLabelText('经办人')).not.toBeInTheDocument();
  });

  it('keeps a current value missing from the options visible instead of showing 全部', () => {
    render(FilterBar, props({ cut: { section: 'S99' } }));
    expect(screen.getByLabelText('科室')).toHaveValue('S99');
  });

  it('shows no date fields for a preset, and both for a custom period', () => {
    render(FilterBar, props());
    expect(screen.queryByLabelText('开始日期')).not.toBeInTheDocument();
    render(FilterBar, props({ preset: 'custom', period: { from: '2026-10-01', to: '2026-10-31' } }));
    expect(screen.getByLabelText('开始日期')).toHaveValue('2026-10-01');
    expect(screen.getByLabelText('结束日期')).toHaveValue('2026-10-31');
  });

  it('navigates when a cut changes, keeping focus and scroll, dropping page-only parameters', async () => {
    render(FilterBar, props());
    const section = screen.getByLabelText('科室');
    await fireEvent.change(section, { target: { value: 'S01' } });
    await vi.waitFor(() => expect(goto).toHaveBeenCalled());
    expect(goto).toHaveBeenCalledWith('/overview?period=this_month&section=S01', {
      keepFocus: true,
      noScroll: true
    });
  });

  it('navigates when the preset changes, without from and to', async () => {
    render(FilterBar, props({ cut: { channel: 'online' } }));
    await fireEvent.change(screen.getByLabelText('统计期间'), { target: { value: 'last_month' } });
    await vi.waitFor(() => expect(goto).toHaveBeenCalled());
    expect(goto).toHaveBeenLastCalledWith('/overview?period=last_month&channel=online', expect.anything());
  });

  it('switching to 自定义 shows the dates, starting from the current period, and puts them in the URL', async () => {
    render(FilterBar, props());
    await fireEvent.change(screen.getByLabelText('统计期间'), { target: { value: 'custom' } });
    expect(screen.getByLabelText('开始日期')).toHaveValue('2026-11-01');
    expect(screen.getByLabelText('结束日期')).toHaveValue('2026-11-25');
    await vi.waitFor(() =>
      expect(goto).toHaveBeenCalledWith(
        '/overview?period=custom&from=2026-11-01&to=2026-11-25',
        expect.anything()
      )
    );
    expect(screen.getByRole('alert')).toHaveTextContent('');
  });

  it('navigates with from and to for a valid custom range', async () => {
    render(FilterBar, props({ preset: 'custom' }));
    await fireEvent.change(screen.getByLabelText('开始日期'), { target: { value: '2026-10-15' } });
    await vi.waitFor(() => expect(goto).toHaveBeenCalled());
    expect(goto).toHaveBeenLastCalledWith(
      '/overview?period=custom&from=2026-10-15&to=2026-11-25',
      expect.anything()
    );
  });

  it('shows an error next to the dates and does not navigate when the start is after the end', async () => {
    render(FilterBar, props({ preset: 'custom' }));
    const from = screen.getByLabelText('开始日期');
    await fireEvent.change(from, { target: { value: '2026-12-01' } });
    await vi.waitFor(() => expect(screen.getByRole('alert')).toHaveTextContent('开始日期不能晚于结束日期'));
    expect(goto).not.toHaveBeenCalled();
    expect(from).toHaveAttribute('aria-invalid', 'true');
    expect(from).toHaveAccessibleDescription('开始日期不能晚于结束日期');

    await fireEvent.change(from, { target: { value: '2026-11-20' } });
    await vi.waitFor(() => expect(goto).toHaveBeenCalledTimes(1));
    expect(screen.getByRole('alert')).toHaveTextContent('');
    expect(from).not.toHaveAttribute('aria-invalid');
  });

  it('submitting navigates the same way (the 查询 button, Enter)', async () => {
    render(FilterBar, props());
    await fireEvent.submit(form());
    await vi.waitFor(() => expect(goto).toHaveBeenCalled());
    expect(goto).toHaveBeenCalledWith('/overview?period=this_month', expect.anything());
  });

  it('has a 重置 link to the page without filters', () => {
    render(FilterBar, props({ cut: { section: 'S01' } }));
    expect(screen.getByRole('link', { name: '重置' })).toHaveAttribute('href', '/overview');
  });
});
