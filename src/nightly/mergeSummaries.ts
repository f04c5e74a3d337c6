import { NIGHTLY_SUMMARY_KIND, type NightlySummary } from '../harness/reports/NightlySummary.js';
import { nightlyFailureReasons } from './nightlyVerdict.js';

export class MergeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MergeError';
  }
}

/**
 * One summary from the shards of a night (each shard a CI job): checks and soaks side by
 * side, the verdict recomputed from all of them, the duration that of the slowest shard.
 */
export function mergeSummaries(summaries: readonly NightlySummary[]): NightlySummary {
  const first = summaries[0];
  if (first === undefined) throw new MergeError('nothing to merge: no summary.json found in the given paths');
  const forced = new Set(summaries.map((s) => s.forcedProfile));
  if (forced.size > 1)
    throw new MergeError('the summaries ran different self-test profiles; merge one night at a time');
  const benchmarks = summaries.find((s) => s.benchmarks !== undefined)?.benchmarks;
  const parts = {
    properties: summaries.flatMap((s) => s.properties),
    soaks: summaries.flatMap((s) => s.soaks),
    ...(benchmarks ? { benchmarks } : {}),
    ...(first.forcedProfile ? { forcedProfile: first.forcedProfile } : {}),
  };
  const reasons = nightlyFailureReasons(parts);
  const startedAt = summaries.map((s) => s.startedAt).sort()[0] ?? first.startedAt;
  return {
    kind: NIGHTLY_SUMMARY_KIND,
    version: 1,
    startedAt,
    durationMs: Math.max(...summaries.map((s) => s.durationMs)),
    budgetMs: Math.max(...summaries.map((s) => s.budgetMs)),
    commit: [...new Set(summaries.map((s) => s.commit))].join(','),
    shards: summaries.flatMap((s) => s.shards).sort((a, b) => a.index - b.index),
    verdict: reasons.length === 0 ? 'pass' : 'fail',
    reasons,
    ...parts,
  };
}
