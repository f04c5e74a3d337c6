import { InputError } from '../errors.js';
import { NIGHTLY_SUMMARY_KIND, type NightlySummary } from '../reports/NightlySummary.js';
import { judgeNight } from './nightlyVerdict.js';

/**
 * One summary from the shards of a night (each shard a CI job): checks and soaks side by
 * side, the verdict recomputed from all of them, the duration that of the slowest shard.
 * Coverage rows are summed over the shards that judged coverage.
 */
export function mergeSummaries(summaries: readonly NightlySummary[]): NightlySummary {
  const first = summaries[0];
  if (first === undefined) throw new InputError('nothing to merge: no summary.json found in the given paths');
  const forced = new Set(summaries.map((s) => s.forcedProfile));
  if (forced.size > 1)
    throw new InputError('the summaries ran different self-test profiles; merge one night at a time');
  const benchmarks = summaries.find((s) => s.benchmarks !== undefined)?.benchmarks;
  const coverage = mergeCoverage(summaries);
  const leftOut = summaries.flatMap((s) => s.leftOut ?? []);
  const pastBudget = summaries.flatMap((s) => s.pastBudget ?? []);
  const parts = {
    properties: summaries.flatMap((s) => s.properties),
    soaks: summaries.flatMap((s) => s.soaks),
    ...(benchmarks ? { benchmarks } : {}),
    ...(coverage ? { coverage } : {}),
    ...(first.forcedProfile ? { forcedProfile: first.forcedProfile } : {}),
    ...(leftOut.length > 0 ? { leftOut } : {}),
  };
  const judged = judgeNight(parts);
  const interrupted = summaries.filter((s) => s.verdict === 'interrupted');
  const startedAt = summaries.map((s) => s.startedAt).sort()[0] ?? first.startedAt;
  return {
    kind: NIGHTLY_SUMMARY_KIND,
    version: 2,
    startedAt,
    durationMs: Math.max(...summaries.map((s) => s.durationMs)),
    budgetMs: Math.max(...summaries.map((s) => s.budgetMs)),
    commit: [...new Set(summaries.map((s) => s.commit))].join(','),
    shards: summaries.flatMap((s) => s.shards).sort((a, b) => a.index - b.index),
    verdict: interrupted.length > 0 ? 'interrupted' : judged.verdict,
    reasons: [...interrupted.flatMap((s) => s.reasons.slice(0, 1)), ...judged.reasons],
    ...(pastBudget.length > 0 ? { pastBudget } : {}),
    ...parts,
  };
}

function mergeCoverage(summaries: readonly NightlySummary[]): NightlySummary['coverage'] {
  const judged = summaries.flatMap((s) => (s.coverage ? [s.coverage] : []));
  if (judged.length === 0) return undefined;
  const cases = judged.reduce((sum, c) => sum + c.cases, 0);
  const byEvent = new Map<string, { hits: number; target: number }>();
  for (const coverage of judged) {
    for (const row of coverage.rows) {
      const seen = byEvent.get(row.event);
      byEvent.set(row.event, { hits: (seen?.hits ?? 0) + row.hits, target: row.target });
    }
  }
  const rows = [...byEvent.entries()].map(([event, { hits, target }]) => {
    const perThousand = cases === 0 ? 0 : (hits * 1_000) / cases;
    return { event, hits, perThousand, target, met: perThousand >= target };
  });
  return { cases, rows };
}
