import { prepareFullSync, runFullSync } from '../fullSync.js';
import { pairedRatio } from '../gates/figures.js';
import type { GateDefinition, MeasurementGroup } from '../gates/Gate.js';
import { mapChurn } from '../reference/mapChurn.js';
import { once, type TimedWork } from '../timing/TimedWork.js';
import { absoluteResult } from './absoluteResult.js';
import type { GroupOptions } from './GroupOptions.js';
import { growthGates } from './growthGates.js';
import { roundsGroup } from './roundsGroup.js';
import { sizeLabel } from './sizes.js';
import { REFERENCE_THRESHOLD } from './thresholds.js';

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
  gates.push(...growthGates('sut/full-sync', sizes, work, (n) => `a full sync of ${sizeLabel(n)} sessions`));
  return roundsGroup('full-sync', gates, works, options, (samples) =>
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
  );
}
