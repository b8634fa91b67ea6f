import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/lib/server/demo/demo-accounts';
import { seedProductDemo } from '../../src/lib/server/demo/product-demo/index';
import { browserTestsEnabled } from '../helpers/browser';
import { startBrowserWorld, stopBrowserWorld, type BrowserWorld } from '../helpers/browser-world';
import { loadDemoWorld } from '../helpers/demo-world';
import { signInPage } from '../helpers/users';

// What a person trying the demo sees where the product's own data lives, once the demo has
// been seeded (a small built-in demo, seeded as the job demo-seed does at the first start):
// the bulletins list, the evaluation's rounds and a month's results with its 约谈 list, the
// appraisal's closed month and the appeal waiting for a leader. Screenshots under
// test-results/screenshots/demo-*.png.

const SHOTS = 'test-results/screenshots';
const NOW = new Date();
const enabled = browserTestsEnabled();

describe.runIf(enabled)('the seeded demo in Chromium', () => {
  let world: BrowserWorld | undefined;
  /** The leader's page and the server's address. */
  const session = () => ({ page: world!.browser.page, base: world!.server.baseUrl });

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    world = await startBrowserWorld(async (t) => {
      await loadDemoWorld(t, NOW);
      await seedProductDemo(t.db, { now: NOW });
    });
    await signInPage(world.browser.page, world.server.baseUrl, 'leader', DEMO_PASSWORD);
  });
  afterAll(() => stopBrowserWorld(world ?? {}));

  it('lists the bulletins: the older months published and numbered, the latest a draft', async () => {
    const { page, base } = session();
    await page.goto(`${base}/bulletins`);
    const rows = page.getByTestId('bulletin-row');
    await rows.first().waitFor();
    const texts = await rows.allInnerTexts();
    expect(texts).toHaveLength(3);
    expect(texts[0]).toContain('草稿');
    expect(texts.slice(1).every((r) => /年第\d+期/.test(r))).toBe(true);
    await page.screenshot({ path: `${SHOTS}/demo-bulletins.png`, fullPage: true });

    await rows.nth(1).getByRole('link').click();
    await page.waitForURL(/\/bulletins\/\d+$/);
    expect(await page.getByTestId('bulletin-status').innerText()).toBe('已发布');
    const document = await page.getByTestId('bulletin-document').innerText();
    expect(document).toContain('服务明星'); // its appraisal month is closed
    expect(document).not.toContain('本月未安排第三方测评');
    await page.screenshot({ path: `${SHOTS}/demo-bulletin.png` });
  });

  it('lists the evaluation rounds and shows a month’s results with its 约谈 list', async () => {
    const { page, base } = session();
    await page.goto(`${base}/evaluation`);
    const rows = page.getByTestId('round-row');
    await rows.first().waitFor();
    expect(await rows.count()).toBe(4);
    await page.screenshot({ path: `${SHOTS}/demo-evaluation.png`, fullPage: true });

    await rows.nth(1).getByRole('link').first().click();
    await page.waitForURL(/\/evaluation\/rounds\/\d+$/);
    await page.goto(`${page.url()}/results`);
    const interviews = page.getByTestId('bottom-three');
    await interviews.waitFor();
    expect(await interviews.innerText()).toMatch(/服务点.*本月.*上月/);
    expect(await page.locator('main').innerText()).toMatch(/不满意|基本满意/);
    await page.screenshot({ path: `${SHOTS}/demo-evaluation-results.png` });
    await interviews.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}/demo-evaluation-interviews.png` });
  });

  it('shows a closed appraisal month with its awards', async () => {
    const { page, base } = session();
    const published = await world!.t.db
      .selectFrom('appraisal_months')
      .select('month')
      .where('closed_at', 'is not', null)
      .orderBy('month', 'desc')
      .executeTakeFirstOrThrow();
    await page.goto(`${base}/appraisal?month=${published.month.slice(0, 7)}`);
    await page.getByText('已结账').first().waitFor();
    expect(await page.locator('main').innerText()).toContain('五星级服务明星');
    await page.screenshot({ path: `${SHOTS}/demo-appraisal.png` });
  });

  it('has an appeal waiting for the leader', async () => {
    const { page, base } = session();
    await page.goto(`${base}/appraisal/appeals`);
    const queue = page.getByTestId('appeal-queue');
    await queue.waitFor();
    expect(await queue.innerText()).toContain('信息科');
    await page.screenshot({ path: `${SHOTS}/demo-appeals.png` });
  });
});
