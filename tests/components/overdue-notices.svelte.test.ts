import { render, screen } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import OverdueNotices from '../../src/routes/overview/OverdueNotices.svelte';

const notice = (id: number) => ({
  id,
  source_kind: 'review',
  addressee_kind: 'section',
  addressee_code: 'S01',
  section_name: '社会事务审批科',
  issued_at: '2025-10-09T02:00:00Z',
  deadline_on: '2025-10-22'
});

describe('OverdueNotices on the leaders’ overview', () => {
  it('says so when no notice is overdue', () => {
    render(OverdueNotices, { notices: [] });
    expect(screen.getByTestId('overdue-notices-empty')).toHaveTextContent('目前没有逾期未核验的整改通知');
  });

  it('shows the count, the first few notices with their deadline, and a link to all of them', () => {
    render(OverdueNotices, { notices: [7, 6, 5].map(notice), shown: 2 });
    expect(screen.getByText('3')).toBeInTheDocument();
    const rows = screen.getByTestId('overdue-notices').querySelectorAll('tbody tr');
    expect(rows).toHaveLength(2);
    expect(rows[0]).toHaveTextContent('#7');
    expect(rows[0]).toHaveTextContent('案卷评查');
    expect(rows[0]).toHaveTextContent('科室 S01');
    expect(rows[0]).toHaveTextContent('2025-10-22');
    expect(screen.getByRole('link', { name: '查看全部 3 件' })).toHaveAttribute(
      'href',
      '/rectification?state=overdue'
    );
  });
});
