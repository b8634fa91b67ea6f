import { render, screen } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import type { ResolvedPathname } from '$app/types';
import ListPager from '../../src/lib/components/ListPager.svelte';

const href = (page: number) => `/list?page=${page}` as ResolvedPathname;

describe('ListPager', () => {
  it('links the pages around the current one, with the total when counted', () => {
    render(ListPager, { page: 2, hasNext: true, total: 1234, href });
    expect(screen.getByRole('link', { name: '← 上一页' }).getAttribute('href')).toBe('/list?page=1');
    expect(screen.getByRole('link', { name: '下一页 →' }).getAttribute('href')).toBe('/list?page=3');
    expect(screen.getByRole('navigation', { name: '分页' }).textContent).toContain('第 2 页，共 1,234 条');
  });

  it('has no previous link on the first page nor a next one on the last, and no total uncounted', () => {
    render(ListPager, { page: 1, hasNext: false, href });
    expect(screen.queryAllByRole('link')).toHaveLength(0);
    expect(screen.getByRole('navigation', { name: '分页' }).textContent?.trim()).toBe('第 1 页');
  });
});
