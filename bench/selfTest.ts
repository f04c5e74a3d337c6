// `npm run bench:self-test`: runs `npm run bench` again and again, the same way, and tells
// whether every run gave the verdict it must: fixed passes, a slowed profile fails naming
// its figure. Timing-based, so it is a script and not part of `npm test`.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { HEAP_VERDICT_NODE_FLAGS } from '../src/child/nodeFlags.js';
import { isFaultProfileName } from '../src/faults.js';
import { EXPECTED_BENCH_FLAGS } from '../src/harness/index.js';
import { REPO_ROOT } from '../src/repoRoot.js';
import { type BenchReport, readBenchReport } from '../src/reports/BenchReport.js';
import { reportsDir } from '../src/reports/paths.js';

const usage = `Usage: npm run bench:self-test -- [--runs n] [--profile p] [--full] [--load]

Runs npm run bench (--quick unless --full) n times (default 10) with the profile
(default fixed) and prints each run's exit code, time and worst gate. fixed must exit 0
every time; a profile of EXPECTED_BENCH_FLAGS must exit 1 every time, naming its figure.
--load runs a busy loop on one core (taskset -c 0 where there is taskset) for as long.
Exit 0 when every run did what it must, 1 otherwise.`;

function parseFlags() {
  try {
    return parseArgs({
      options: {
        runs: { type: 'string', default: '10' },
        profile: { type: 'string', default: 'fixed' },
        full: { type: 'boolean' },
        load: { type: 'boolean' },
        help: { type: 'boolean' },
      },
    });
  } catch (error) {
    // An unknown flag or a flag without its value: usage, exit 2, as every command of the project.
    process.stderr.write(`bench:self-test: ${error instanceof Error ? error.message : String(error)}\n${usage}\n`);
    process.exit(2);
  }
}
const { values } = parseFlags();
const runs = Number(values.runs);
const profile = values.profile;
if (values.help || !Number.isInteger(runs) || runs < 1 || !isFaultProfileName(profile)) {
  process.stdout.write(`${usage}\n`);
  process.exit(values.help ? 0 : 2);
}
const expectedFigure = EXPECTED_BENCH_FLAGS.find(([p]) => p === profile)?.[1];
if (profile !== 'fixed' && expectedFigure === undefined) {
  process.stderr.write(`bench:self-test: ${profile} is no benchmark fault (see EXPECTED_BENCH_FLAGS)\n`);
  process.exit(2);
}

function startLoad(): ChildProcess {
  const busy = [process.execPath, '-e', 'for(;;){}'];
  const pinned = spawnSync('taskset', ['-V']).status === 0;
  const child = pinned
    ? spawn('taskset', ['-c', '0', ...busy], { stdio: 'ignore' })
    : spawn(busy[0] as string, busy.slice(1), { stdio: 'ignore' });
  process.stdout.write(`load: a busy loop, pid ${child.pid}${pinned ? ', pinned to core 0' : ''}\n`);
  return child;
}

function newestReport(dir: string, before: ReadonlySet<string>): BenchReport | undefined {
  const fresh = [...listing(dir)].filter((name) => name.endsWith('.json') && !before.has(name));
  const name = fresh.sort().at(-1);
  return name === undefined ? undefined : readBenchReport(join(dir, name));
}

function listing(dir: string): Set<string> {
  try {
    return new Set(readdirSync(dir));
  } catch {
    return new Set();
  }
}

const load = values.load ? startLoad() : undefined;
const benchDir = join(reportsDir(), 'bench');
let asExpected = 0;
try {
  for (let run = 1; run <= runs; run++) {
    const before = listing(benchDir);
    // Wall time of a whole bench run, printed for the reader: no figure, so not tinybench's.
    const started = performance.now();
    const args = [...(values.full ? [] : ['--quick']), '--profile', profile];
    const child = spawnSync(
      process.execPath,
      [...HEAP_VERDICT_NODE_FLAGS, '--import', 'tsx', 'src/cli/main.ts', 'bench', ...args],
      {
        cwd: REPO_ROOT,
        encoding: 'utf8',
      },
    );
    const seconds = (performance.now() - started) / 1_000;
    const report = newestReport(benchDir, before);
    const judged = (report?.gates ?? []).filter((gate) => gate.ratio !== undefined);
    const worst = judged.sort((a, b) => (b.ratio ?? 0) - (a.ratio ?? 0))[0];
    const regressed = (report?.gates ?? []).filter((gate) => gate.verdict === 'regressed').map((gate) => gate.name);
    const remeasured = (report?.gates ?? []).filter((gate) => gate.remeasured !== undefined).length;
    const ok =
      expectedFigure === undefined
        ? child.status === 0
        : child.status === 1 && regressed.some((name) => name.startsWith(expectedFigure));
    if (ok) asExpected++;
    process.stdout.write(
      `run ${String(run).padStart(2)}: exit ${child.status}, ${seconds.toFixed(1)} s, worst ${worst ? `${worst.name} ${worst.ratio?.toFixed(2)}x (limit ${worst.threshold}x)` : 'none judged'}, re-measured ${remeasured}, regressed [${regressed.join(', ')}]${ok ? '' : '  <-- not as expected'}\n`,
    );
    if (child.status !== 0 && child.status !== 1) process.stdout.write(child.stderr.split('\n').slice(-4).join('\n'));
  }
} finally {
  load?.kill();
}
process.stdout.write(
  `${asExpected}/${runs} runs as expected (${profile}: ${expectedFigure === undefined ? 'exit 0' : `exit 1 naming ${expectedFigure}`})\n`,
);
process.exit(asExpected === runs ? 0 : 1);
