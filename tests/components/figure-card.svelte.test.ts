import type { ResolvedPathname } from '$app/types';
import { render, screen } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import FigureCard from '../../src/lib/components/FigureCard.svelte';

const href = '/cases?on_time=promised' as ResolvedPathname;

describe('FigureCard', () => {
  it('shows a count with thousands separators', () => {
    render(FigureCard, { label: '收件量', figure: { value: 12345 }, format: 'count' });
    expect(screen.getByText('收件量')).toBeInTheDocument();
    expect(screen.getByText('12,345')).toBeInTheDocument();
  });

  it('shows a rate in percent, days in working days and a missing value as a dash', () => {
    render(FigureCard, { label: '按时办结率', figure: { value: 0.964 }, format: 'rate' });
    render(FigureCard, { label: '平均办理时长', figure: { value: 3.24 }, format: 'days' });
    render(FigureCard, { label: '好评率', figure: { value: null }, format: 'rate' });
    render(FigureCard, { label: '压缩率', figure: { value: 0.3 }, format: 'signed_rate' });
    expect(screen.getByText('96.4%')).toBeInTheDocument();
    expect(screen.getByText('3.2 个工作日')).toBeInTheDocument();
    expect(screen.getByText('—')).toBeInTheDocument();
    expect(screen.getByText('+30.0%')).toBeInTheDocument();
  });

  it('shows numerator and denominator in its text and title, focusable without a link', () => {
    const { container } = render(FigureCard, {
      label: '按时办结率',
      figure: { value: 0.2697, numerator: 123, denominator: 456 },
      format: 'rate'
    });
    expect(screen.getByText('分子 123 ÷ 分母 456')).toBeInTheDocument();
    const card = container.querySelector('.figure-card') as HTMLElement;
    expect(card).toHaveAttribute('title', '分子 123 ÷ 分母 456');
    expect(card).toHaveAttribute('tabindex', '0');
  });

  it('compares with the previous period in percentage points for rates, coloured good', () => {
    const { container } = render(FigureCard, {
      label: '按时办结率',
      figure: { value: 0.964, numerator: 964, denominator: 1000 },
      previous: { value: 0.952, numerator: 952, denominator: 1000 },
      format: 'rate'
    });
    const change = container.querySelector('.change') as HTMLElement;
    expect(change).toHaveTextContent('环比');
    expect(change).toHaveTextContent('▲ 1.2 个百分点');
    expect(change).toHaveTextContent('上升 1.2 个百分点');
    expect(change).toHaveTextContent('向好');
    expect(change).toHaveClass('good');
    expect(screen.getByText('上期 95.2%')).toBeInTheDocument();
  });

  it('compares counts in % and marks a rise as bad when lower is better', () => {
    const { container } = render(FigureCard, {
      label: '逾期在办',
      figure: { value: 12 },
      previous: { value: 10 },
      yearEarlier: { value: 24 },
      format: 'count',
      higherIsBetter: false
    });
    const [previous, yearEarlier] = container.querySelectorAll('.change');
    expect(previous).toHaveTextContent('环比');
    expect(previous).toHaveTextContent('▲ 20.0%');
    expect(previous).toHaveTextContent('变差');
    expect(previous).toHaveClass('bad');
    expect(yearEarlier).toHaveTextContent('同比');
    expect(yearEarlier).toHaveTextContent('▼ 50.0%');
    expect(yearEarlier).toHaveClass('good');
    expect(screen.getByText('上年同期 24')).toBeInTheDocument();
  });

  it('says so when there is nothing to compare with', () => {
    render(FigureCard, {
      label: '好评率',
      figure: { value: 0.9 },
      previous: { value: null },
      format: 'rate'
    });
    expect(screen.getByText('无可比数据')).toBeInTheDocument();
  });

  it('marks a rate over fewer than 30 items as a small sample, with an explanation', () => {
    render(FigureCard, {
      label: '按时办结率',
      figure: { value: 0.9, numerator: 18, denominator: 20 },
      format: 'rate'
    });
    const mark = screen.getByText('样本少于30');
    expect(mark).toHaveAttribute('title', expect.stringContaining('分母不足30件'));
  });

  it('does not mark a rate over 30 items or more', () => {
    render(FigureCard, {
      label: '按时办结率',
      figure: { value: 0.9, numerator: 27, denominator: 30 },
      format: 'rate'
    });
    expect(screen.queryByText('样本少于30')).not.toBeInTheDocument();
  });

  it('is one link to the cases behind it when href is given', () => {
    render(FigureCard, { label: '收件量', figure: { value: 5 }, format: 'count', href });
    const link = screen.getByRole('link');
    expect(link).toHaveAttribute('href', href);
    expect(link).toHaveTextContent('收件量');
    expect(link).toHaveTextContent('5');
  });

  it('is not a link without href', () => {
    render(FigureCard, { label: '收件量', figure: { value: 5 }, format: 'count', note: '含网上申请' });
    expect(screen.queryByRole('link')).not.toBeInTheDocument();
    expect(screen.getByText('含网上申请')).toBeInTheDocument();
  });
});
