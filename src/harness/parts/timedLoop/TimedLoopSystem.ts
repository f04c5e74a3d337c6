import fc from 'fast-check';
import { z } from 'zod';
import type { ModelSystem } from '../../engine/ModelSystem.js';
import { partSystem } from '../partSystem.js';
import { TIMED_LOOP_INVARIANTS } from './invariants.js';
import type { StopFaults } from './TimedLoopModel.js';
import { TimedLoopScenario } from './TimedLoopScenario.js';
import {
  MAX_TIMED_LOOP_STEPS,
  TIMED_LOOP_STEPS,
  type TimedLoopStep,
  timedLoopStepsArbitrary,
} from './timedLoopSteps.js';

// The receive loop with its trackers' clocks running: syncs apply on a tick or their
// deadline, fail at it, and meet failures still queued. Under the stop faults a tracker
// stopped by a close or a newer sync still acts, and one whose connection closed acts on
// the shared cache and flag: paths the router's own properties reach only by chance.

export const timedLoopParamsSchema = z.strictObject({
  tickIntervalMs: z.number().int().min(1).max(86_400_000),
  deadlineMs: z.number().int().min(1).max(86_400_000),
  stoppedTrackerMayApply: z.boolean(),
  stoppedTrackerMayFail: z.boolean(),
  removalBoundFromSyncOnly: z.boolean(),
  syncMarkedInReceiveLoop: z.boolean(),
  deadlineBeatsCompleteSync: z.boolean(),
  trackerNotReleased: z.boolean(),
});

export type TimedLoopParams = z.infer<typeof timedLoopParamsSchema>;

const FAULT_NAMES = [
  'stoppedTrackerMayApply',
  'stoppedTrackerMayFail',
  'removalBoundFromSyncOnly',
  'syncMarkedInReceiveLoop',
  'deadlineBeatsCompleteSync',
  'trackerNotReleased',
] as const satisfies readonly (keyof StopFaults)[];

// Each fault on in half the cases.
const timedLoopParamsArbitrary: fc.Arbitrary<TimedLoopParams> = fc.record({
  tickIntervalMs: fc.integer({ min: 1, max: 3 }),
  deadlineMs: fc.integer({ min: 1, max: 8 }),
  stoppedTrackerMayApply: fc.boolean(),
  stoppedTrackerMayFail: fc.boolean(),
  removalBoundFromSyncOnly: fc.boolean(),
  syncMarkedInReceiveLoop: fc.boolean(),
  deadlineBeatsCompleteSync: fc.boolean(),
  trackerNotReleased: fc.boolean(),
});

export const timedLoopSystem: ModelSystem<TimedLoopParams, TimedLoopStep, TimedLoopScenario> = partSystem({
  name: 'timed-loop',
  paramsSchema: timedLoopParamsSchema,
  paramsArbitrary: timedLoopParamsArbitrary,
  steps: TIMED_LOOP_STEPS,
  stepsArbitrary: timedLoopStepsArbitrary,
  maxSteps: MAX_TIMED_LOOP_STEPS,
  invariants: TIMED_LOOP_INVARIANTS,
  traceColumns: [
    { key: 'time', label: 't', legend: 'virtual time, ms' },
    { key: 'tracker', label: 'tracker', legend: "the sync the loop's tracker collects, and its state" },
    { key: 'cached', label: 'cached', legend: 'the sessions the cache holds, token:id' },
    { key: 'flag', label: 'sync', legend: 'the sync the flag says is in progress ("" for none)' },
  ],
  describeParams: (p) => {
    const faults = FAULT_NAMES.filter((flag) => p[flag]);
    return (
      `a tick every ${p.tickIntervalMs} ms, a deadline at ${p.deadlineMs} ms; ` +
      `faults: ${faults.length === 0 ? 'none' : faults.join(', ')}`
    );
  },
  create: (params) => new TimedLoopScenario(params),
});
