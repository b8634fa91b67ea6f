import { render, screen } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import ConnectionBanner from '../../src/routes/screen/ConnectionBanner.svelte';

// 14:05:09 in Shanghai.
const lastUpdatedAt = '2026-11-25T06:05:09Z';

describe('ConnectionBanner (大屏)', () => {
  it('says nothing while the connection is live', () => {
    const { container } = render(ConnectionBanner, { connection: { kind: 'live' }, lastUpdatedAt });
    expect(container.textContent?.trim()).toBe('');
    expect(screen.queryByRole('status')).toBeNull();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('announces a broken connection with the time of the figures still shown', () => {
    render(ConnectionBanner, {
      connection: { kind: 'retrying', failures: 2, nextRetryAt: 0 },
      lastUpdatedAt
    });
    expect(screen.getByRole('status')).toHaveTextContent('数据连接中断，正在重试…（上次更新 14:05:09）');
  });

  it('disappears by itself when the connection comes back', async () => {
    const banner = render(ConnectionBanner, {
      connection: { kind: 'retrying', failures: 1, nextRetryAt: 0 },
      lastUpdatedAt
    });
    expect(screen.getByRole('status')).toBeInTheDocument();
    await banner.rerender({ connection: { kind: 'live' }, lastUpdatedAt });
    expect(screen.queryByRole('status')).not.toBeInTheDocument();
  });

  it('covers the figures with a message, not a sign-in form, when the session expired', () => {
    render(ConnectionBanner, { connection: { kind: 'signed_out' }, lastUpdatedAt });
    const alert = screen.getByRole('alert');
    expect(alert).toHaveTextContent('登录已过期，大屏已暂停更新');
    expect(alert).toHaveTextContent('14:05:09');
    expect(alert.querySelector('input, form')).toBeNull();
    expect(screen.getByRole('link', { name: '重新登录' })).toHaveAttribute('href', '/login?next=%2Fscreen');
  });

  it('says so when the account may not see the screen', () => {
    render(ConnectionBanner, { connection: { kind: 'forbidden' }, lastUpdatedAt });
    expect(screen.getByRole('alert')).toHaveTextContent('当前账号无权查看大屏');
  });
});
