import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decide, propose } from '../../src/lib/server/accountability/accountability.service';
import type { Actor } from '../../src/lib/server/audit/audit.repository';
import { auditActions } from '../helpers/audit-log';
import { startBrowserWorld, stopBrowserWorld } from '../helpers/browser-world';
import { browserTestsEnabled, type BrowserSession } from '../helpers/browser';
import { loadKpiWorld } from '../helpers/kpi-world';
import type { ProductServer } from '../helpers/product-server';
import type { TestDatabases } from '../helpers/test-databases';
import { addRoleUsers, addUser, signInPage } from '../helpers/users';

// Accountability end to end on the KPI world: case 5 is past its statutory deadline and
// handled by E001, who already had an 超时审批 record decided at level 1. The inspector
// opens the pending list, proposes from the case (the suggestion is level 2, one up), the
// leader decides; the case leaves the pending list.

const SHOTS = 'test-results/screenshots';
const enabled = browserTestsEnabled();
const CASE_NO = '510107-TEST-000005';

describe.runIf(enabled)('accountability in Chromium', () => {
  let t: TestDatabases;
  let server: ProductServer;
  let browser: BrowserSession;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    ({ t, server, browser } = await startBrowserWorld(async (t) => {
      await loadKpiWorld(t);
      await addRoleUsers(t.db);
      const ids = await t.db.selectFrom('users').select(['id', 'login']).execute();
      const id = (login: string) => ids.find((u) => u.login === login)!.id;
      const inspector: Actor = { userId: id('inspector'), login: 'inspector', roles: ['inspector'] };
      const other: Actor = {
        userId: await addUser(t.db, { login: 'leader2', roles: ['leader'] }),
        login: 'leader2',
        roles: ['leader']
      };
      const earlier = await propose(t.db, inspector, {
        staffNo: 'E001',
        grounds: 'overdue',
        groundsNote: null,
        level: 1,
        facts: '办件 510107-TEST-000002 超过承诺时限办结',
        basis: [{ kind: 'case', ref: '510107-TEST-000002' }],
        correctsId: null
      });
      if (!earlier.ok) throw new Error(JSON.stringify(earlier.errors));
      await decide(t.db, other, earlier.id, { outcome: 'decided', level: 1, reason: '予以警告提醒' });
    }));
  });
  afterAll(() => stopBrowserWorld({ t, server, browser }));

  it('the inspector proposes from the pending list and the leader decides', async () => {
    const { page } = browser;
    const base = server.baseUrl;
    await signInPage(page, base, 'inspector');
    await page.goto(`${base}/accountability`);
    await page.getByRole('link', { name: /超法定时限办件（1）/ }).waitFor();
    const row = page.getByTestId('pending-row').filter({ hasText: CASE_NO });
    expect(await row.innerText()).toContain('张敏（E001）');
    await page.screenshot({ path: `${SHOTS}/accountability-pending.png`, fullPage: true });

    await row.getByRole('link', { name: '提出追责建议' }).click();
    await page.waitForURL('**/accountability/new?*');
    expect(await page.getByLabel('被追责人员工号').inputValue()).toBe('E001');
    expect(await page.getByLabel('追责事由').inputValue()).toBe('overdue');
    const suggestion = await page.getByTestId('suggestion').innerText();
    expect(suggestion).toContain('系统建议：第 2 级「警示谈话」');
    expect(suggestion).toContain('同一事由12个月内已有 1 次已决定的追责');
    expect(await page.getByLabel('建议追责级别').inputValue()).toBe('2');
    await page.screenshot({ path: `${SHOTS}/accountability-new.png`, fullPage: true });
    await page.getByLabel('事实和理由').fill('');
    await page.getByRole('button', { name: '提交追责建议' }).click();
    await page.getByText('请写明事实和理由').waitFor();
    await page.getByLabel('事实和理由').fill('办件超过法定办理时限 8 个工作日，未申请延期。');
    await page.getByRole('button', { name: '提交追责建议' }).click();
    await page.waitForURL(/\/accountability\/\d+$/);
    const recordPath = new URL(page.url()).pathname;
    expect(await page.getByTestId('record-state').innerText()).toContain('待决定');
    expect(await page.getByRole('button', { name: '作出决定' }).count()).toBe(0);
    await page.getByRole('button', { name: '退出登录' }).click();
    await page.waitForURL('**/login');

    await signInPage(page, base, 'leader');
    await page.goto(`${base}/accountability?tab=pending&kind=case`);
    await page.getByRole('link', { name: /待领导决定/ }).click();
    await page.waitForURL(`**${recordPath}`);
    await page.getByLabel('追责级别（不予追责时不填）').selectOption('2');
    await page.getByLabel('决定意见或不予追责的理由').fill('同意，给予警示谈话。');
    await page.getByRole('button', { name: '作出决定' }).click();
    await page.waitForFunction(() =>
      document.querySelector('[data-testid="record-state"]')?.textContent?.includes('已决定')
    );
    expect(await page.getByTestId('record-state').innerText()).toContain('第 2 级「警示谈话」');
    await page.screenshot({ path: `${SHOTS}/accountability-record.png`, fullPage: true });
    await page.emulateMedia({ media: 'print' });
    await page.screenshot({ path: `${SHOTS}/accountability-record-print.png`, fullPage: true });
    await page.emulateMedia({ media: 'screen' });

    await page.goto(`${base}/accountability?tab=pending&kind=case`);
    await page.getByText('没有待决定的超法定时限办件').waitFor();
    await page.goto(`${base}/accountability?tab=records`);
    expect(await page.getByTestId('record-row').count()).toBe(2);
    await page.screenshot({ path: `${SHOTS}/accountability-records.png`, fullPage: true });
    await page.goto(`${base}/accountability/people/1`);
    expect(await page.getByTestId('yearly-counts').innerText()).toContain(
      new Date().getFullYear().toString()
    );
    await page.screenshot({ path: `${SHOTS}/accountability-person.png`, fullPage: true });

    expect(await auditActions(t.db, 'accountability_record')).toEqual([
      'accountability.propose',
      'accountability.decide',
      'accountability.propose',
      'accountability.decide'
    ]);
  });
});
