import type { Browser } from 'playwright-core';

/**
 * Opens `url` in a fresh context (with `cookie`, if given) while the page's scripts are held
 * back, fills the field labelled `label` with `text`, lets the scripts run and returns
 * what the field holds once the page has hydrated: a slow first load, or a quick user.
 */
export async function valueTypedBeforeHydration(
  browser: Browser,
  url: string,
  label: string,
  text: string,
  cookie?: string
): Promise<string> {
  const context = await browser.newContext();
  try {
    if (cookie) {
      const [name, value] = cookie.split('=', 2);
      await context.addCookies([{ name, value, url }]);
    }
    const page = await context.newPage();
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/_app/immutable/**', async (route) => {
      await released;
      await route.continue();
    });
    // Module scripts hold DOMContentLoaded back too: wait for the response, then the field.
    await page.goto(url, { waitUntil: 'commit' });
    await page.getByLabel(label).fill(text);
    release();
    await page.waitForLoadState('networkidle');
    return await page.getByLabel(label).inputValue();
  } finally {
    await context.close();
  }
}
