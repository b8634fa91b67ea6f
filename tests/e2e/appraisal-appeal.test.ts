import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditActions } from '../helpers/audit-log';
import { browserTestsEnabled, type BrowserSession } from '../helpers/browser';
import { startBrowserWorld, stopBrowserWorld } from '../helpers/browser-world';
import { loadAppraisalWorld } from '../helpers/appraisal-world';
import type { ProductServer } from '../helpers/product-server';
import type { TestDatabases } from '../helpers/test-databases';
import { addUser, signInPage } from '../helpers/users';

// A manual deduction end to end on the appraisal world (tests/helpers/appraisal-world.ts):
// the head of S01 records 脱岗 for 员工3 on the patrol page, 员工3 (user clerk, staff_no
// E003) appeals it, a leader revokes it and the chief representative's share goes with it.

const SHOTS = 'test-results/screenshots';
const enabled = browserTestsEnabled();
// A 1×1 PNG, as a tablet camera photo would arrive.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64'
);

describe.runIf(enabled)('a manual deduction appealed and revoked, in Chromium', () => {
  let t: TestDatabases;
  let server: ProductServer;
  let browser: BrowserSession;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    ({ t, server, browser } = await startBrowserWorld(async (t) => {
      await loadAppraisalWorld(t);
      await addUser(t.db, {
        login: 'head',
        displayName: '李科长',
        roles: ['section_head'],
        sectionCodes: ['S01']
      });
      await addUser(t.db, { login: 'clerk', displayName: '员工3', roles: ['staff'], staffNo: 'E003' });
      await addUser(t.db, { login: 'boss', displayName: '王局长', roles: ['leader'] });
    }));
  });
  afterAll(() => stopBrowserWorld({ t, server, browser }));

  async function signOut() {
    await browser.page.getByRole('button', { name: '退出登录' }).click();
    await browser.page.waitForURL('**/login');
  }

  it('records on patrol, the person appeals, a leader revokes', async () => {
    const { page } = browser;
    await page.setViewportSize({ width: 1024, height: 1366 }); // a tablet held upright
    await signInPage(page, server.baseUrl, 'head');
    await page.goto(server.baseUrl + '/appraisal/patrol');
    await page.getByText('综合受理 1 号窗口（W01）').click();
    // The person by keyboard: the first radio of the group, then the arrow key to the next.
    await page.getByRole('radio', { name: /员工2/ }).focus();
    await page.keyboard.press('ArrowRight');
    expect(await page.getByRole('radio', { name: /员工3/ }).isChecked()).toBe(true);
    await page.getByText('脱岗', { exact: true }).click();
    await page.getByLabel('情况说明').fill('10:20 巡查时不在窗口');
    await page
      .getByLabel('现场照片')
      .setInputFiles({ name: 'patrol.png', mimeType: 'image/png', buffer: PNG });
    await page.screenshot({ path: `${SHOTS}/appraisal-appeal-patrol-choose.png`, fullPage: true });
    await page.getByRole('button', { name: '保存' }).click();
    const toast = page.getByTestId('patrol-saved');
    await toast.waitFor();
    expect(await toast.innerText()).toContain('员工3 · 脱岗 −10 分');
    // Ready for the next entry: the window stays chosen, the person and rule are cleared.
    expect(await page.getByRole('radio', { name: /员工3/ }).isChecked()).toBe(false);
    await page.screenshot({ path: `${SHOTS}/appraisal-appeal-patrol.png`, fullPage: true });

    const event = await t.db
      .selectFrom('score_events')
      .select(['id', 'points', 'status', 'note'])
      .where('origin', '=', 'manual')
      .executeTakeFirstOrThrow();
    expect(event).toMatchObject({ points: '-10.0', status: 'effective', note: '10:20 巡查时不在窗口' });
    const share = () =>
      t.db
        .selectFrom('score_events')
        .select(['points', 'retracted_at'])
        .where('source_key', '=', `chief_share:${event.id}`)
        .executeTakeFirstOrThrow();
    expect(await share()).toMatchObject({ points: '-5.0', retracted_at: null });

    // The ranking of the month of the deduction shows it at once (the head sees S01).
    const month = (
      await t.db
        .selectFrom('score_events')
        .select('month')
        .where('id', '=', event.id)
        .executeTakeFirstOrThrow()
    ).month;
    const monthText = month.slice(0, 7);
    const totalOf3 = async () => {
      await page.goto(`${server.baseUrl}/appraisal?month=${monthText}`);
      const row = page.locator('table.ranking tbody tr').filter({ hasText: 'E003' });
      return Number(await row.locator('td.total').innerText());
    };
    const withDeduction = await totalOf3();
    expect(withDeduction).toBe(990);

    // The full form says in Chinese what is missing.
    await page.goto(server.baseUrl + '/appraisal/events/new');
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByText('请选择被考核人员').waitFor();
    expect(await page.getByText('请选择考核规则').isVisible()).toBe(true);
    expect(await page.getByLabel('被考核人员').getAttribute('aria-invalid')).toBe('true');
    await page.screenshot({ path: `${SHOTS}/appraisal-appeal-form.png`, fullPage: true });
    await signOut();

    await page.setViewportSize({ width: 1400, height: 900 });
    await signInPage(page, server.baseUrl, 'clerk');
    await page.goto(`${server.baseUrl}/appraisal/events/${event.id}`);
    await page.getByRole('link', { name: 'patrol.png' }).waitFor();
    await page.getByRole('button', { name: '提交申诉' }).click();
    expect(await page.getByRole('alert').innerText()).toBe('请填写申诉理由');
    await page.getByLabel('申诉理由').fill('当时在后台为群众复印材料，有监控为证');
    await page.getByRole('button', { name: '提交申诉' }).click();
    await page.getByTestId('event-status').getByText('申诉中').waitFor();
    await page.screenshot({ path: `${SHOTS}/appraisal-appeal-appealed.png`, fullPage: true });
    await signOut();

    await signInPage(page, server.baseUrl, 'boss');
    await page.goto(server.baseUrl + '/appraisal/appeals');
    await page.getByTestId('appeal-queue').getByRole('link', { name: '审核' }).click();
    await page.waitForURL(`**/appraisal/events/${event.id}`);
    await page.getByLabel('审核意见').fill('监控显示当时在后台复印，情况属实');
    await page.getByRole('button', { name: '撤销扣分' }).click();
    await page.getByTestId('event-status').getByText('已撤销').waitFor();
    expect(await page.getByTestId('appeal-history').innerText()).toContain('撤销（扣分作废）');
    await page.screenshot({ path: `${SHOTS}/appraisal-appeal-revoked.png`, fullPage: true });

    expect(
      await t.db.selectFrom('score_events').select('status').where('id', '=', event.id).executeTakeFirst()
    ).toEqual({
      status: 'revoked'
    });
    expect((await share()).retracted_at).not.toBeNull();
    // The ranking updates at once: the revoked 10 points are back (the leader sees it).
    expect(await totalOf3()).toBe(withDeduction + 10);
    await page.screenshot({ path: `${SHOTS}/appraisal-appeal-ranking.png`, fullPage: true });
    expect(await auditActions(t.db, 'score_event')).toEqual([
      'appraisal.event.enter',
      'appraisal.appeal.file',
      'appraisal.appeal.decide'
    ]);
  });
});
