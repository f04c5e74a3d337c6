import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { z } from 'zod';
import { formatSessionId } from '../../../session/Controller.js';
import {
  type ApiSession,
  ContentType,
  liveAdd,
  resyncRequest,
  sessionsRemoved,
  sessionsUpdated,
  type WireMessage,
} from '../../../session/messages.js';
import { type StepOf, StepTable, stepKind } from '../../engine/StepTable.js';
import { shown } from '../differences.js';
import { runAllTasks, runOneTask } from '../taskModel.js';
import type { ControllerScenario } from './ControllerScenario.js';

const NO_REASON = 'resync requested: no reason';

/** Bodies a resync request may carry that hold no reason text. Named, so a counterexample file can hold them. */
const ODD_BODIES = {
  null: () => null,
  undefined: () => undefined,
  empty: () => ({}),
  'number-reason': () => ({ reason: 7 }),
  'array-reason': () => ({ reason: ['a'] }),
} as const;
type OddBody = keyof typeof ODD_BODIES;
const ODD_BODY_NAMES = Object.keys(ODD_BODIES) as [OddBody, ...OddBody[]];

/** Anything else is not a request, whatever its body says. */
const NOT_REQUESTS = [
  ContentType.ApiSessionAdded,
  ContentType.ApiSessionUpdated,
  ContentType.ApiSessionRemoved,
  'requestclientresync',
  '',
] as const;

/** A message from the router side, as data. */
type RouterMessage =
  | { readonly kind: 'resync'; readonly reason: string }
  | { readonly kind: 'odd-body'; readonly body: OddBody }
  | { readonly kind: 'not-a-request'; readonly contentType: (typeof NOT_REQUESTS)[number] };

const routerMessageArbitrary: fc.Arbitrary<RouterMessage> = fc.oneof(
  fc.record({ kind: fc.constant('resync' as const), reason: fc.string({ maxLength: 6 }) }),
  fc.record({ kind: fc.constant('odd-body' as const), body: fc.constantFrom(...ODD_BODY_NAMES) }),
  fc.record({ kind: fc.constant('not-a-request' as const), contentType: fc.constantFrom(...NOT_REQUESTS) }),
);
const routerMessageSchema: z.ZodType<RouterMessage> = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('resync'), reason: z.string().max(200) }),
  z.strictObject({ kind: z.literal('odd-body'), body: z.enum(ODD_BODY_NAMES) }),
  z.strictObject({ kind: z.literal('not-a-request'), contentType: z.enum(NOT_REQUESTS) }),
]);

/** The message, and the reason of the full sync it must start (undefined: it must be ignored). */
function messageOf(choice: RouterMessage): { message: WireMessage; syncReason: string | undefined } {
  switch (choice.kind) {
    case 'resync':
      return { message: resyncRequest(choice.reason), syncReason: `resync requested: ${choice.reason}` };
    case 'odd-body':
      return {
        message: { contentType: ContentType.RequestClientReSync, headers: {}, body: ODD_BODIES[choice.body]() },
        syncReason: NO_REASON,
      };
    case 'not-a-request':
      return {
        message: { contentType: choice.contentType, headers: {}, body: { reason: 'r' } },
        syncReason: undefined,
      };
  }
}

/** A token the controller issued (`back` from the newest, ended or not), or one it never did. */
type SessionTarget =
  | { readonly issued: true; readonly back: number }
  | { readonly issued: false; readonly token: string };

const sessionTargetArbitrary: fc.Arbitrary<SessionTarget> = fc.oneof(
  { arbitrary: fc.record({ issued: fc.constant(true as const), back: fc.nat({ max: 5 }) }), weight: 4 },
  {
    arbitrary: fc.record({
      issued: fc.constant(false as const),
      token: fc.constantFrom('', 'token-0', 'token-zz', formatSessionId(1)),
    }),
    weight: 1,
  },
);
const smallField = z.number().int().min(0).max(1_000);
const sessionTargetSchema: z.ZodType<SessionTarget> = z.union([
  z.strictObject({ issued: z.literal(true), back: smallField }),
  z.strictObject({ issued: z.literal(false), token: z.string().max(200) }),
]);

function tokenOf(scenario: ControllerScenario, target: SessionTarget): string {
  const { issued } = scenario.model;
  if (!target.issued || issued.length === 0) return target.issued ? 'token-none' : target.token;
  return issued[issued.length - 1 - (target.back % issued.length)] as string;
}

const describeTarget = (target: SessionTarget): string =>
  target.issued ? `the session issued ${target.back} back (modulo how many)` : `token ${JSON.stringify(target.token)}`;

/** A session's one fingerprint must be new: no two sessions, nor two versions of one, share it. */
function checkNewFingerprint(scenario: ControllerScenario, session: ApiSession): void {
  const [fingerprint, ...more] = session.certFingerprints;
  if (fingerprint === undefined || more.length > 0) {
    scenario.answerDiffers(`session ${session.id} has ${session.certFingerprints.length} fingerprints, not one`);
    return;
  }
  if (scenario.model.fingerprints.has(fingerprint)) {
    scenario.answerDiffers(`session ${session.id}'s fingerprint ${fingerprint} was issued before`);
  }
  scenario.model.fingerprints.add(fingerprint);
}

const connect = stepKind({
  op: 'connect',
  fields: {},
  generate: fc.record({}),
  weight: 2,
  describe: () => 'the router connects',
  apply: (_step, scenario: ControllerScenario) => {
    scenario.connect();
    scenario.model.uplink = scenario.uplinks;
    scenario.model.startSync('router connected');
    return `uplink ${scenario.uplinks}`;
  },
});

const disconnect = stepKind({
  op: 'disconnect',
  fields: {},
  generate: fc.record({}),
  weight: 1,
  describe: () => 'the router disconnects',
  apply: (_step, scenario: ControllerScenario) => {
    scenario.controller.disconnected();
    scenario.model.uplink = undefined;
    scenario.model.streaming = undefined;
    return 'disconnected';
  },
});

const receive = stepKind({
  op: 'receive',
  fields: { message: routerMessageSchema },
  generate: fc.record({ message: routerMessageArbitrary }),
  weight: 2,
  describe: (step) => `receive ${shown(step.message)}`,
  apply: (step, scenario: ControllerScenario) => {
    const { message, syncReason } = messageOf(step.message);
    scenario.controller.receive(message);
    if (syncReason === undefined) return 'not a request';
    scenario.model.resyncRequests++;
    scenario.model.startSync(syncReason);
    return syncReason;
  },
});

const startSync = stepKind({
  op: 'startSync',
  fields: { reason: z.string().max(200) },
  generate: fc.record({ reason: fc.string({ maxLength: 4 }) }),
  weight: 1,
  describe: (step) => `start a full sync for ${JSON.stringify(step.reason)}`,
  apply: (step, scenario: ControllerScenario) => {
    const syncId = scenario.controller.startFullSync(step.reason);
    const expected = scenario.model.startSync(step.reason);
    if (syncId !== expected) scenario.answerDiffers(`startFullSync returned ${syncId}, the model says ${expected}`);
    return syncId;
  },
});

const create = stepKind({
  op: 'create',
  fields: { identityId: z.string().max(200).optional() },
  generate: fc.record({ identityId: fc.option(fc.constantFrom('identity-1', 'identity-2', ''), { nil: undefined }) }),
  weight: 5,
  describe: (step) =>
    `create a session${step.identityId === undefined ? '' : ` of ${JSON.stringify(step.identityId)}`}`,
  apply: (step, scenario: ControllerScenario) => {
    const { controller, model } = scenario;
    const session =
      step.identityId === undefined ? controller.createSession() : controller.createSession(step.identityId);
    const expectedId = formatSessionId(model.issued.length + 1);
    if (session.id !== expectedId) scenario.answerDiffers(`the new session's id is ${session.id}, not ${expectedId}`);
    const expectedIdentity = step.identityId ?? 'identity-1';
    if (session.identityId !== expectedIdentity) {
      scenario.answerDiffers(`the new session's identity is ${session.identityId}, not ${expectedIdentity}`);
    }
    if (model.issued.includes(session.token)) scenario.answerDiffers(`token ${session.token} was issued before`);
    checkNewFingerprint(scenario, session);
    model.issued.push(session.token);
    model.sessions.set(session.token, session);
    model.send(liveAdd({ id: `live-${session.id}`, isLast: true, sequence: 0 }, [session]));
    return session.id;
  },
});

const update = stepKind({
  op: 'update',
  fields: { target: sessionTargetSchema },
  generate: fc.record({ target: sessionTargetArbitrary }),
  weight: 2,
  describe: (step) => `update ${describeTarget(step.target)}`,
  apply: (step, scenario: ControllerScenario) => {
    const { controller, model } = scenario;
    const token = tokenOf(scenario, step.target);
    const before = model.sessions.get(token);
    const updated = controller.updateSession(token);
    if (updated !== (before !== undefined)) scenario.answerDiffers(`updateSession(${token}) says ${updated}`);
    const after = controller.getSession(token);
    if (before === undefined) {
      if (after !== undefined) scenario.answerDiffers(`${token} is live after an update, though the model holds none`);
      return 'no such session';
    }
    if (after === undefined) {
      scenario.answerDiffers(`session ${token} is gone after an update`);
      return 'gone';
    }
    if (after === before) scenario.answerDiffers(`the update of ${token} changed the session object in place`);
    if (!isDeepStrictEqual({ ...after, certFingerprints: [] }, { ...before, certFingerprints: [] })) {
      scenario.answerDiffers(
        `the update of ${token} changed more than its fingerprint: ${shown(after)}, was ${shown(before)}`,
      );
    }
    checkNewFingerprint(scenario, after);
    model.sessions.set(token, after);
    model.send(sessionsUpdated([after]));
    return `updated ${after.id}`;
  },
});

const end = stepKind({
  op: 'end',
  fields: { target: sessionTargetSchema },
  generate: fc.record({ target: sessionTargetArbitrary }),
  weight: 3,
  describe: (step) => `end ${describeTarget(step.target)}`,
  apply: (step, scenario: ControllerScenario) => {
    const { controller, model } = scenario;
    const token = tokenOf(scenario, step.target);
    const session = model.sessions.get(token);
    const ended = controller.endSession(token);
    if (ended !== (session !== undefined)) scenario.answerDiffers(`endSession(${token}) says ${ended}`);
    if (controller.getSession(token) !== undefined) scenario.answerDiffers(`${token} is still live after it ended`);
    if (session === undefined) return 'no such session';
    model.sessions.delete(token);
    model.send(sessionsRemoved([session]));
    return `ended ${session.id}`;
  },
});

const runOne = stepKind({
  op: 'runOne',
  fields: { pick: smallField },
  generate: fc.record({ pick: fc.nat({ max: 7 }) }),
  weight: 6,
  describe: (step) => `run task #${step.pick} (modulo how many)`,
  apply: (step, scenario: ControllerScenario) => {
    const difference = runOneTask(scenario.runtime, scenario.model, step.pick);
    if (difference !== undefined) scenario.answerDiffers(difference);
    return `${scenario.sent.length} sent`;
  },
});

const runAll = stepKind({
  op: 'runAll',
  fields: {},
  generate: fc.record({}),
  weight: 1,
  describe: () => 'run every task',
  apply: (_step, scenario: ControllerScenario) => {
    const difference = runAllTasks(scenario.runtime, scenario.model);
    if (difference !== undefined) scenario.answerDiffers(difference);
    return `${scenario.sent.length} sent`;
  },
});

const CONTROLLER_STEP_KINDS = [connect, disconnect, receive, startSync, create, update, end, runOne, runAll] as const;

export type ControllerStep = StepOf<(typeof CONTROLLER_STEP_KINDS)[number]>;

export const CONTROLLER_STEPS = new StepTable<ControllerStep, ControllerScenario>(CONTROLLER_STEP_KINDS);

export const MAX_CONTROLLER_STEPS = 500;

/** Most cases begin with sessions and a connection, so that a sync streams while the steps act. */
export const controllerStepsArbitrary: fc.Arbitrary<ControllerStep[]> = fc
  .tuple(
    fc.nat({ max: 8 }),
    fc.oneof({ arbitrary: fc.constant(true), weight: 3 }, fc.constant(false)),
    fc.array(CONTROLLER_STEPS.arbitrary(), { maxLength: 40, size: 'max' }),
  )
  .map(([sessions, connectFirst, steps]): ControllerStep[] => [
    ...Array.from({ length: sessions }, (): ControllerStep => ({ op: 'create' })),
    ...(connectFirst ? [{ op: 'connect' } as const] : []),
    ...steps,
  ]);
