import { PROTOCOL_ERROR_CODES, type ProtocolErrorCode } from '../../../session/ProtocolError.js';
import type { RouterStats } from '../../../session/Router.js';
import { defineInvariant } from '../../engine/Invariant.js';
import type { RouterScenario } from '../RouterScenario.js';
import { SyncFailures } from './observers/SyncFailures.js';

/** The counters of `Router.stats()` that only ever count up. */
const MONOTONIC = [
  'syncsStarted',
  'syncsApplied',
  'syncsFailed',
  'syncsAborted',
  'protocolErrors',
  'staleChunksIgnored',
  'resyncsRequested',
  'messagesReceived',
  'handlerCrashes',
  'queueHighWater',
] as const satisfies readonly (keyof RouterStats)[];

/** The readings of `Router.stats()` that count something, each a whole number from 0. */
const COUNTS = [
  ...MONOTONIC,
  'sessionsCached',
  'trackersHeld',
  'trackersAlive',
  'postSyncEntriesBuffered',
  'queueLength',
  'queueBlockedSenders',
] as const satisfies readonly (keyof RouterStats)[];

/** The channel's counts, which only count up too. */
type ChannelCounts = ReturnType<RouterScenario['system']['channel']['counts']>;

const CHANNEL_COUNTS = [
  'accepted',
  'delivered',
  'dropped',
  'connections',
] as const satisfies readonly (keyof ChannelCounts)[];

interface Reading {
  readonly stats: RouterStats;
  readonly channel: ChannelCounts;
  /** `stats[COUNTS[i]]` at `i`: each counter read by name once a step, then compared as it is. */
  readonly counts: unknown[];
}

/** What ledger keeps of a case: the router's events counted, and the counters' last reading. */
class LedgerWatch {
  syncsStarted = 0;
  syncsApplied = 0;
  /** Trackers the router announced replaced or closed while collecting: what `syncsAborted` must count. */
  syncsAborted = 0;
  resyncsRequested = 0;
  readonly failures: SyncFailures;
  previous: Reading | undefined;
  /** The two lists of counts, this step's and the last, used in turn so that a step allocates none. */
  private readonly countLists: [unknown[], unknown[]] = [[], []];
  private turn = 0;

  constructor(scenario: RouterScenario) {
    this.failures = SyncFailures.of(scenario);
    scenario.system.router.events.subscribe((event) => {
      if (event.type === 'sync-started') this.syncsStarted++;
      else if (event.type === 'sync-applied') this.syncsApplied++;
      else if (event.type === 'tracker-replaced') this.syncsAborted++;
      else if (event.type === 'closed' && event.tracker !== 'none') this.syncsAborted++;
      else if (event.type === 'effect' && event.effect === 'resync requested') this.resyncsRequested++;
    });
  }

  /** This step's reading: `stats()` and the channel's counts, as the router and channel give them. */
  read(scenario: RouterScenario): Reading {
    const stats = scenario.system.router.stats();
    this.turn = 1 - this.turn;
    const counts = this.countLists[this.turn] as unknown[];
    for (let i = 0; i < COUNTS.length; i++) counts[i] = stats[COUNTS[i] as (typeof COUNTS)[number]];
    return { stats, channel: scenario.system.channel.counts(), counts };
  }
}

function wentDown(before: Reading | undefined, now: Reading): string | undefined {
  if (before === undefined) return undefined;
  for (const name of CHANNEL_COUNTS) {
    if (now.channel[name] < before.channel[name]) {
      return `the channel's ${name} count went down from ${before.channel[name]} to ${now.channel[name]}`;
    }
  }
  return statsWentDown(before, now);
}

function statsWentDown(before: Reading, now: Reading): string | undefined {
  // MONOTONIC leads COUNTS, so its counters are the first of each list.
  for (let i = 0; i < MONOTONIC.length; i++) {
    const was = before.counts[i] as number;
    const is = now.counts[i] as number;
    if (is < was) return `${MONOTONIC[i]} went down from ${was} to ${is}`;
  }
  // Read in place: this runs after every step.
  for (const code in before.stats.protocolErrorsByCode) {
    const count = before.stats.protocolErrorsByCode[code as ProtocolErrorCode];
    const after = now.stats.protocolErrorsByCode[code as ProtocolErrorCode] ?? 0;
    if (after < (count ?? 0)) return `protocol errors of code ${code} went down from ${count} to ${after}`;
  }
  return undefined;
}

/** Every message the channel took, hostile or damaged ones included, is delivered, dropped or still in flight. */
export function channelImbalance(
  scenario: RouterScenario,
  counts: ChannelCounts = scenario.system.channel.counts(),
): string | undefined {
  const { channel } = scenario.system;
  const { accepted, delivered, dropped } = counts;
  const inFlight = channel.pending('toRouter') + channel.pending('toController');
  if (accepted === delivered + dropped + inFlight) return undefined;
  return `the channel took ${accepted} message(s) but accounts for ${delivered} delivered + ${dropped} dropped + ${inFlight} in flight`;
}

/** Each counter against the others and against what the scenario saw happen. */
function disagreement(scenario: RouterScenario, reading: Reading, heard: LedgerWatch): string | undefined {
  const { system } = scenario;
  const { stats } = reading;
  // The codes are read in place, without copying them: this runs after every step.
  let byCode = 0;
  let unknown: string | undefined;
  for (const code in stats.protocolErrorsByCode) {
    byCode += stats.protocolErrorsByCode[code as ProtocolErrorCode] ?? 0;
    if (unknown === undefined && !PROTOCOL_ERROR_CODES.includes(code as ProtocolErrorCode)) unknown = code;
  }
  if (byCode !== stats.protocolErrors) {
    return `protocol errors by code add up to ${byCode}, but ${stats.protocolErrors} were counted`;
  }
  if (unknown !== undefined)
    return `protocol errors were counted under "${unknown}", which is none of the router's codes`;
  if (stats.protocolErrors > scenario.adversarialDelivered) {
    return `${stats.protocolErrors} protocol error(s) from ${scenario.adversarialDelivered} adversarial message(s): the controller's own messages are well-formed`;
  }
  if (stats.messagesReceived !== scenario.deliveredToRouter) {
    return `${stats.messagesReceived} message(s) counted as received, but the channel delivered ${scenario.deliveredToRouter} to the router`;
  }
  const unbalanced = channelImbalance(scenario, reading.channel);
  if (unbalanced !== undefined) return unbalanced;
  const { delivered } = reading.channel;
  const toController = system.controller.resyncRequestsReceived();
  if (delivered !== scenario.deliveredToRouter + toController) {
    return `the channel counts ${delivered} deliveries, but the router got ${scenario.deliveredToRouter} and the controller ${toController} resync request(s)`;
  }
  if (toController > stats.resyncsRequested) {
    return `the controller got ${toController} resync request(s), but the router sent ${stats.resyncsRequested}`;
  }
  if (stats.queueHighWater < stats.queueLength) {
    return `the queue's high-water mark ${stats.queueHighWater} is below its length ${stats.queueLength}`;
  }
  const unheard =
    countedAsHeard(stats, 'syncsStarted', heard.syncsStarted) ??
    countedAsHeard(stats, 'syncsApplied', heard.syncsApplied) ??
    countedAsHeard(stats, 'syncsFailed', heard.failures.failures.length) ??
    countedAsHeard(stats, 'syncsAborted', heard.syncsAborted) ??
    countedAsHeard(stats, 'resyncsRequested', heard.resyncsRequested);
  if (unheard !== undefined) return unheard;
  const held = system.router.heldTracker();
  if (stats.trackersHeld !== (held === undefined ? 0 : 1) || stats.heldTrackerSyncId !== held?.syncId) {
    return `stats() says ${stats.trackersHeld} tracker(s) held (${stats.heldTrackerSyncId ?? 'none'}), but the handler holds ${held?.syncId ?? 'none'}`;
  }
  if (stats.sessionsCached !== system.router.state.sessionCount()) {
    return `stats() says ${stats.sessionsCached} session(s) cached, but the cache holds ${system.router.state.sessionCount()}`;
  }
  for (let i = 0; i < COUNTS.length; i++) {
    const count = reading.counts[i];
    if (!Number.isInteger(count) || (count as number) < 0) return `${COUNTS[i]} reads ${count}, not a count`;
  }
  // Every tracker is still collecting, or ended applied, aborted (replaced or closed) or failed.
  const collecting = stats.heldTrackerState === 'collecting' ? 1 : 0;
  const { trackedFailures } = heard.failures;
  const accounted = stats.syncsApplied + stats.syncsAborted + trackedFailures + collecting;
  if (accounted !== stats.syncsStarted) {
    return `${stats.syncsStarted} tracker(s) started, but ${stats.syncsApplied} applied + ${stats.syncsAborted} aborted + ${trackedFailures} failed + ${collecting} collecting`;
  }
  return undefined;
}

/** A counter against the events of its kind the router reported. */
function countedAsHeard(stats: RouterStats, name: (typeof MONOTONIC)[number], events: number): string | undefined {
  return stats[name] === events
    ? undefined
    : `${name} is ${stats[name]}, but the router reported ${events} such event(s)`;
}

export const ledger = defineInvariant<RouterScenario, LedgerWatch>({
  name: 'ledger',
  promise:
    "the router's and the channel's counters only count up, and agree with each other, with the router's events and with what the channel delivered",
  watch: (scenario) => new LedgerWatch(scenario),
  afterStep(scenario, watch) {
    const reading = watch.read(scenario);
    const message = wentDown(watch.previous, reading) ?? disagreement(scenario, reading, watch);
    watch.previous = reading;
    return message;
  },
});
