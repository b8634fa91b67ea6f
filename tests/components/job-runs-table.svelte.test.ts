import { render, screen, within } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import JobRunsTable from '../../src/lib/components/JobRunsTable.svelte';
import type { JobRunRow } from '../../src/lib/server/status/status.repository';

const now = new Date('2026-11-25T06:10:00Z');

function run(overrides: Partial<JobRunRow>): JobRunRow {
  return {
    id: '1',
    jobName: 'source-check',
    trigger: 'schedule',
    status: 'succeeded',
    startedAt: new Date('2026-11-25T06:05:09Z'),
    finishedAt: new Date('2026-11-25T06:05:10.5Z'),
    rowsTouched: 0,
    message: null,
    error: null,
    ...overrides
  };
}

const RUNS: JobRunRow[] = [
  run({ id: '4', status: 'running', finishedAt: null, startedAt: new Date('2026-11-25T06:07:00Z') }),
  run({ id: '3', status: 'failed', error: '缺少关系 / missing relation: approval.ratings' }),
  run({ id: '2', status: 'skipped', trigger: 'manual', message: '上一次运行尚未结束，本次跳过' }),
  run({ id: '1', jobName: 'sync', rowsTouched: 1234567, message: '已同步' })
];

describe('JobRunsTable', () => {
  it('renders each status in Chinese', () => {
    render(JobRunsTable, { runs: RUNS, now });
    const rows = screen.getAllByRole('row').slice(1);
    expect(rows.map((row) => within(row).getAllByRole('cell')[2].textContent?.trim())).toEqual([
      '运行中',
      '失败',
      '跳过',
      '成功'
    ]);
  });

  it('shows bureau time, duration, grouped row counts, errors and triggers', () => {
    render(JobRunsTable, { runs: RUNS, now, titles: { 'source-check': '数据源契约检查' } });
    const [, running, failed, skipped, sync] = screen.getAllByRole('row');
    expect(running).toHaveTextContent('2026-11-25 14:07:00');
    expect(running).toHaveTextContent('已运行 3 分 00 秒');
    expect(failed).toHaveTextContent('缺少关系 / missing relation: approval.ratings');
    expect(failed).toHaveTextContent('数据源契约检查');
    expect(failed).toHaveTextContent('1.5 秒');
    expect(skipped).toHaveTextContent('手动');
    expect(sync).toHaveTextContent('1,234,567');
    expect(sync).toHaveTextContent('定时');
  });

  it('has column headers a screen reader can announce', () => {
    render(JobRunsTable, { runs: RUNS, now });
    const headers = screen.getAllByRole('columnheader').map((th) => th.textContent);
    expect(headers).toEqual(['任务', '触发方式', '状态', '开始时间', '耗时', '处理行数', '错误 / 说明']);
  });

  it('shows a friendly empty state instead of an empty table', () => {
    render(JobRunsTable, { runs: [], now });
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
    expect(screen.getByText(/暂无任务运行记录/)).toBeInTheDocument();
  });
});
