import { pairedRatio } from '../gates/figures.js';
import type { GateDefinition } from '../gates/Gate.js';
import { sizeLabel } from './sizes.js';
import { GROWTH_THRESHOLD } from './thresholds.js';

/**
 * One growth gate per pair of neighbouring sizes: t(large)/t(small) timed in the same
 * rounds, so the machine's load cancels out. `prefix` names the gates, `work` the timed
 * work of a size, `what` the work in words for a size, `limit` the most growth promised
 * (reported beside the gate, not gating).
 */
export function growthGates(
  prefix: string,
  sizes: readonly number[],
  work: (n: number) => string,
  what: (n: number) => string,
  limit?: number,
): GateDefinition[] {
  const gates: GateDefinition[] = [];
  for (let i = 1; i < sizes.length; i++) {
    const [small, large] = [sizes[i - 1] ?? 0, sizes[i] ?? 0];
    gates.push({
      name: `${prefix}/growth-${sizeLabel(large)}-over-${sizeLabel(small)}`,
      kind: 'growth',
      measures: `${what(large)} over ${what(small)}, timed in the same rounds; linear growth would be ${large / small}`,
      unit: 'x',
      threshold: GROWTH_THRESHOLD,
      ...(limit === undefined ? {} : { reportedLimit: limit }),
      figure: (samples) => pairedRatio(samples, work(large), work(small)),
    });
  }
  return gates;
}
