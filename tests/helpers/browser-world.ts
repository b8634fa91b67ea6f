import { launchBrowser, type BrowserSession } from './browser';
import { startProductServer, type ProductServer } from './product-server';
import { createTestDatabases, type TestDatabases } from './test-databases';

// The set-up of a browser test: fresh databases filled by the test, the product started on
// them (as `npm start` would, without the scheduler), and a Chromium session at 1400×900.

export interface BrowserWorld {
  t: TestDatabases;
  server: ProductServer;
  browser: BrowserSession;
}

export async function startBrowserWorld(fill: (t: TestDatabases) => Promise<void>): Promise<BrowserWorld> {
  const t = await createTestDatabases();
  await fill(t);
  const server = await startProductServer({
    DATABASE_URL: t.urls.product,
    SOURCE_DATABASE_URL: t.urls.sourceReader
  });
  const browser = await launchBrowser();
  await browser.page.setViewportSize({ width: 1400, height: 900 });
  return { t, server, browser };
}

/** Stops what started, whatever got as far as starting. */
export async function stopBrowserWorld(world: Partial<BrowserWorld>): Promise<void> {
  await world.browser?.close();
  await world.server?.stop();
  await world.t?.destroy();
}
