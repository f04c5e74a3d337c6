import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { FAULT_PROFILE_NAMES, type FaultProfileName, isFaultProfileName } from '../faults.js';
import { reportsDir } from '../harness/counterexample/paths.js';
import { NIGHTLY_RUNS_DEFAULT, parsePositiveInt } from '../harness/model/budget.js';
import { formatClock, parseDuration } from '../harness/parseDuration.js';
import { fileStamp } from '../harness/reports/fileStamp.js';
import { type NightlySummary, readNightlySummary } from '../harness/reports/NightlySummary.js';
import { MergeError, mergeSummaries } from '../nightly/mergeSummaries.js';
import { NIGHTLY_PARTS, type NightlyPart } from '../nightly/NightlyPlan.js';
import { runNightly } from '../nightly/runNightly.js';
import { parseShard } from '../nightly/Shard.js';
import { writeNightlyOutputs } from '../nightly/writeNightlyOutputs.js';
import { asUsageError, InputError, parseFlags, runCommand, UsageError } from './runCommand.js';

/** About five minutes on a 2-core machine, all parts included. */
const DEFAULT_BUDGET = '4m30s';

const usage = `Usage: npm start
       npm run nightly -- [--budget <t>] [--shard <i>/<n>] [--seed <s>] [--only <parts>]
                          [--runs <n>] [--force-profile <p>]
       npm run nightly -- --merge <summary.json or folder>...

Runs the nightly job: the model-based properties (fixed must hold, every fault
profile must be caught), the soak for each scenario under fixed and for each fault
where it shows, and the benchmarks against their baseline. Writes
reports/nightly/<stamp>/ with summary.json, summary.md, junit.xml and the
counterexamples and soak and bench reports it produced, and prints where.
Exit 0 when the night passes, 1 when it fails (summary.md says why), 2 on bad flags.

  --budget         wall-clock budget, e.g. 20m, 1h (default ${DEFAULT_BUDGET}); the
                   properties take 40%, the soak 40%, the benchmarks 20%, and time a
                   part leaves unused passes to the next
  --shard          run shard <i> of <n> (default 1/1): each shard checks the
                   properties with seeds of its own, so n runners explore n times
                   the schedules
  --seed           the night's seed, from which each shard's seeds derive
                   (default: drawn at random and printed)
  --only           comma-separated parts to run: ${NIGHTLY_PARTS.join(', ')} (default all)
  --runs           upper bound of runs per property under fixed (default:
                   NIGHTLY_RUNS if set, else ${NIGHTLY_RUNS_DEFAULT}); the budget may stop it sooner
  --force-profile  self-test: run this fault profile in the slot of fixed; the
                   night must then fail, and its summary says why
                   (one of ${FAULT_PROFILE_NAMES.filter((p) => p !== 'fixed').join(', ')})
  --merge          merge shard summaries (files, or folders holding summary.json,
                   searched one level down) into one night; exit as the merged verdict
  --help           this text

Environment: REPORTS_DIR (default ./reports), NIGHTLY_RUNS.`;

/** A summary.json, a folder holding one, or a folder of such folders (downloaded CI artifacts). */
function summaryFilesIn(path: string): string[] {
  if (!existsSync(path)) throw new InputError(`${path}: no such file or folder`);
  if (!statSync(path).isDirectory()) return [path];
  const direct = join(path, 'summary.json');
  if (existsSync(direct)) return [direct];
  return readdirSync(path)
    .sort()
    .map((entry) => join(path, entry, 'summary.json'))
    .filter((file) => existsSync(file));
}

async function merge(paths: readonly string[], root: string): Promise<number> {
  const files = paths.flatMap(summaryFilesIn);
  if (files.length === 0) throw new InputError(`no summary.json under ${paths.join(', ')}`);
  let merged: NightlySummary;
  try {
    merged = mergeSummaries(files.map(readNightlySummary));
  } catch (error) {
    if (error instanceof MergeError) throw new InputError(error.message);
    throw error;
  }
  const nightDir = join(root, 'nightly', `${fileStamp(new Date())}-merged`);
  const written = writeNightlyOutputs(nightDir, root, merged);
  process.stdout.write(
    `merged ${files.length} summaries: ${merged.verdict.toUpperCase()}\n` +
      merged.reasons.map((r) => `  - ${r}\n`).join('') +
      `summary: ${relative(process.cwd(), written.summaryMd)}\n`,
  );
  return merged.verdict === 'pass' ? 0 : 1;
}

async function main(): Promise<number> {
  const { values, positionals } = parseFlags({
    options: {
      budget: { type: 'string', default: DEFAULT_BUDGET },
      shard: { type: 'string', default: '1/1' },
      seed: { type: 'string' },
      only: { type: 'string' },
      runs: { type: 'string' },
      'force-profile': { type: 'string' },
      merge: { type: 'boolean' },
      help: { type: 'boolean' },
    },
    allowPositionals: true,
  });
  if (values.help) {
    process.stdout.write(`${usage}\n`);
    return 0;
  }
  const root = reportsDir();
  if (values.merge) {
    if (positionals.length === 0) throw new UsageError('--merge needs at least one summary.json or folder');
    return merge(positionals, root);
  }
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);

  const budgetMs = asUsageError(() => parseDuration('--budget', values.budget));
  const shard = asUsageError(() => parseShard(values.shard));
  if (values.seed !== undefined && !/^-?\d+$/.test(values.seed)) {
    throw new UsageError(`--seed must be an integer, got "${values.seed}"`);
  }
  const seed = values.seed !== undefined ? Number(values.seed) : Math.floor(Math.random() * 2 ** 31);
  const runsRaw = values.runs ?? process.env.NIGHTLY_RUNS;
  const runsPerProperty =
    runsRaw !== undefined && runsRaw !== ''
      ? asUsageError(() => parsePositiveInt('--runs', runsRaw))
      : NIGHTLY_RUNS_DEFAULT;
  const parts = new Set<NightlyPart>();
  for (const part of (values.only ?? NIGHTLY_PARTS.join(',')).split(',').map((p) => p.trim())) {
    if (!(NIGHTLY_PARTS as readonly string[]).includes(part)) {
      throw new UsageError(`--only takes ${NIGHTLY_PARTS.join(', ')}; got "${part}"`);
    }
    parts.add(part as NightlyPart);
  }
  let forcedProfile: FaultProfileName | undefined;
  const forced = values['force-profile'];
  if (forced !== undefined) {
    if (!isFaultProfileName(forced) || forced === 'fixed') {
      throw new UsageError(
        `--force-profile takes a fault profile (${FAULT_PROFILE_NAMES.filter((p) => p !== 'fixed').join(', ')}); got "${forced}"`,
      );
    }
    forcedProfile = forced;
  }

  const { summary, files } = await runNightly(
    { budgetMs, shard, seed, runsPerProperty, parts, ...(forcedProfile ? { forcedProfile } : {}) },
    root,
    (line) => process.stderr.write(`${line}\n`),
  );
  const verdict = summary.verdict === 'pass' ? 'PASS' : 'FAIL';
  process.stdout.write(
    `nightly ${verdict} in ${formatClock(summary.durationMs)} (budget ${formatClock(budgetMs)})\n` +
      summary.reasons.map((r) => `  - ${r}\n`).join('') +
      `summary: ${relative(process.cwd(), files.summaryMd)}\n` +
      `junit:   ${relative(process.cwd(), files.junitXml)}\n`,
  );
  return summary.verdict === 'pass' ? 0 : 1;
}

await runCommand('nightly', usage, main);
