import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildSite } from '../../src/site/buildSite.js';
import { type BrowserCheck, browserProblems, checkInBrowser, launchChromium } from '../../src/site/checkInBrowser.js';
import { type ServedSite, serveSite } from '../../src/site/serveSite.js';
import { REPO_ROOT, temporaryReportsDir } from '../support/runCli.js';
import { describeNeeding } from '../support/systemPackages.js';
import { HOSTILE_TOKEN, seedReports } from './seedReports.js';

/** Kept after the run so a person can look at it; reports/ is ignored by git. */
const SCREENSHOT = join(REPO_ROOT, 'reports', 'site-test', 'seeded-site.png');

describeNeeding('chromium', 'the report page in headless Chromium', () => {
  let served: ServedSite;
  let check: BrowserCheck;

  beforeAll(async () => {
    const root = temporaryReportsDir();
    seedReports(root);
    await buildSite({ reportsRoot: root });
    served = await serveSite(root, 0);
    mkdirSync(join(REPO_ROOT, 'reports', 'site-test'), { recursive: true });
    check = await checkInBrowser(served.url, SCREENSHOT);
  }, 60_000);

  afterAll(() => {
    served?.server.close();
  });

  it('draws every visible chart, with painted pixels, and logs no error', () => {
    // Five trend charts (retained bytes twice, two gate groups, the router's absolute figures),
    // and heap and class charts of the latest run of the two configurations.
    expect(check.chartsVisible).toBe(5 + 2 * 2);
    expect(check.chartsDrawn).toBe(check.chartsVisible);
    expect(check.chartsBlank).toBe(0);
    expect(check.pageErrors).toEqual([]);
    expect(browserProblems(check)).toEqual([]);
  });

  it('shows the retainer traces and leads with the leak under fixed', () => {
    expect(check.traceLines).toBeGreaterThanOrEqual(5);
    expect(check.headline).toMatch(/problem\(s\)/);
    expect(check.headline).toContain('steady / fixed leaks 15.2 KiB, since 2026-11-21 00:00 UTC');
  });

  it('shows the hostile token as text and never runs it', async () => {
    expect(check.dialogs).toEqual([]);
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      await page.goto(served.url);
      expect(await page.locator('img').count()).toBe(0);
      expect(await page.getByText(HOSTILE_TOKEN, { exact: false }).count()).toBeGreaterThanOrEqual(3);
    } finally {
      await browser.close();
    }
  });
});

describeNeeding('chromium', 'the browser check itself', () => {
  it('draws a folded run’s charts when it is opened', async () => {
    const root = temporaryReportsDir();
    seedReports(root);
    await buildSite({ reportsRoot: root });
    const served = await serveSite(root, 0);
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      await page.goto(served.url);
      const folded = page.locator('details.older canvas[data-chart]');
      expect(await folded.count()).toBe(4);
      expect(await folded.evaluateAll((cs) => cs.filter((c) => c.getAttribute('data-drawn') === 'yes').length)).toBe(0);
      await page.locator('details.older > summary').click();
      await page.locator('details.older details.soak > summary').first().click();
      await page.waitForSelector('details.older canvas[data-drawn="yes"]');
      expect(await folded.evaluateAll((cs) => cs.filter((c) => c.getAttribute('data-drawn') === 'yes').length)).toBe(2);
    } finally {
      await browser.close();
      served.server.close();
    }
  });

  it('reports a broken page: without Chart.js no chart is drawn', async () => {
    const root = temporaryReportsDir();
    seedReports(root);
    const { indexFile } = await buildSite({ reportsRoot: root });
    rmSync(join(indexFile, '..', 'assets', 'chart.umd.js'));
    const served = await serveSite(root, 0);
    try {
      const broken = await checkInBrowser(served.url, join(root, 'broken.png'));
      expect(broken.chartsDrawn).toBe(0);
      expect(browserProblems(broken).join('\n')).toMatch(/9 of 9 visible charts not drawn/);
    } finally {
      served.server.close();
    }
  });
});
