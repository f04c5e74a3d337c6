import fc from 'fast-check';
import { z } from 'zod';
import { fullSyncChunk, liveAdd, sessionsRemoved, sessionsUpdated } from '../../../session/messages.js';
import { type StepOf, StepTable, stepKind } from '../../engine/StepTable.js';
import type { HandlingScenario } from './HandlingScenario.js';

const TOKENS = ['t0', 't1', 't2'] as const;
const IDS = ['as-1', 'as-2', 'as-3', 'as-4'] as const;
const tokenField = z.enum(TOKENS);
const idField = z.enum(IDS);
const token = fc.constantFrom(...TOKENS);
const id = fc.constantFrom(...IDS);
const ADD_KINDS = ['live-add', 'full-chunk'] as const;

function sessionOf(tokenName: string, sessionId: string) {
  return { id: sessionId, token: tokenName, identityId: 'identity-1', certFingerprints: [] };
}

/** A live add, or a new sync's only chunk, of one session. */
const add = stepKind({
  op: 'add',
  fields: { token: tokenField, id: idField, kind: z.enum(ADD_KINDS) },
  generate: fc.record({ token, id, kind: fc.constantFrom(...ADD_KINDS) }),
  weight: 4,
  describe: (step) => `${step.kind} of ${step.token}:${step.id}`,
  apply: (step, scenario: HandlingScenario) => {
    const session = sessionOf(step.token, step.id);
    if (step.kind === 'live-add') {
      scenario.deliver(liveAdd({ id: 'live', sequence: 0, isLast: false }, [session]), {
        kind: 'live-add',
        token: step.token,
        id: step.id,
      });
      return 'delivered';
    }
    const syncId = scenario.nextSyncId();
    scenario.deliver(fullSyncChunk({ id: syncId, sequence: 0, isLast: true }, [session]), {
      kind: 'full-chunk',
      token: step.token,
      id: step.id,
      syncId,
    });
    return `delivered as ${syncId}`;
  },
});

const update = stepKind({
  op: 'update',
  fields: { token: tokenField, id: idField },
  generate: fc.record({ token, id }),
  weight: 2,
  describe: (step) => `update of ${step.token}:${step.id}`,
  apply: (step, scenario: HandlingScenario) => {
    scenario.deliver(sessionsUpdated([sessionOf(step.token, step.id)]), {
      kind: 'update',
      token: step.token,
      id: step.id,
    });
    return 'delivered';
  },
});

const remove = stepKind({
  op: 'remove',
  fields: { token: tokenField },
  generate: fc.record({ token }),
  weight: 2,
  describe: (step) => `removal of ${step.token}`,
  apply: (step, scenario: HandlingScenario) => {
    scenario.deliver(sessionsRemoved([{ id: 'as-0', token: step.token }]), { kind: 'remove', token: step.token });
    return 'delivered';
  },
});

/** Runs the waiting handling task at `pick` (modulo how many wait). */
const run = stepKind({
  op: 'run',
  fields: { pick: z.number().int().min(0).max(1_000) },
  generate: fc.record({ pick: fc.nat({ max: 3 }) }),
  weight: 4,
  describe: (step) => `handle waiting message #${step.pick} (modulo how many)`,
  apply: (step, scenario: HandlingScenario) => {
    const tasks = scenario.handlingTasks();
    if (tasks.length !== scenario.model.pending.length) {
      scenario.answerDiffers(`${tasks.length} message(s) wait, the model says ${scenario.model.pending.length}`);
      return 'waiting differs';
    }
    const index = tasks[step.pick % Math.max(1, tasks.length)];
    if (index === undefined) return 'none waiting';
    scenario.runtime.runAt(index);
    scenario.model.run(step.pick % tasks.length);
    return `handled, ${tasks.length - 1} waiting`;
  },
});

const close = stepKind({
  op: 'close',
  fields: {},
  generate: fc.record({}),
  weight: 1,
  describe: () => 'the connection closes',
  apply: (_step, scenario: HandlingScenario) => {
    scenario.router.disconnected();
    scenario.model.close();
    return 'closed';
  },
});

const open = stepKind({
  op: 'open',
  fields: {},
  generate: fc.record({}),
  weight: 1,
  describe: () => 'a connection opens',
  apply: (_step, scenario: HandlingScenario) => {
    scenario.router.connected({ send: () => undefined });
    scenario.model.open();
    return 'open';
  },
});

const HANDLING_STEP_KINDS = [add, update, remove, run, close, open] as const;

export type HandlingStep = StepOf<(typeof HANDLING_STEP_KINDS)[number]>;

export const HANDLING_STEPS = new StepTable<HandlingStep, HandlingScenario>(HANDLING_STEP_KINDS);

export const MAX_HANDLING_STEPS = 500;

export const handlingStepsArbitrary: fc.Arbitrary<HandlingStep[]> = fc.array(HANDLING_STEPS.arbitrary(), {
  maxLength: 30,
  size: 'max',
});
