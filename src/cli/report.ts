import { existsSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { reportsDir } from '../harness/counterexample/paths.js';
import { buildSite } from '../site/buildSite.js';
import {
  browserProblems,
  ChromiumMissingError,
  checkInBrowser,
  chromiumPath,
  hasChromium,
} from '../site/checkInBrowser.js';
import { serveSite } from '../site/serveSite.js';
import { InputError, parseFlags, runCommand, UsageError } from './runCommand.js';

const usage = `Usage: npm run report [-- [--check] [--serve [--port <n>]]]

Builds one static page from everything under reports/ (or REPORTS_DIR): nightly
summaries, soak reports, counterexamples (replayed to show the router's state after
each step) and benchmark reports, into reports/site/index.html, and prints its path.
Files that claim to be reports but cannot be read are listed on the page.
Exit 0 when built, 2 on bad flags or a missing reports folder.

  --check   then open the page in headless Chromium (CHROMIUM_PATH or /usr/bin/chromium),
            check every visible chart is drawn and the page has no script error, and
            write reports/site/screenshot.png; exit 1 when the page is broken
  --serve   then serve the reports folder on 127.0.0.1 until interrupted
  --port    port for --serve (default 8080; 0 picks a free one)
  --help    this text`;

async function main(): Promise<number> {
  const { values } = parseFlags({
    options: {
      check: { type: 'boolean' },
      serve: { type: 'boolean' },
      port: { type: 'string' },
      help: { type: 'boolean' },
    },
    allowPositionals: false,
  });
  if (values.help) {
    process.stdout.write(`${usage}\n`);
    return 0;
  }
  const port = values.port === undefined ? 8080 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new UsageError(`--port must be an integer from 0 to 65535, got "${values.port}"`);
  }
  if (values.port !== undefined && !values.serve) throw new UsageError('--port only makes sense with --serve');
  const root = reportsDir();
  if (!existsSync(root)) throw new InputError(`no reports folder at ${root}: run npm start (or set REPORTS_DIR) first`);

  const started = performance.now();
  const result = await buildSite({
    reportsRoot: root,
    onProgress: (line) => process.stdout.write(`report: ${line}\n`),
  });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const shown = relative(process.cwd(), result.indexFile);
  process.stdout.write(`report: built in ${seconds} s\n${shown.startsWith('..') ? result.indexFile : shown}\n`);
  if (result.set.unreadable.length > 0) {
    process.stdout.write(
      `report: ${result.set.unreadable.length} file(s) could not be read; they are listed on the page\n`,
    );
  }
  let code = 0;
  if (values.check) code = await checkBuiltSite(root, result.indexFile);
  if (!values.serve) return code;

  const served = await serveSite(root, port).catch((error: NodeJS.ErrnoException) => {
    throw new InputError(`cannot serve on 127.0.0.1:${port} (${error.code ?? error.message}); try --port 0`);
  });
  process.stdout.write(`report: serving ${served.url} (Ctrl-C stops)\n`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  served.server.close();
  return code;
}

/** Serves the built site on a free port and inspects it in Chromium; 0 when every visible chart is drawn. */
async function checkBuiltSite(root: string, indexFile: string): Promise<number> {
  if (!hasChromium()) throw new InputError(new ChromiumMissingError(chromiumPath()).message);
  const served = await serveSite(root, 0);
  try {
    const check = await checkInBrowser(served.url, join(dirname(indexFile), 'screenshot.png'));
    const problems = browserProblems(check);
    process.stdout.write(
      `report: in Chromium: ${check.chartsDrawn}/${check.chartsVisible} visible charts drawn, ${check.chartsBlank} blank, ` +
        `${check.traceLines} trace lines, ${check.pageErrors.length} page errors\n` +
        `report: first thing a reviewer sees: ${check.headline.replace(/\s+/g, ' ').trim()}\n` +
        `report: screenshot ${relative(process.cwd(), check.screenshot)}\n`,
    );
    for (const problem of problems) process.stdout.write(`report: BROKEN: ${problem}\n`);
    return problems.length === 0 ? 0 : 1;
  } finally {
    served.server.close();
  }
}

await runCommand('report', usage, main);
