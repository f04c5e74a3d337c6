import fc from 'fast-check';
import { z } from 'zod';
import type { FaultFlags } from '../../../faults.js';
import type { ModelSystem } from '../../engine/ModelSystem.js';
import { partSystem } from '../partSystem.js';
import { TRACKER_INVARIANTS } from './invariants.js';
import { TrackerScenario } from './TrackerScenario.js';
import { MAX_TRACKER_STEPS, TRACKER_STEPS, type TrackerStep, trackerStepsArbitrary } from './trackerSteps.js';

// The sync tracker on its own, against a model of its contract. In the router the gate
// refuses duplicates and chunks past the last before the tracker sees them, so the
// tracker's own guards, its missing-chunk list and its answers to introspection were
// never judged; here any order of chunks reaches it, under `fixed` and under each of the
// three fault flags that change how a stopped tracker's loop behaves.

export const trackerParamsSchema = z.strictObject({
  tickIntervalMs: z.number().int().min(1).max(86_400_000),
  deadlineMs: z.number().int().min(1).max(86_400_000),
  stoppedTrackerMayApply: z.boolean(),
  stoppedTrackerMayFail: z.boolean(),
  deadlineBeatsCompleteSync: z.boolean(),
});

export type TrackerParams = z.infer<typeof trackerParamsSchema>;

type StopFaults = Pick<FaultFlags, 'stoppedTrackerMayApply' | 'stoppedTrackerMayFail' | 'deadlineBeatsCompleteSync'>;

const NO_STOP_FAULT: StopFaults = {
  stoppedTrackerMayApply: false,
  stoppedTrackerMayFail: false,
  deadlineBeatsCompleteSync: false,
};

// The stop faults act together in the reference: both at once are a third of the cases.
const stopFaults: fc.Arbitrary<StopFaults> = fc
  .constantFrom<Partial<StopFaults>>(
    {},
    { stoppedTrackerMayApply: true },
    { stoppedTrackerMayFail: true },
    { deadlineBeatsCompleteSync: true },
    { stoppedTrackerMayApply: true, stoppedTrackerMayFail: true },
    { stoppedTrackerMayApply: true, stoppedTrackerMayFail: true, deadlineBeatsCompleteSync: true },
  )
  .map((flags) => ({ ...NO_STOP_FAULT, ...flags }));

const trackerParamsArbitrary: fc.Arbitrary<TrackerParams> = fc
  .record({
    tickIntervalMs: fc.integer({ min: 1, max: 8 }),
    deadlineMs: fc.integer({ min: 1, max: 12 }),
    // A tick that finds every chunk in beats a later deadline to it: in half the cases the deadline comes first.
    deadlineFirst: fc.boolean(),
    faults: stopFaults,
  })
  .map(({ deadlineFirst, faults, ...rest }) => ({
    ...rest,
    ...faults,
    deadlineMs: deadlineFirst ? Math.min(rest.deadlineMs, rest.tickIntervalMs) : rest.deadlineMs,
  }));

export const trackerSystem: ModelSystem<TrackerParams, TrackerStep, TrackerScenario> = partSystem({
  name: 'tracker',
  paramsSchema: trackerParamsSchema,
  paramsArbitrary: trackerParamsArbitrary,
  steps: TRACKER_STEPS,
  stepsArbitrary: trackerStepsArbitrary,
  maxSteps: MAX_TRACKER_STEPS,
  invariants: TRACKER_INVARIANTS,
  traceColumns: [
    { key: 'time', label: 't', legend: 'virtual time, ms' },
    { key: 'state', label: 'state', legend: "the tracker's state" },
    { key: 'chunks', label: 'chunks', legend: 'chunks it holds' },
    { key: 'missing', label: 'missing', legend: 'the first sequences it still misses' },
  ],
  describeParams: (p) => {
    const faults = (Object.keys(NO_STOP_FAULT) as (keyof StopFaults)[]).filter((flag) => p[flag]);
    return (
      `a tick every ${p.tickIntervalMs} ms, a deadline at ${p.deadlineMs} ms; ` +
      `stop faults: ${faults.length === 0 ? 'none' : faults.join(', ')}`
    );
  },
  create: (params) => new TrackerScenario(params),
});
