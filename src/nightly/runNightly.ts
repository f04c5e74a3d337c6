import { join } from 'node:path';
import { currentCommit } from '../harness/model/checkInvariant.js';
import { formatClock } from '../harness/parseDuration.js';
import { fileStamp } from '../harness/reports/fileStamp.js';
import { NIGHTLY_SUMMARY_KIND, type NightlySummary } from '../harness/reports/NightlySummary.js';
import { NIGHTLY_PARTS, type NightlyOptions, planNightly } from './NightlyPlan.js';
import { nightlyFailureReasons } from './nightlyVerdict.js';
import { runBenchmarks } from './runBenchmarks.js';
import { runPropertyTasks } from './runPropertyTasks.js';
import { runSoakTasks } from './runSoakTasks.js';
import { type NightlyFiles, writeNightlyOutputs } from './writeNightlyOutputs.js';

export interface NightlyResult {
  readonly summary: NightlySummary;
  readonly nightDir: string;
  readonly files: NightlyFiles;
}

/** Runs one night (or one shard of it) and writes its folder under `<reportsRoot>/nightly/`. */
export async function runNightly(
  options: NightlyOptions,
  reportsRoot: string,
  log: (line: string) => void,
): Promise<NightlyResult> {
  const startedAt = new Date();
  const started = performance.now();
  // Jobs of one night (shards, soak, bench) start together; their folders must not collide.
  const partsTag = options.parts.size < NIGHTLY_PARTS.length ? `-${[...options.parts].join('+')}` : '';
  const shardTag = options.shard.count > 1 ? `-shard${options.shard.index}of${options.shard.count}` : '';
  const nightDir = join(reportsRoot, 'nightly', `${fileStamp(startedAt)}${partsTag}${shardTag}`);
  const plan = planNightly(options);
  const stamped = (line: string) =>
    log(`[nightly ${formatClock(performance.now() - started)}/${formatClock(options.budgetMs)}] ${line}`);
  stamped(
    `shard ${options.shard.index}/${options.shard.count}, seed ${options.seed}: ${plan.properties.length} property checks, ` +
      `${plan.soaks.length} soaks${plan.bench ? ', benchmarks' : ''}; output in ${nightDir}`,
  );

  // A part that finishes early hands its unused time on to the parts after it.
  const elapsed = () => performance.now() - started;
  const properties = await runPropertyTasks(plan.properties, {
    counterexampleDir: join(nightDir, 'counterexamples'),
    reportsRoot,
    shareMs: plan.shares.properties,
    log: stamped,
  });
  const soaks = await runSoakTasks(plan.soaks, {
    nightDir,
    reportsRoot,
    shareMs: Math.max(0, plan.shares.properties + plan.shares.soak - elapsed()),
    log: stamped,
  });
  const benchmarks = plan.bench
    ? await runBenchmarks({
        nightDir,
        reportsRoot,
        shareMs: Math.max(0, options.budgetMs - elapsed()),
        log: stamped,
        ...(options.forcedProfile ? { profile: options.forcedProfile } : {}),
      })
    : undefined;

  const parts = {
    properties,
    soaks,
    ...(benchmarks ? { benchmarks } : {}),
    ...(options.forcedProfile ? { forcedProfile: options.forcedProfile } : {}),
  };
  const reasons = nightlyFailureReasons(parts);
  const summary: NightlySummary = {
    kind: NIGHTLY_SUMMARY_KIND,
    version: 1,
    startedAt: startedAt.toISOString(),
    durationMs: Math.round(elapsed()),
    budgetMs: options.budgetMs,
    commit: currentCommit(),
    shards: [{ index: options.shard.index, count: options.shard.count, seed: options.seed, parts: [...options.parts] }],
    verdict: reasons.length === 0 ? 'pass' : 'fail',
    reasons,
    ...parts,
  };
  const files = writeNightlyOutputs(nightDir, reportsRoot, summary);
  return { summary, nightDir, files };
}
