import { FAULT_PROFILES } from '../../src/faults.js';
import { StateManager } from '../../src/session/StateManager.js';
import { pairedRatio } from '../gates/figures.js';
import type { GateDefinition, MeasurementGroup } from '../gates/Gate.js';
import { mapLookups } from '../reference/mapLookups.js';
import { once, type TimedWork } from '../timing/TimedWork.js';
import { absoluteResult } from './absoluteResult.js';
import type { GroupOptions } from './GroupOptions.js';
import { growthGates } from './growthGates.js';
import { roundsGroup } from './roundsGroup.js';
import { apiSessions, sessionId, sizeLabel } from './sizes.js';
import { REFERENCE_THRESHOLD, REMOVE_MISSING_GROWTH_LIMIT } from './thresholds.js';

const work = (n: number) => `sut/remove-missing/${sizeLabel(n)}`;
const reference = (n: number) => `reference/map-lookups/${sizeLabel(n)}`;

/**
 * Cached sessions one timed run works through. A call at 1k takes about 10 µs of CPU,
 * too little for one run's time to stand above a busy machine's noise (its ratio moved
 * 0.7x to 1.3x from run to run): a run makes as many calls, each on a cache of its own,
 * as reach this many sessions, and its sample is the time of one call.
 */
const CACHED_PER_RUN = 200_000;

/** Keys the reference goes through in one timed run, for the same reason; its sample is one pass. */
const REFERENCE_KEYS_PER_RUN = 50_000;

/** Calls of removeMissingApiSessions in one timed run at N. */
export function callsPerRun(n: number): number {
  return Math.max(1, Math.ceil(CACHED_PER_RUN / (1.5 * n)));
}

/** Passes of the reference in one timed run at N. */
function referencePasses(n: number): number {
  return Math.max(1, Math.ceil(REFERENCE_KEYS_PER_RUN / n));
}

function removeMissingWork(n: number, options: GroupOptions): TimedWork {
  // Made once: fresh sessions per run left each run to collect the last one's 1.5 N.
  const cached = apiSessions(1.5 * n);
  // What a sync lists are the very sessions it cached, in the order it cached them; the
  // third it does not list (ended while the router was away) are spread among them.
  const known = cached.filter((_, i) => i % 3 !== 0);
  const bound = sessionId(1.5 * n);
  const calls = callsPerRun(n);
  let states: StateManager[] = [];
  return {
    name: work(n),
    repeats: calls,
    prepare: () => {
      states = Array.from({ length: calls }, () => {
        const state = new StateManager(FAULT_PROFILES[options.profile]);
        for (const session of cached) state.addApiSession(session);
        return state;
      });
    },
    run: () => {
      for (const state of states) state.removeMissingApiSessions(known, bound);
    },
  };
}

/** The reference at N, each sample one pass. */
function referenceWork(n: number): TimedWork {
  return { ...mapLookups(reference(n), n, referencePasses(n)), repeats: referencePasses(n) };
}

/**
 * `removeMissingApiSessions` with 1.5 N sessions cached and N of them listed by the sync,
 * so every third must go: the step that ends every full sync. Its reference reconciles N string
 * keys in a Map the same way.
 */
export function removeMissingGroup(sizes: readonly number[], options: GroupOptions): MeasurementGroup {
  const works = once(() => sizes.flatMap((n) => [removeMissingWork(n, options), referenceWork(n)]));
  const gates: GateDefinition[] = sizes.map((n) => ({
    name: `${work(n)}/over-reference`,
    kind: 'vs-reference',
    measures: `removeMissingApiSessions, ${sizeLabel(1.5 * n)} cached and ${sizeLabel(n)} of them listed, over one pass of the reference of ${sizeLabel(n)} string keys (${callsPerRun(n)} calls and ${referencePasses(n)} passes a timed run); median of the per-round ratios of CPU time`,
    unit: 'x reference',
    threshold: REFERENCE_THRESHOLD,
    figure: (samples) => pairedRatio(samples, work(n), reference(n)),
  }));
  gates.push(
    ...growthGates(
      'sut/remove-missing',
      sizes,
      work,
      (n) => `removeMissingApiSessions at ${sizeLabel(n)}`,
      REMOVE_MISSING_GROWTH_LIMIT,
    ),
  );
  return roundsGroup('remove-missing', gates, works, options, (samples) =>
    sizes.map((n) =>
      absoluteResult(work(n), 'sut', 'ms', samples[work(n)] ?? [], (ms) => ms, false, 'CPU time per call'),
    ),
  );
}
