import type { GateOutcome } from '../../src/reports/BenchReport.js';
import { describeSamples } from '../timing/statistics.js';
import type { Figure } from './figures.js';
import type { GateDefinition } from './Gate.js';

/** How a gate looks after its first measurement. */
export type FirstLook = 'within' | 'past-threshold' | 'no-baseline';

/** Slowdown against the baseline: above 1 is worse, since every gate is "higher is worse". */
export function ratioToBaseline(value: number, baseline: number): number {
  return value / baseline;
}

/** Past the threshold times the baseline, or past the gate's own limit where it has one. */
function isPast(value: number, baseline: number | undefined, threshold: number, limit: number | undefined): boolean {
  if (limit !== undefined && value > limit) return true;
  return baseline !== undefined && ratioToBaseline(value, baseline) > threshold;
}

export function firstLook(first: Figure, baseline: number | undefined, threshold: number, limit?: number): FirstLook {
  if (baseline === undefined && limit === undefined) return 'no-baseline';
  return isPast(first.value, baseline, threshold, limit) ? 'past-threshold' : 'within';
}

export class UnconfirmedGateError extends Error {
  constructor(gate: string) {
    super(`gate ${gate} is past its threshold but was not measured again; a regression must be confirmed`);
    this.name = 'UnconfirmedGateError';
  }
}

/**
 * The verdict on one gate. A figure past its threshold (or its limit) fails only when
 * `remeasured`, the best of its re-measurements taken after it in fresh rounds, is past
 * too: one unlucky stretch of a busy machine cannot fail a run on its own. A gate with a
 * limit is judged against the limit even without a baseline.
 */
export function judgeGate(
  gate: Pick<GateDefinition, 'name' | 'kind' | 'measures' | 'unit' | 'threshold' | 'limit' | 'reportedLimit'>,
  first: Figure,
  baseline: number | undefined,
  remeasured?: Figure,
): GateOutcome {
  const described = {
    name: gate.name,
    kind: gate.kind,
    measures: gate.measures,
    unit: gate.unit,
    value: first.value,
    samples: first.samples,
    ...(first.values && first.values.length > 0 ? { stats: describeSamples(gate.name, first.values) } : {}),
    threshold: gate.threshold,
    ...(gate.limit === undefined ? {} : { limit: gate.limit }),
    ...(gate.reportedLimit === undefined ? {} : { reportedLimit: gate.reportedLimit }),
    ...(baseline === undefined ? {} : { baseline, ratio: ratioToBaseline(first.value, baseline) }),
  };
  const look = firstLook(first, baseline, gate.threshold, gate.limit);
  if (look === 'no-baseline') return { ...described, verdict: 'no-baseline' };
  if (look === 'within') return { ...described, verdict: 'pass' };
  if (remeasured === undefined) throw new UnconfirmedGateError(gate.name);
  const again = baseline === undefined ? undefined : ratioToBaseline(remeasured.value, baseline);
  return {
    ...described,
    remeasured: {
      value: remeasured.value,
      samples: remeasured.samples,
      ...(again === undefined ? {} : { ratio: again }),
    },
    verdict: isPast(remeasured.value, baseline, gate.threshold, gate.limit) ? 'regressed' : 'not-confirmed',
  };
}
