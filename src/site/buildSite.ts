import { copyFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, isAbsolute, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { replayCounterexample, systemNamed } from '../harness/index.js';
import { writeFileAtomic } from '../reports/writeFileAtomic.js';
import { collectReports, type ReportSet } from './collectReports.js';
import type { ReplayOutcome } from './render/counterexampleSection.js';
import { renderPage } from './renderPage.js';

export interface BuildResult {
  readonly indexFile: string;
  readonly set: ReportSet;
  readonly replayFailures: number;
}

export interface BuildOptions {
  readonly reportsRoot: string;
  /** Where the reviewer runs commands from; replay commands name files relative to it. */
  readonly cwd?: string;
  readonly onProgress?: (line: string) => void;
  readonly now?: Date;
}

const ASSETS_SOURCE = join(dirname(fileURLToPath(import.meta.url)), 'assets');

/** Reads every report under the root, replays the counterexamples, and writes `site/index.html` with its assets. */
export async function buildSite(options: BuildOptions): Promise<BuildResult> {
  const { reportsRoot } = options;
  const cwd = options.cwd ?? process.cwd();
  const progress = options.onProgress ?? (() => {});
  const set = collectReports(reportsRoot);
  progress(
    `found ${set.soaks.length} soak, ${set.nightlies.length} nightly, ${set.benches.length} benchmark, ${set.mutations.length} mutation reports and ${set.counterexamples.length} counterexamples`,
  );

  const replays = new Map<string, ReplayOutcome>();
  let replayFailures = 0;
  for (const [i, found] of set.counterexamples.entries()) {
    try {
      const system = systemNamed(found.report.system);
      if (system === undefined) throw new Error(`unknown system "${found.report.system}"`);
      replays.set(found.path, {
        ok: true,
        result: await replayCounterexample(system, found.report),
        columns: system.traceColumns,
      });
    } catch (error) {
      replayFailures++;
      replays.set(found.path, { ok: false, error: error instanceof Error ? error.message : String(error) });
    }
    if ((i + 1) % 10 === 0) progress(`replayed ${i + 1}/${set.counterexamples.length} counterexamples`);
  }

  const replayPath = (path: string): string => {
    const file = join(reportsRoot, path);
    const fromCwd = relative(cwd, file);
    return fromCwd.startsWith('..') || isAbsolute(fromCwd) ? file : fromCwd;
  };
  const page = renderPage({ set, replays, replayPath, generatedAt: options.now ?? new Date() });

  const siteDir = join(reportsRoot, 'site');
  const assetsDir = join(siteDir, 'assets');
  mkdirSync(assetsDir, { recursive: true });
  copyFileSync(chartJsFile(), join(assetsDir, 'chart.umd.js'));
  copyFileSync(join(ASSETS_SOURCE, 'site.js'), join(assetsDir, 'site.js'));
  copyFileSync(join(ASSETS_SOURCE, 'site.css'), join(assetsDir, 'site.css'));
  const indexFile = join(siteDir, 'index.html');
  writeFileAtomic(indexFile, page.value);
  return { indexFile, set, replayFailures };
}

/** Chart.js's browser bundle, from the installed package, so the site works offline. */
function chartJsFile(): string {
  const require = createRequire(import.meta.url);
  // The package exports no package.json; its CommonJS entry sits in dist/ next to the bundle.
  return join(dirname(require.resolve('chart.js')), 'chart.umd.js');
}
