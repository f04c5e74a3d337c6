import { join } from 'node:path';
import { InterruptedError } from '../errors.js';
import { currentCommit, formatClock, routerSystem, stopStoreServers } from '../harness/index.js';
import { referenceProfile } from '../jobs/targets.js';
import { fileStamp } from '../reports/fileStamp.js';
import {
  NIGHTLY_SUMMARY_KIND,
  type NightlySummary,
  type PropertyOutcome,
  type SoakOutcome,
} from '../reports/NightlySummary.js';
import { BudgetTooSmallError, NightBudget } from './NightBudget.js';
import {
  LEAST_MS,
  leastBudget,
  NIGHTLY_PARTS,
  type NightlyOptions,
  type PropertyTask,
  planNightly,
} from './NightlyPlan.js';
import { judgeNight } from './nightlyVerdict.js';
import { type BenchOutcome, runBenchmarkPart } from './runBenchmarkPart.js';
import { propertyTaskLabel, runPropertyTasks } from './runPropertyTasks.js';
import { runSoakTasks } from './runSoakTasks.js';
import { type NightlyFiles, writeNightlyOutputs } from './writeNightlyOutputs.js';

export interface NightlyResult {
  readonly summary: NightlySummary;
  readonly nightDir: string;
  readonly files: NightlyFiles;
}

export interface NightlyContext {
  readonly reportsRoot: string;
  readonly signal?: AbortSignal;
  readonly log: (line: string) => void;
}

/**
 * Runs one night (or one shard of it) and writes its folder under `<reportsRoot>/nightly/`.
 * A stop signal ends it with what finished so far, marked `interrupted`.
 */
export async function runNightly(options: NightlyOptions, context: NightlyContext): Promise<NightlyResult> {
  const plan = planNightly(options);
  const least = leastBudget(plan);
  if (options.budgetMs < least.ms) throw new BudgetTooSmallError(options.budgetMs, least.ms, least.why);
  const startedAt = new Date();
  const budget = new NightBudget(options.budgetMs);
  const { reportsRoot, signal } = context;
  // Jobs of one night (shards, soak, bench) start together; their folders must not collide.
  const partsTag = options.parts.size < NIGHTLY_PARTS.length ? `-${[...options.parts].join('+')}` : '';
  const shardTag = options.shard.count > 1 ? `-shard${options.shard.index}of${options.shard.count}` : '';
  const nightDir = join(reportsRoot, 'nightly', `${fileStamp(startedAt)}${partsTag}${shardTag}`);
  const log = (line: string) =>
    context.log(`[nightly ${formatClock(budget.elapsedMs())}/${formatClock(options.budgetMs)}] ${line}`);
  log(
    `shard ${options.shard.index}/${options.shard.count}, seed ${options.seed}: ${plan.properties.length} property checks, ` +
      `${plan.soaks.length} soaks${plan.bench ? ', benchmarks' : ''}; at least ${formatClock(least.ms)} of the budget needed; output in ${nightDir}`,
  );
  const parts: { properties: PropertyOutcome[]; soaks: SoakOutcome[]; benchmarks?: BenchOutcome } = {
    properties: [],
    soaks: [],
  };
  let coverage: NightlySummary['coverage'];
  let interrupted: InterruptedError | undefined;
  try {
    const storeChecks = plan.properties.filter((task) => task.system === 'store').length;
    // Each phase leaves the least of the phases after it; what it leaves unused passes on.
    const propertyRun = await budget.run('the property checks', signal, (phaseSignal) =>
      runPropertyTasks(plan.properties, {
        counterexampleDir: join(nightDir, 'counterexamples'),
        reportsRoot,
        // The time box is the router checks'; the store checks after them have their own least.
        shareMs: plan.shares.properties - storeChecks * LEAST_MS.storeCheck,
        deadline: budget.deadline - plan.least.soaks.ms - plan.least.bench.ms,
        signal: phaseSignal,
        log,
        onOutcome: (outcome) => parts.properties.push(outcome),
      }),
    );
    for (const task of plan.properties) {
      if (!parts.properties.some((done) => sameCheck(done, task))) {
        budget.leaveOut(propertyTaskLabel(task), 'no time left for it in the budget');
      }
    }
    const verdict = propertyRun.value?.coverage.find((c) => c.system === routerSystem.name && c.judged);
    if (verdict) coverage = { cases: verdict.tally.cases, rows: [...verdict.rows] };
    parts.soaks = await runSoakTasks(plan.soaks, {
      nightDir,
      reportsRoot,
      shareMs: Math.max(0, plan.shares.properties + plan.shares.soaks - budget.elapsedMs()),
      budget,
      reserveMs: plan.least.bench.ms,
      ...(signal ? { signal } : {}),
      log,
    });
    if (plan.bench) parts.benchmarks = await runBenchmarks(budget, nightDir, reportsRoot, options, signal, log);
  } catch (error) {
    if (!(error instanceof InterruptedError)) throw error;
    interrupted = error;
  } finally {
    // The store checks may have started a redis-server or a PostgreSQL cluster.
    await stopStoreServers();
  }
  const leftOut = budget.leftOut();
  const pastBudget = budget.spentPastBudget();
  const judged = judgeNight({
    ...parts,
    ...(leftOut.length > 0 ? { leftOut: [...leftOut] } : {}),
    ...(coverage ? { coverage } : {}),
    ...(options.forcedProfile ? { forcedProfile: options.forcedProfile } : {}),
  });
  const summary: NightlySummary = {
    kind: NIGHTLY_SUMMARY_KIND,
    version: 2,
    startedAt: startedAt.toISOString(),
    durationMs: Math.round(budget.elapsedMs()),
    budgetMs: options.budgetMs,
    commit: currentCommit(),
    shards: [{ index: options.shard.index, count: options.shard.count, seed: options.seed, parts: [...options.parts] }],
    ...(options.forcedProfile ? { forcedProfile: options.forcedProfile } : {}),
    verdict: interrupted ? 'interrupted' : judged.verdict,
    reasons: interrupted
      ? [
          `interrupted by ${interrupted.signal} after ${formatClock(budget.elapsedMs())}: only what finished is here`,
          ...judged.reasons,
        ]
      : judged.reasons,
    ...(leftOut.length > 0 ? { leftOut: [...leftOut] } : {}),
    ...(pastBudget.length > 0 ? { pastBudget: [...pastBudget] } : {}),
    properties: parts.properties,
    ...(coverage ? { coverage } : {}),
    soaks: parts.soaks,
    ...(parts.benchmarks ? { benchmarks: parts.benchmarks } : {}),
  };
  const files = writeNightlyOutputs(nightDir, reportsRoot, summary);
  if (interrupted) throw interrupted;
  return { summary, nightDir, files };
}

function sameCheck(done: PropertyOutcome, task: PropertyTask): boolean {
  return (
    done.system === task.system &&
    done.property === task.property &&
    done.target === task.target &&
    done.expect === task.expect &&
    done.seed === task.seed
  );
}

/** The benchmarks, if the budget has room for their quick set; cut at its end otherwise. */
async function runBenchmarks(
  budget: NightBudget,
  nightDir: string,
  reportsRoot: string,
  options: NightlyOptions,
  signal: AbortSignal | undefined,
  log: (line: string) => void,
): Promise<BenchOutcome | undefined> {
  if (budget.leftMs() < LEAST_MS.bench) {
    budget.leaveOut(
      'benchmarks',
      `the quick set needs about ${formatClock(LEAST_MS.bench)}, ${formatClock(budget.leftMs())} of the budget left`,
    );
    return undefined;
  }
  const ran = await budget.run('the benchmarks', signal, (phaseSignal) =>
    runBenchmarkPart({
      nightDir,
      reportsRoot,
      shareMs: Math.max(0, budget.leftMs()),
      profile: options.forcedProfile ?? referenceProfile(),
      signal: phaseSignal,
      log,
    }),
  );
  if (ran.value !== undefined) return ran.value;
  budget.leaveOut('benchmarks', 'cut at the end of the budget');
  return undefined;
}
