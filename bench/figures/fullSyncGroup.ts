import { prepareFullSync, runFullSync } from '../fullSync.js';
import { pairedRatio } from '../gates/figures.js';
import type { GateDefinition, MeasurementGroup } from '../gates/Gate.js';
import { mapChurn } from '../reference/mapChurn.js';
import { measureRounds } from '../timing/measureRounds.js';
import { once, type TimedWork } from '../timing/TimedWork.js';
import { absoluteResult } from './absoluteResult.js';
import type { GroupOptions } from './GroupOptions.js';
import { sizeLabel } from './sizes.js';
import { GROWTH_THRESHOLD, REFERENCE_THRESHOLD } from './thresholds.js';

/** Passes over N keys that take about as long as a full sync of N sessions. */
const REFERENCE_PASSES = 6;

const work = (n: number) => `sut/full-sync/${sizeLabel(n)}`;
const reference = (n: number) => `reference/map-churn/${sizeLabel(n)}x${REFERENCE_PASSES}`;

function fullSyncWork(n: number, options: GroupOptions): TimedWork {
  let system = prepareFullSync(n, options.profile);
  return {
    name: work(n),
    prepare: () => {
      system = prepareFullSync(n, options.profile);
    },
    run: () => runFullSync(system),
  };
}

/**
 * A router connecting to a controller with N sessions, in chunks of 100, on the virtual
 * runtime: every chunk delivered, handled and assembled, the sync applied.
 */
export function fullSyncGroup(sizes: readonly number[], options: GroupOptions): MeasurementGroup {
  const works = once(() =>
    sizes.flatMap((n) => [fullSyncWork(n, options), mapChurn(reference(n), n, REFERENCE_PASSES)]),
  );
  const gates: GateDefinition[] = sizes.map((n) => ({
    name: `${work(n)}/over-reference`,
    kind: 'vs-reference',
    measures: `a full sync of ${sizeLabel(n)} sessions in chunks of 100 over ${REFERENCE_PASSES} passes of the reference of ${sizeLabel(n)} string keys; median of the per-round ratios of CPU time`,
    unit: 'x reference',
    threshold: REFERENCE_THRESHOLD,
    figure: (samples) => pairedRatio(samples, work(n), reference(n)),
  }));
  for (let i = 1; i < sizes.length; i++) {
    const [small, large] = [sizes[i - 1] ?? 0, sizes[i] ?? 0];
    gates.push({
      name: `sut/full-sync/growth-${sizeLabel(large)}-over-${sizeLabel(small)}`,
      kind: 'growth',
      measures: `a full sync of ${sizeLabel(large)} sessions over one of ${sizeLabel(small)}, timed in the same rounds; linear growth would be ${large / small}`,
      unit: 'x',
      threshold: GROWTH_THRESHOLD,
      figure: (samples) => pairedRatio(samples, work(large), work(small)),
    });
  }
  return {
    name: 'full-sync',
    gates,
    rounds: options.rounds,
    confirmRounds: options.confirmRounds,
    measure: (rounds, signal) => measureRounds(works(), { rounds, warmupRounds: 10, signal }),
    absolute: (samples) =>
      sizes.map((n) =>
        absoluteResult(
          work(n),
          'sut',
          'µs/item',
          samples[work(n)] ?? [],
          (ms) => (ms * 1_000) / n,
          false,
          'CPU time per session, chunks of 100, virtual runtime',
        ),
      ),
  };
}
