import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

// Debian's Chromium driven by playwright-core (`npx playwright install` cannot work on
// these machines). Each session gets a fresh profile directory.

export const CHROMIUM_PATH = '/usr/bin/chromium';

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  // Date inputs follow the browser's UI language, not the context's locale.
  '--lang=zh-CN'
];

/**
 * Whether browser tests can run. Without Chromium they are skipped with a warning on a
 * developer's machine, but fail under CI=true, where a silent skip would hide the gap.
 */
export function browserTestsEnabled(): boolean {
  if (existsSync(CHROMIUM_PATH)) return true;
  const message =
    `${CHROMIUM_PATH} not found: browser tests skipped. ` +
    'Install with: apt-get install -y chromium fonts-noto-cjk';
  if (process.env.CI === 'true') throw new Error(`${message} (CI=true: not skipping)`);
  console.warn(message);
  return false;
}

export interface BrowserSession {
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

export async function launchBrowser(): Promise<BrowserSession> {
  const profile = mkdtempSync(path.join(os.tmpdir(), 'oversight-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1366, height: 900 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai'
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    }
  };
}

/**
 * The fonts Chromium actually used to draw an element's text (DevTools protocol), e.g.
 * [{ familyName: 'Noto Sans CJK SC', glyphCount: 8 }]. Without a CJK font the Chinese
 * text would be drawn as boxes, which no DOM assertion would notice.
 */
export async function renderedFonts(
  page: Page,
  selector: string
): Promise<{ familyName: string; glyphCount: number }[]> {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('DOM.enable');
    await cdp.send('CSS.enable');
    const { root } = await cdp.send('DOM.getDocument', { depth: -1 });
    const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector });
    if (!nodeId) throw new Error(`No element matches ${selector}`);
    const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
    return fonts.map((f) => ({ familyName: f.familyName, glyphCount: f.glyphCount }));
  } finally {
    await cdp.detach();
  }
}
