import { existsSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { InputError, interruptionOf, UsageError } from '../../errors.js';
import { reportsDir } from '../../reports/paths.js';
import { buildSite } from '../../site/buildSite.js';
import { browserProblems, checkInBrowser } from '../../site/checkInBrowser.js';
import { serveSite } from '../../site/serveSite.js';
import { defineCommand } from '../framework/CommandSpec.js';
import { integerOption, switchOption } from '../framework/options.js';

export const reportCommand = defineCommand({
  name: 'report',
  invocation: 'npm run report --',
  summary: 'one static page from everything under reports/: reports/site/index.html',
  description:
    'Builds one static page from everything under reports/ (or REPORTS_DIR): nightly summaries, soak reports, ' +
    'counterexamples (replayed to show the state after each step) and benchmark reports, into ' +
    'reports/site/index.html, and prints its path. Files that claim to be reports but cannot be read are listed on the page.',
  options: {
    check: switchOption(
      '--check',
      'then open the page in headless Chromium (CHROMIUM_PATH or /usr/bin/chromium), check every visible chart is drawn and the page has no script error, and write reports/site/screenshot.png',
    ),
    serve: switchOption('--serve', 'then serve the reports folder on 127.0.0.1 until stopped (Ctrl-C)'),
    port: integerOption('--port <n>', 'port for --serve (default 8080; 0 picks a free one)', { min: 0, max: 65_535 }),
  },
  exitCodes: {
    0: 'built (and, with --check, the page works)',
    1: 'the page is broken (--check)',
    2: 'bad flags, no reports folder, or no Chromium for --check',
    130: '--serve stopped by SIGINT',
    143: '--serve stopped by SIGTERM',
  },
  environment: {
    REPORTS_DIR: 'the reports folder (default ./reports)',
    CHROMIUM_PATH: 'the browser for --check (default /usr/bin/chromium)',
  },
  async run({ options, signal, out, log }) {
    if (options.port !== undefined && !options.serve) throw new UsageError('--port only makes sense with --serve');
    const root = reportsDir();
    if (!existsSync(root))
      throw new InputError(`no reports folder at ${root}: run npm start (or set REPORTS_DIR) first`);
    const started = performance.now();
    const result = await buildSite({ reportsRoot: root, onProgress: (line) => log(`report: ${line}`) });
    const shown = relative(process.cwd(), result.indexFile);
    out(`report: built in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    out(shown.startsWith('..') ? result.indexFile : shown);
    if (result.set.unreadable.length > 0) {
      out(`report: ${result.set.unreadable.length} file(s) could not be read; they are listed on the page`);
    }
    let code = 0;
    if (options.check) code = await checkBuiltSite(root, result.indexFile, out);
    if (!options.serve) return code;
    const port = options.port ?? 8080;
    const served = await serveSite(root, port).catch((error: NodeJS.ErrnoException) => {
      throw new InputError(`cannot serve on 127.0.0.1:${port} (${error.code ?? error.message}); try --port 0`);
    });
    out(`report: serving ${served.url} (Ctrl-C stops)`);
    if (!signal.aborted) await new Promise((resolve) => signal.addEventListener('abort', resolve, { once: true }));
    served.server.closeAllConnections();
    served.server.close();
    throw interruptionOf(signal);
  },
});

/** Serves the built site on a free port and inspects it in Chromium; 0 when every visible chart is drawn. */
async function checkBuiltSite(root: string, indexFile: string, out: (line: string) => void): Promise<number> {
  const served = await serveSite(root, 0);
  try {
    const check = await checkInBrowser(served.url, join(dirname(indexFile), 'screenshot.png'));
    const problems = browserProblems(check);
    out(
      `report: in Chromium: ${check.chartsDrawn}/${check.chartsVisible} visible charts drawn, ${check.chartsBlank} blank, ` +
        `${check.traceLines} trace lines, ${check.pageErrors.length} page errors`,
    );
    out(`report: first thing a reviewer sees: ${check.headline.replace(/\s+/g, ' ').trim()}`);
    out(`report: screenshot ${relative(process.cwd(), check.screenshot)}`);
    for (const problem of problems) out(`report: BROKEN: ${problem}`);
    return problems.length === 0 ? 0 : 1;
  } finally {
    served.server.close();
  }
}
