import fc from 'fast-check';
import { z } from 'zod';
import type { WireMessage } from '../../../session/messages.js';
import { stepKind } from '../../engine/StepTable.js';
import { adversarialMessage, INJECT_KINDS } from '../adversarialMessage.js';
import {
  applyHostileStep,
  applyMutateStep,
  describeHostileStep,
  describeMutateStep,
  hostileStepData,
  hostileStepFields,
  mutateStepData,
  mutateStepFields,
} from '../hostile/hostileSteps.js';
import type { RouterScenario } from '../RouterScenario.js';
import { PICK_LIMIT, pick } from './pick.js';

/**
 * Replays weigh more than the other kinds: a replay of the current sync must land while it
 * still streams, which uniform kinds reached in as few as 3 of 1,000 cases.
 */
const injectKind = fc.oneof(
  ...INJECT_KINDS.map((kind) => ({
    arbitrary: fc.constant(kind),
    weight: kind === 'duplicate-chunk' || kind === 'late-chunk' ? 3 : 1,
  })),
);

/** Put adversarial input on the wire to the router. */
export const injectStep = stepKind({
  op: 'inject',
  fields: { kind: z.enum(INJECT_KINDS), pick: z.number().int().min(0).max(PICK_LIMIT) },
  generate: fc.record({ kind: injectKind, pick }),
  weight: 2,
  describe: (step) => `inject ${step.kind} (#${step.pick})`,
  apply(step, scenario: RouterScenario) {
    const { channel, controller } = scenario.system;
    if (!channel.isOpen()) return 'channel closed: nothing injected';
    const message = adversarialMessage(step.kind, step.pick, scenario.deliveries, controller);
    if (message === undefined) return 'nothing to replay yet';
    // A fresh object, so its delivery can be told apart from the original's.
    const copy: WireMessage = { ...message };
    scenario.deliveries.markInjected(copy, step.kind);
    channel.injectToRouter(copy);
    return `injected ${step.kind}`;
  },
});

/** Anything at all on the wire to the router: an `fc.anything()`-like value as the whole message. */
export const hostileStep = stepKind({
  op: 'hostile',
  fields: hostileStepFields,
  generate: hostileStepData,
  weight: 2,
  describe: describeHostileStep,
  apply: (step, scenario: RouterScenario) => applyHostileStep(scenario.adversarialWire(), step),
});

/** A damaged copy of a message in flight to the router, sent just ahead of it. */
export const mutateStep = stepKind({
  op: 'mutate',
  fields: mutateStepFields,
  generate: mutateStepData,
  weight: 2,
  describe: describeMutateStep,
  apply: (step, scenario: RouterScenario) => applyMutateStep(scenario.adversarialWire(), step),
});
