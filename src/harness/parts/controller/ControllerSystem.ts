import fc from 'fast-check';
import { z } from 'zod';
import type { ModelSystem } from '../../engine/ModelSystem.js';
import { partSystem } from '../partSystem.js';
import { ControllerScenario } from './ControllerScenario.js';
import {
  CONTROLLER_STEPS,
  type ControllerStep,
  controllerStepsArbitrary,
  MAX_CONTROLLER_STEPS,
} from './controllerSteps.js';
import { CONTROLLER_INVARIANTS } from './invariants.js';

// The model's controller (Controller.ts) against what its API says, misuse included. The
// router properties use it only as the harness does (peerActions.ts checks each request
// first), so its guards and bookkeeping go untested there.

const CONTROLLER_FAULTS = ['default', 'fixed', 'no-last-chunk'] as const;

/** `default`: the option left out, so the controller's own default (100, or `fixed`) applies. */
export const controllerParamsSchema = z.strictObject({
  chunkSize: z.union([z.number().int().min(1).max(1_000), z.literal('default')]),
  faults: z.enum(CONTROLLER_FAULTS),
});

export type ControllerParams = z.infer<typeof controllerParamsSchema>;

export const controllerSystem: ModelSystem<ControllerParams, ControllerStep, ControllerScenario> = partSystem({
  name: 'controller',
  paramsSchema: controllerParamsSchema,
  paramsArbitrary: fc.record({
    chunkSize: fc.oneof({ arbitrary: fc.integer({ min: 1, max: 3 }), weight: 4 }, fc.constant('default' as const)),
    faults: fc.constantFrom(...CONTROLLER_FAULTS),
  }),
  steps: CONTROLLER_STEPS,
  stepsArbitrary: controllerStepsArbitrary,
  maxSteps: MAX_CONTROLLER_STEPS,
  invariants: CONTROLLER_INVARIANTS,
  traceColumns: [
    { key: 'live', label: 'live', legend: 'sessions the controller holds live' },
    { key: 'streaming', label: 'streaming', legend: 'a full sync is streaming' },
    { key: 'syncs', label: 'syncs', legend: 'full syncs begun' },
    { key: 'tasks', label: 'tasks', legend: 'chunk tasks pending on the runtime' },
  ],
  describeParams: (p) => `chunk size ${p.chunkSize}; faults ${p.faults}`,
  create: (params) => new ControllerScenario(params),
});
