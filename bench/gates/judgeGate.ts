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

export function firstLook(first: Figure, baseline: number | undefined, threshold: number): FirstLook {
  if (baseline === undefined) return 'no-baseline';
  return ratioToBaseline(first.value, baseline) > threshold ? 'past-threshold' : 'within';
}

export class UnconfirmedGateError extends Error {
  constructor(gate: string) {
    super(`gate ${gate} is past its threshold but was not measured again; a regression must be confirmed`);
    this.name = 'UnconfirmedGateError';
  }
}

/**
 * The verdict on one gate. A figure past its threshold fails only when `remeasured`, the
 * best of its re-measurements taken after it in fresh rounds, is past the threshold too:
 * one unlucky stretch of a busy machine cannot fail a run on its own.
 */
export function judgeGate(
  gate: Pick<GateDefinition, 'name' | 'kind' | 'measures' | 'unit' | 'threshold'>,
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
  };
  const look = firstLook(first, baseline, gate.threshold);
  if (baseline === undefined || look === 'no-baseline') return { ...described, verdict: 'no-baseline' };
  const ratio = ratioToBaseline(first.value, baseline);
  if (look === 'within') return { ...described, baseline, ratio, verdict: 'pass' };
  if (remeasured === undefined) throw new UnconfirmedGateError(gate.name);
  const again = ratioToBaseline(remeasured.value, baseline);
  return {
    ...described,
    baseline,
    ratio,
    remeasured: { value: remeasured.value, samples: remeasured.samples, ratio: again },
    verdict: again > gate.threshold ? 'regressed' : 'not-confirmed',
  };
}
