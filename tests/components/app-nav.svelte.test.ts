import { render, screen, within } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import AppNav from '../../src/lib/components/AppNav.svelte';
import { NAV_ITEMS, visibleNavItems } from '../../src/lib/navigation';

const AREAS: [string, string][] = [
  ['总览', '/'],
  ['逾期预警', '/warnings'],
  ['办件查询', '/cases'],
  ['好差评', '/ratings'],
  ['投诉', '/complaints'],
  ['抽查督查', '/audits'],
  ['千分制考核', '/appraisal'],
  ['整改通知', '/rectification'],
  ['责任追究', '/accountability'],
  ['第三方测评', '/evaluation'],
  ['通报', '/bulletins'],
  ['系统管理', '/admin'],
  ['系统状态', '/admin/status'],
  ['用户管理', '/admin/users'],
  ['工作日历', '/admin/calendar'],
  ['事项时限设置', '/admin/matters'],
  ['追责级别', '/admin/accountability-levels'],
  ['审计日志', '/audit']
];

const nav = () => screen.getByRole('navigation', { name: '主导航' });

describe('AppNav', () => {
  it('links every area as a real link, in order', () => {
    render(AppNav, { currentPath: '/', items: NAV_ITEMS });
    const links = within(nav()).getAllByRole('link');
    expect(links.map((a) => [a.textContent, a.getAttribute('href')])).toEqual(AREAS);
  });

  it('marks only the current page with aria-current="page"', () => {
    render(AppNav, { currentPath: '/warnings', items: NAV_ITEMS });
    const current = within(nav())
      .getAllByRole('link')
      .filter((a) => a.hasAttribute('aria-current'));
    expect(current).toHaveLength(1);
    expect(current[0]).toHaveTextContent('逾期预警');
    expect(current[0]).toHaveAttribute('aria-current', 'page');
  });

  it('marks the overview only on / itself, not on every page', () => {
    render(AppNav, { currentPath: '/bulletins', items: NAV_ITEMS });
    expect(within(nav()).getByRole('link', { name: '总览' })).not.toHaveAttribute('aria-current');
  });

  it('on a sub-page marks the page and its area', () => {
    render(AppNav, { currentPath: '/admin/status', items: NAV_ITEMS });
    expect(within(nav()).getByRole('link', { name: '系统状态' })).toHaveAttribute('aria-current', 'page');
    expect(within(nav()).getByRole('link', { name: '系统管理' })).toHaveAttribute('aria-current', 'true');
  });

  it('ignores a trailing slash', () => {
    render(AppNav, { currentPath: '/audits/', items: NAV_ITEMS });
    expect(within(nav()).getByRole('link', { name: '抽查督查' })).toHaveAttribute('aria-current', 'page');
  });

  it('shows a role only the areas it may open', () => {
    render(AppNav, { currentPath: '/appraisal', items: visibleNavItems(['staff']) });
    expect(
      within(nav())
        .getAllByRole('link')
        .map((a) => a.textContent)
    ).toEqual(['千分制考核', '整改通知']);
  });

  it('shows the auditor the audit trail and nothing of the business', () => {
    render(AppNav, { currentPath: '/audit', items: visibleNavItems(['auditor']) });
    expect(
      within(nav())
        .getAllByRole('link')
        .map((a) => a.textContent)
    ).toEqual(['审计日志']);
  });
});
