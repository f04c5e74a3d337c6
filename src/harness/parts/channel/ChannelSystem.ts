import fc from 'fast-check';
import { z } from 'zod';
import type { ModelSystem } from '../../engine/ModelSystem.js';
import { partSystem } from '../partSystem.js';
import { type AttachedAtStart, ChannelScenario } from './ChannelScenario.js';
import { CHANNEL_STEPS, type ChannelStep, channelStepsArbitrary, MAX_CHANNEL_STEPS } from './channelSteps.js';
import { CHANNEL_INVARIANTS } from './invariants.js';

// The model's control channel (ControlChannel.ts) against what its API says, misuse
// included. The router properties use it only as the harness does, so its guards and
// bookkeeping go untested there; a hand-written scenario or an edited replay can misuse
// it, and a channel that quietly does less than asked makes a case test less than its
// steps say.

const ATTACHED = ['both', 'none', 'routerOnly', 'controllerOnly'] as const satisfies readonly AttachedAtStart[];

export const channelParamsSchema = z.strictObject({
  attachedAtStart: z.enum(ATTACHED),
  /** Without hooks the channel must not call any. */
  withHooks: z.boolean(),
});

export type ChannelParams = z.infer<typeof channelParamsSchema>;

export const channelSystem: ModelSystem<ChannelParams, ChannelStep, ChannelScenario> = partSystem({
  name: 'channel',
  paramsSchema: channelParamsSchema,
  paramsArbitrary: fc.record({
    attachedAtStart: fc.oneof(
      { arbitrary: fc.constant('both' as const), weight: 6 },
      { arbitrary: fc.constantFrom('none' as const, 'routerOnly' as const, 'controllerOnly' as const), weight: 1 },
    ),
    withHooks: fc.boolean(),
  }),
  steps: CHANNEL_STEPS,
  stepsArbitrary: channelStepsArbitrary,
  maxSteps: MAX_CHANNEL_STEPS,
  invariants: CHANNEL_INVARIANTS,
  traceColumns: [
    { key: 'open', label: 'open', legend: 'a connection is open' },
    { key: 'toRouter', label: '→router', legend: 'messages in flight to the router' },
    { key: 'toController', label: '→ctrl', legend: 'messages in flight to the controller' },
    { key: 'tasks', label: 'tasks', legend: 'delivery tasks pending on the runtime' },
  ],
  describeParams: (p) => `peers attached at start: ${p.attachedAtStart}; ${p.withHooks ? 'with hooks' : 'no hooks'}`,
  create: (params) => new ChannelScenario(params.attachedAtStart, params.withHooks),
});
