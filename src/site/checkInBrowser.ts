import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';
import { InputError } from '../errors.js';
import { chromiumPath } from '../provision/systemPackages.js';

/** What a real browser made of the page. */
export interface BrowserCheck {
  readonly url: string;
  readonly screenshot: string;
  /** Whether the page's own script finished (it marks the body when done). */
  readonly scriptRan: boolean;
  /** Chart canvases visible without opening anything. */
  readonly chartsVisible: number;
  readonly chartsDrawn: number;
  /** Drawn charts whose canvas has no painted pixel. */
  readonly chartsBlank: number;
  readonly traceLines: number;
  readonly headline: string;
  /** Script errors and failed requests: any is a broken page. */
  readonly pageErrors: readonly string[];
  /** alert/confirm/prompt opened by the page: only injected markup would do that. */
  readonly dialogs: readonly string[];
}

export class ChromiumMissingError extends InputError {
  constructor(path: string) {
    super(`no Chromium at ${path}: run \`npm run provision\` (it installs Debian's chromium), or set CHROMIUM_PATH`);
    this.name = 'ChromiumMissingError';
  }
}

export { chromiumPath };

interface PageCounts {
  readonly chartsVisible: number;
  readonly chartsDrawn: number;
  readonly chartsBlank: number;
  readonly traceLines: number;
  readonly headline: string;
}

// Runs in the page; a string because the project compiles without DOM types. A chart counts
// as drawn only if its canvas has a painted pixel, whatever the page's own script claims.
const INSPECT_PAGE = `(() => {
  const visible = [...document.querySelectorAll('canvas[data-chart]')].filter((c) => c.checkVisibility());
  const drawn = visible.filter((c) => c.dataset.drawn === 'yes');
  const blank = drawn.filter((c) => {
    const context = c.getContext('2d');
    if (context === null || c.width === 0 || c.height === 0) return true;
    const pixels = context.getImageData(0, 0, c.width, c.height).data;
    for (let i = 3; i < pixels.length; i += 4) if (pixels[i] !== 0) return false;
    return true;
  });
  return {
    chartsVisible: visible.length,
    chartsDrawn: drawn.length,
    chartsBlank: blank.length,
    traceLines: document.querySelectorAll('.trace-lines li').length,
    headline: document.getElementById('headline')?.innerText ?? '',
  };
})()`;

/** Debian's Chromium, headless, without the sandbox (it runs as root here), a GPU or background traffic. */
export async function launchChromium(): Promise<Browser> {
  const executablePath = chromiumPath();
  if (!existsSync(executablePath)) throw new ChromiumMissingError(executablePath);
  return chromium.launch({
    executablePath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

/** Opens the page in headless Chromium, waits for the charts, inspects them, and takes a screenshot. */
export async function checkInBrowser(url: string, screenshot: string): Promise<BrowserCheck> {
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    const pageErrors: string[] = [];
    const dialogs: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(String(error)));
    page.on('console', (message) => {
      if (message.type() === 'error') pageErrors.push(message.text());
    });
    page.on('requestfailed', (request) => pageErrors.push(`request failed: ${request.url()}`));
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await page.goto(url);
    // The page script marks the body when it has drawn; scripts run before `load`, so a short wait is plenty.
    const scriptRan = await page
      .waitForFunction('document.body.dataset.chartsDrawn !== undefined', null, { timeout: 5_000 })
      .then(() => true)
      .catch(() => false);
    const counts = await page.evaluate<PageCounts>(INSPECT_PAGE);
    await page.screenshot({ path: screenshot });
    return { url, screenshot, scriptRan, ...counts, pageErrors, dialogs };
  } finally {
    await browser.close();
  }
}

/** Everything wrong with the page as the browser saw it; empty for a good page. */
export function browserProblems(check: BrowserCheck): string[] {
  const problems: string[] = [];
  if (!check.scriptRan) problems.push('the page script (assets/site.js) did not finish');
  if (check.chartsDrawn < check.chartsVisible) {
    problems.push(`${check.chartsVisible - check.chartsDrawn} of ${check.chartsVisible} visible charts not drawn`);
  }
  if (check.chartsBlank > 0) problems.push(`${check.chartsBlank} drawn chart(s) have no painted pixel`);
  for (const error of check.pageErrors) problems.push(`page error: ${error}`);
  for (const dialog of check.dialogs) problems.push(`the page opened a dialog (injected script?): ${dialog}`);
  return problems;
}
