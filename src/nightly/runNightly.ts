import { join } from 'node:path';
import { InterruptedError } from '../errors.js';
import { currentCommit } from '../harness/engine/commit.js';
import { formatClock } from '../harness/parseDuration.js';
import { routerSystem } from '../harness/router/RouterSystem.js';
import { stopRedisOnDemand } from '../harness/store/redisOnDemand.js';
import { fileStamp } from '../reports/fileStamp.js';
import {
  NIGHTLY_SUMMARY_KIND,
  type NightlySummary,
  type PropertyOutcome,
  type SoakOutcome,
} from '../reports/NightlySummary.js';
import { NIGHTLY_PARTS, type NightlyOptions, planNightly } from './NightlyPlan.js';
import { judgeNight } from './nightlyVerdict.js';
import { type BenchOutcome, runBenchmarkPart } from './runBenchmarkPart.js';
import { runPropertyTasks } from './runPropertyTasks.js';
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
  const startedAt = new Date();
  const started = performance.now();
  const { reportsRoot, signal } = context;
  // Jobs of one night (shards, soak, bench) start together; their folders must not collide.
  const partsTag = options.parts.size < NIGHTLY_PARTS.length ? `-${[...options.parts].join('+')}` : '';
  const shardTag = options.shard.count > 1 ? `-shard${options.shard.index}of${options.shard.count}` : '';
  const nightDir = join(reportsRoot, 'nightly', `${fileStamp(startedAt)}${partsTag}${shardTag}`);
  const plan = planNightly(options);
  const log = (line: string) =>
    context.log(`[nightly ${formatClock(performance.now() - started)}/${formatClock(options.budgetMs)}] ${line}`);
  log(
    `shard ${options.shard.index}/${options.shard.count}, seed ${options.seed}: ${plan.properties.length} property checks, ` +
      `${plan.soaks.length} soaks${plan.bench ? ', benchmarks' : ''}; output in ${nightDir}`,
  );
  const elapsed = () => performance.now() - started;
  const parts: { properties: PropertyOutcome[]; soaks: SoakOutcome[]; benchmarks?: BenchOutcome } = {
    properties: [],
    soaks: [],
  };
  let coverage: NightlySummary['coverage'];
  let interrupted: InterruptedError | undefined;
  try {
    // A part that finishes early hands its unused time on to the parts after it.
    const propertyRun = await runPropertyTasks(plan.properties, {
      counterexampleDir: join(nightDir, 'counterexamples'),
      reportsRoot,
      shareMs: plan.shares.properties,
      ...(signal ? { signal } : {}),
      log,
    });
    parts.properties = propertyRun.outcomes;
    const verdict = propertyRun.run.coverage.find((c) => c.system === routerSystem.name && c.judged);
    if (verdict) coverage = { cases: verdict.tally.cases, rows: [...verdict.rows] };
    parts.soaks = await runSoakTasks(plan.soaks, {
      nightDir,
      reportsRoot,
      shareMs: Math.max(0, plan.shares.properties + plan.shares.soak - elapsed()),
      ...(signal ? { signal } : {}),
      log,
    });
    if (plan.bench) {
      parts.benchmarks = await runBenchmarkPart({
        nightDir,
        reportsRoot,
        shareMs: Math.max(0, options.budgetMs - elapsed()),
        profile: options.forcedProfile ?? 'fixed',
        ...(signal ? { signal } : {}),
        log,
      });
    }
  } catch (error) {
    if (!(error instanceof InterruptedError)) throw error;
    interrupted = error;
  } finally {
    // The store checks may have started a redis-server for connect-redis.
    await stopRedisOnDemand();
  }
  const judged = judgeNight({
    ...parts,
    ...(coverage ? { coverage } : {}),
    ...(options.forcedProfile ? { forcedProfile: options.forcedProfile } : {}),
  });
  const summary: NightlySummary = {
    kind: NIGHTLY_SUMMARY_KIND,
    version: 2,
    startedAt: startedAt.toISOString(),
    durationMs: Math.round(elapsed()),
    budgetMs: options.budgetMs,
    commit: currentCommit(),
    shards: [{ index: options.shard.index, count: options.shard.count, seed: options.seed, parts: [...options.parts] }],
    ...(options.forcedProfile ? { forcedProfile: options.forcedProfile } : {}),
    verdict: interrupted ? 'interrupted' : judged.verdict,
    reasons: interrupted
      ? [
          `interrupted by ${interrupted.signal} after ${formatClock(elapsed())}: only what finished is here`,
          ...judged.reasons,
        ]
      : judged.reasons,
    properties: parts.properties,
    ...(coverage ? { coverage } : {}),
    soaks: parts.soaks,
    ...(parts.benchmarks ? { benchmarks: parts.benchmarks } : {}),
  };
  const files = writeNightlyOutputs(nightDir, reportsRoot, summary);
  if (interrupted) throw interrupted;
  return { summary, nightDir, files };
}
