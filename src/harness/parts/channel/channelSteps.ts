import fc from 'fast-check';
import { z } from 'zod';
import { ChannelNotAttachedError, type Direction } from '../../../session/ControlChannel.js';
import { type StepOf, StepTable, stepKind } from '../../engine/StepTable.js';
import { shown } from '../differences.js';
import { runAllTasks, runOneTask } from '../taskModel.js';
import type { PeerName } from './ChannelModel.js';
import type { ChannelScenario } from './ChannelScenario.js';

/** Indices no queue holds: negative, fractional, not a number. Named, so a counterexample file can hold them. */
const ODD_INDICES = {
  'minus-one': -1,
  'minus-two': -2,
  half: 0.5,
  'one-and-a-half': 1.5,
  NaN: Number.NaN,
  Infinity: Number.POSITIVE_INFINITY,
  '-Infinity': Number.NEGATIVE_INFINITY,
} as const;
type OddIndex = keyof typeof ODD_INDICES;
const ODD_INDEX_NAMES = Object.keys(ODD_INDICES) as [OddIndex, ...OddIndex[]];

/**
 * Which index a step passes, chosen against the queue in flight to the router when the
 * step runs, so that most name a message and the rest fall just past the end or outside.
 */
type IndexChoice =
  | { readonly kind: 'inRange'; readonly pick: number }
  | { readonly kind: 'pastEnd'; readonly by: number }
  | { readonly kind: 'odd'; readonly value: OddIndex };

const indexChoiceArbitrary: fc.Arbitrary<IndexChoice> = fc.oneof(
  { arbitrary: fc.record({ kind: fc.constant('inRange' as const), pick: fc.nat({ max: 7 }) }), weight: 5 },
  { arbitrary: fc.record({ kind: fc.constant('pastEnd' as const), by: fc.nat({ max: 1 }) }), weight: 1 },
  {
    arbitrary: fc.record({ kind: fc.constant('odd' as const), value: fc.constantFrom(...ODD_INDEX_NAMES) }),
    weight: 2,
  },
);
const smallField = z.number().int().min(0).max(1_000);
const indexChoiceSchema: z.ZodType<IndexChoice> = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('inRange'), pick: smallField }),
  z.strictObject({ kind: z.literal('pastEnd'), by: smallField }),
  z.strictObject({ kind: z.literal('odd'), value: z.enum(ODD_INDEX_NAMES) }),
]);

function indexFor(choice: IndexChoice, inFlight: number): number {
  if (choice.kind === 'inRange') return choice.pick % Math.max(1, inFlight);
  return choice.kind === 'pastEnd' ? inFlight + choice.by : ODD_INDICES[choice.value];
}

function describeIndex(choice: IndexChoice): string {
  if (choice.kind === 'inRange') return `in-flight #${choice.pick} (modulo how many)`;
  return choice.kind === 'pastEnd' ? `${choice.by} past the end` : `index ${ODD_INDICES[choice.value]}`;
}

/** Now and then the message is `undefined`, as a hostile peer may send. */
const undefinedMessage = fc.oneof({ arbitrary: fc.constant(false), weight: 4 }, fc.constant(true));
const messageWord = (isUndefined: boolean): string => (isUndefined ? 'undefined' : 'a probe');

const directionFrom = (sender: PeerName): Direction => (sender === 'router' ? 'toController' : 'toRouter');

const attach = stepKind({
  op: 'attach',
  fields: {},
  generate: fc.record({}),
  weight: 1,
  describe: () => 'attach both peers',
  apply: (_step, scenario: ChannelScenario) => {
    scenario.channel.attach(scenario.peers.router, scenario.peers.controller);
    scenario.model.attached = true;
    return 'attached';
  },
});

const connect = stepKind({
  op: 'connect',
  fields: {},
  generate: fc.record({}),
  weight: 3,
  describe: () => 'connect',
  apply: (_step, scenario: ChannelScenario) => {
    let thrown: unknown;
    try {
      scenario.channel.connect();
    } catch (error) {
      thrown = error;
    }
    if (scenario.model.attached) {
      if (thrown !== undefined) scenario.answerDiffers(`connect threw ${shown(thrown)} with both peers attached`);
      scenario.model.connect();
      return 'connected';
    }
    const refused =
      thrown instanceof ChannelNotAttachedError &&
      thrown.name === 'ChannelNotAttachedError' &&
      /attach/.test(thrown.message);
    if (!refused)
      scenario.answerDiffers(`connect without both peers attached threw ${shown(thrown)}, not ChannelNotAttachedError`);
    return 'refused: not attached';
  },
});

const close = stepKind({
  op: 'close',
  fields: {},
  generate: fc.record({}),
  weight: 1,
  describe: () => 'close',
  apply: (_step, scenario: ChannelScenario) => {
    if (scenario.model.open !== undefined) scenario.closes++;
    scenario.channel.close();
    scenario.model.close();
    return 'closed';
  },
});

/** The peer sends through one of its uplinks: 0 is the newest, older ones belong to closed connections. */
const send = stepKind({
  op: 'send',
  fields: { from: z.enum(['router', 'controller']), uplinkBack: smallField },
  generate: fc.record({
    from: fc.constantFrom<PeerName>('router', 'controller'),
    uplinkBack: fc.oneof({ arbitrary: fc.constant(0), weight: 3 }, { arbitrary: fc.nat({ max: 3 }), weight: 1 }),
  }),
  weight: 8,
  describe: (step) => `the ${step.from} sends on its uplink ${step.uplinkBack} back (modulo how many)`,
  apply: (step, scenario: ChannelScenario) => {
    const uplinks = scenario.peers[step.from].uplinks;
    const back = step.uplinkBack % Math.max(1, uplinks.length);
    const uplink = uplinks[uplinks.length - 1 - back];
    const serial = scenario.model.uplinkSerials[step.from][uplinks.length - 1 - back];
    if (uplink === undefined || serial === undefined) return 'no uplink';
    const message = scenario.nextMessage(false);
    uplink.send(message);
    scenario.model.send(serial, directionFrom(step.from), message);
    return `sent on connection ${serial}`;
  },
});

const inject = stepKind({
  op: 'inject',
  fields: { undefinedMessage: z.boolean() },
  generate: fc.record({ undefinedMessage }),
  weight: 4,
  describe: (step) => `inject ${messageWord(step.undefinedMessage)} to the router`,
  apply: (step, scenario: ChannelScenario) => {
    const message = scenario.nextMessage(step.undefinedMessage);
    scenario.channel.injectToRouter(message);
    if (scenario.model.open !== undefined) scenario.model.send(scenario.model.open, 'toRouter', message);
    return 'injected';
  },
});

const peek = stepKind({
  op: 'peek',
  fields: { at: indexChoiceSchema },
  generate: fc.record({ at: indexChoiceArbitrary }),
  weight: 1,
  describe: (step) => `peek at ${describeIndex(step.at)}`,
  apply: (step, scenario: ChannelScenario) => {
    const { model, channel } = scenario;
    const index = indexFor(step.at, model.inFlight.toRouter.length);
    const seen = channel.inFlightToRouter(index);
    const expected = model.holds(index) ? model.inFlight.toRouter[index] : undefined;
    if (seen !== expected)
      scenario.answerDiffers(`inFlightToRouter(${index}) is ${shown(seen)}, the model says ${shown(expected)}`);
    return shown(seen);
  },
});

const insert = stepKind({
  op: 'insert',
  fields: { at: indexChoiceSchema, undefinedMessage: z.boolean() },
  generate: fc.record({ at: indexChoiceArbitrary, undefinedMessage }),
  weight: 2,
  describe: (step) => `insert ${messageWord(step.undefinedMessage)} at ${describeIndex(step.at)}`,
  apply: (step, scenario: ChannelScenario) => {
    const { model, channel } = scenario;
    const message = scenario.nextMessage(step.undefinedMessage);
    const index = indexFor(step.at, model.inFlight.toRouter.length);
    const holds = model.holds(index);
    const inserted = channel.insertInFlightToRouter(index, message);
    if (inserted !== holds)
      scenario.answerDiffers(`insertInFlightToRouter(${index}) says ${inserted}, the model ${holds}`);
    if (holds) {
      model.inFlight.toRouter.splice(index, 0, message);
      model.accepted++;
    }
    return inserted ? `inserted at ${index}` : `refused index ${index}`;
  },
});

const drop = stepKind({
  op: 'drop',
  fields: { at: indexChoiceSchema },
  generate: fc.record({ at: indexChoiceArbitrary }),
  weight: 4,
  describe: (step) => `drop ${describeIndex(step.at)}`,
  apply: (step, scenario: ChannelScenario) => {
    const { model, channel } = scenario;
    const index = indexFor(step.at, model.inFlight.toRouter.length);
    const holds = model.holds(index);
    const lost = holds ? model.inFlight.toRouter.splice(index, 1)[0] : undefined;
    const dropped = channel.dropInFlightToRouter(index);
    if (dropped !== lost)
      scenario.answerDiffers(`dropInFlightToRouter(${index}) gave ${shown(dropped)}, the model ${shown(lost)}`);
    if (holds) model.dropped++;
    return holds ? `dropped #${index}` : `nothing at ${index}`;
  },
});

const replace = stepKind({
  op: 'replace',
  fields: { at: indexChoiceSchema, undefinedMessage: z.boolean() },
  generate: fc.record({ at: indexChoiceArbitrary, undefinedMessage }),
  weight: 2,
  describe: (step) => `replace ${describeIndex(step.at)} with ${messageWord(step.undefinedMessage)}`,
  apply: (step, scenario: ChannelScenario) => {
    const { model, channel } = scenario;
    const message = scenario.nextMessage(step.undefinedMessage);
    const index = indexFor(step.at, model.inFlight.toRouter.length);
    const holds = model.holds(index);
    const replaced = channel.replaceInFlightToRouter(index, message);
    if (replaced !== holds)
      scenario.answerDiffers(`replaceInFlightToRouter(${index}) says ${replaced}, the model ${holds}`);
    if (holds) model.inFlight.toRouter[index] = message;
    return replaced ? `replaced #${index}` : `refused index ${index}`;
  },
});

const runOne = stepKind({
  op: 'runOne',
  fields: { pick: smallField },
  generate: fc.record({ pick: fc.nat({ max: 7 }) }),
  weight: 6,
  describe: (step) => `run task #${step.pick} (modulo how many)`,
  apply: (step, scenario: ChannelScenario) => {
    const difference = runOneTask(scenario.runtime, scenario.model, step.pick);
    if (difference !== undefined) scenario.answerDiffers(difference);
    return `${scenario.model.delivered} delivered so far`;
  },
});

const runAll = stepKind({
  op: 'runAll',
  fields: {},
  generate: fc.record({}),
  weight: 2,
  describe: () => 'run every task',
  apply: (_step, scenario: ChannelScenario) => {
    const difference = runAllTasks(scenario.runtime, scenario.model);
    if (difference !== undefined) scenario.answerDiffers(difference);
    // Liveness: once its tasks ran, an open connection has nothing left in flight.
    const left = scenario.channel.pending('toRouter') + scenario.channel.pending('toController');
    if (left !== 0) scenario.answerDiffers(`${left} message(s) still in flight after every task ran`);
    return `${scenario.model.delivered} delivered so far`;
  },
});

const CHANNEL_STEP_KINDS = [attach, connect, close, send, inject, peek, insert, drop, replace, runOne, runAll] as const;

export type ChannelStep = StepOf<(typeof CHANNEL_STEP_KINDS)[number]>;

export const CHANNEL_STEPS = new StepTable<ChannelStep, ChannelScenario>(CHANNEL_STEP_KINDS);

export const MAX_CHANNEL_STEPS = 500;

/** Most cases open a connection first: without one, every step tests only the refusals. */
export const channelStepsArbitrary: fc.Arbitrary<ChannelStep[]> = fc
  .tuple(
    fc.oneof({ arbitrary: fc.constant(true), weight: 3 }, fc.constant(false)),
    fc.array(CHANNEL_STEPS.arbitrary(), { maxLength: 40, size: 'max' }),
  )
  .map(([connectFirst, steps]): ChannelStep[] => (connectFirst ? [{ op: 'connect' }, ...steps] : steps));
