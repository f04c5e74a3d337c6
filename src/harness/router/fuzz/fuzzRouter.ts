import fc from 'fast-check';
import { throwIfStopped } from '../../../errors.js';
import type { FaultProfileName } from '../../../faults.js';
import { VirtualRuntime } from '../../../runtime/VirtualRuntime.js';
import { describeThrown } from '../../../session/describeThrown.js';
import type { ApiSession, WireMessage } from '../../../session/messages.js';
import type { ProtocolErrorCode } from '../../../session/ProtocolError.js';
import type { RouterStats } from '../../../session/Router.js';
import { isWellFormedMessage } from '../hostile/wellFormedMessage.js';
import { createSyncSystem, type SyncSystem } from '../SyncSystem.js';
import { FUZZ_SOURCES, type FuzzCase, type FuzzSource, fuzzCaseArbitrary } from './FuzzCase.js';
import type { FuzzReport } from './FuzzReport.js';
import { buildFuzzMessage, describeFuzzCase } from './fuzzMessage.js';

export interface FuzzOptions {
  readonly messages: number;
  readonly profile: FaultProfileName;
  readonly seed: number;
}

export interface FuzzHooks {
  /** Progress lines, every `progressEveryMs`. */
  readonly log?: (line: string) => void;
  readonly progressEveryMs?: number;
  /** Checked between batches, which also yield to the event loop so that a stop signal is heard. */
  readonly signal?: AbortSignal;
}

/** Sessions the router holds; chunks of 2 make every full sync two chunks, so "mid-sync" exists. */
const SESSIONS = 3;
const CHUNK_SIZE = 2;
/** Past the 20 s deadline, so a sync a message started has failed or finished by then. */
const SETTLE_MS = 60_000;
const BATCH = 1_000;
const EXAMPLES_KEPT = 5;

/**
 * Sends `messages` generated messages (hostile values, JSON-shaped messages, damaged
 * real ones) one by one to a router holding a few sessions, lets each settle, and
 * counts what the router did. The controller's live sessions are the truth: a
 * well-formed message may change the cache, after which the router is built afresh;
 * a malformed or rejected one must leave it exactly as it was.
 */
export async function fuzzRouter(options: FuzzOptions, hooks: FuzzHooks = {}): Promise<FuzzReport> {
  const started = performance.now();
  const counts = new FuzzCounts();
  let target = buildTarget(options.profile);
  let lastProgress = started;
  for (let sent = 0; sent < options.messages; ) {
    await new Promise((resolve) => setImmediate(resolve));
    throwIfStopped(hooks.signal);
    const batch = fc.sample(fuzzCaseArbitrary, {
      seed: (options.seed + sent * 7_919) | 0,
      numRuns: Math.min(BATCH, options.messages - sent),
    });
    for (const fuzzCase of batch) {
      if (sendOne(target, fuzzCase, counts)) {
        target = buildTarget(options.profile);
        counts.rebuilds++;
      }
      sent++;
      if (hooks.log !== undefined && performance.now() - lastProgress >= (hooks.progressEveryMs ?? 5_000)) {
        lastProgress = performance.now();
        hooks.log(`fuzz ${options.profile}: ${sent}/${options.messages} messages, ${counts.summary()}`);
      }
    }
  }
  return counts.report(options, performance.now() - started);
}

/** Sends one message and counts the outcome; true when the router must be built afresh. */
function sendOne(system: SyncSystem<VirtualRuntime>, fuzzCase: FuzzCase, counts: FuzzCounts): boolean {
  const { router, controller } = system;
  counts.bySource[fuzzCase.source]++;
  const problems: string[] = [];
  if (fuzzCase.midSync) counts.crashes.task += deliverHalfASync(system);
  const malformed = !isWellFormedMessage(buildFuzzMessage(fuzzCase, controller));
  if (malformed) counts.malformed++;
  const message = buildFuzzMessage(fuzzCase, controller);
  const cacheBefore = cacheByValue(router.state.allSessions());
  const before = router.stats();
  try {
    router.receive(message as WireMessage);
  } catch (error) {
    counts.crashes.receive++;
    problems.push(`receive threw ${describeThrown(error)}`);
  }
  const tasksThrew = settle(system.runtime);
  counts.crashes.task += tasksThrew;
  if (tasksThrew > 0) problems.push(`${tasksThrew} task(s) threw`);
  const after = router.stats();
  const handlerCrashes = after.handlerCrashes - before.handlerCrashes;
  counts.crashes.handler += handlerCrashes;
  if (handlerCrashes > 0) problems.push(router.recentProtocolErrors().at(-1)?.detail ?? 'a handler crashed');
  counts.addErrors(before, after);
  // Its own error, not one of the legitimate traffic settling after it (a chunk its forgery made late).
  const index = before.messagesReceived + 1;
  const rejected = router.recentProtocolErrors().some((error) => error.messageIndex === index);
  const crashed = problems.length > 0;
  if (!rejected && !crashed) counts.accepted++;
  if (malformed && !rejected && !crashed) {
    counts.malformedUncounted++;
    problems.push('malformed, yet taken without a typed error');
  }
  const truth = cacheByValue(controller.liveSessions());
  const cacheAfter = cacheByValue(router.state.allSessions());
  if (malformed || rejected || crashed) {
    const lost = [...truth.keys()].filter((token) => cacheBefore.has(token) && !cacheAfter.has(token));
    const changed = changedTokens(cacheBefore, cacheAfter);
    counts.sessionsLost += lost.length;
    counts.sessionsChanged += changed.length;
    if (lost.length > 0) problems.push(`lost ${lost.join(', ')}`);
    else if (changed.length > 0) problems.push(`changed ${changed.join(', ')}`);
  }
  if (problems.length > 0) counts.example(`${describeFuzzCase(fuzzCase)}: ${problems.join('; ')}`);
  return (
    !malformed ||
    crashed ||
    changedTokens(truth, cacheAfter).length > 0 ||
    after.syncInProgress !== '' ||
    after.resyncsRequested !== before.resyncsRequested
  );
}

function buildTarget(profile: FaultProfileName): SyncSystem<VirtualRuntime> {
  const system = createSyncSystem({ runtime: new VirtualRuntime(), profile, chunkSize: CHUNK_SIZE });
  for (let i = 0; i < SESSIONS; i++) system.controller.createSession();
  system.channel.connect();
  settle(system.runtime);
  return system;
}

/** Starts a full sync and runs work until its first chunk has reached the router; returns tasks that threw. */
function deliverHalfASync(system: SyncSystem<VirtualRuntime>): number {
  const { runtime, channel, controller } = system;
  controller.startFullSync('fuzz: mid-sync');
  const delivered = channel.counts().delivered;
  let threw = 0;
  for (let steps = 0; channel.counts().delivered === delivered && runtime.runnableCount() > 0 && steps < 100; steps++) {
    try {
      runtime.runAt(0);
    } catch {
      threw++;
    }
  }
  return threw;
}

/** Runs everything due within the settle window, oldest first; returns how many tasks threw. */
function settle(runtime: VirtualRuntime): number {
  const until = runtime.now() + SETTLE_MS;
  for (let threw = 0; ; threw++) {
    try {
      runtime.runUntilIdle({ untilTime: until });
      return threw;
    } catch {
      // One task threw; the rest still run.
    }
  }
}

/** Sessions by token, each as text of its fields, so a copy with equal fields compares equal. */
function cacheByValue(sessions: readonly ApiSession[]): Map<string, string> {
  return new Map(sessions.map((s) => [String(s.token), sessionText(s)]));
}

function sessionText(session: ApiSession): string {
  try {
    return JSON.stringify([session.id, session.identityId, session.certFingerprints]);
  } catch {
    // Only a router that cached something other than strings gets here; that is a change too.
    return 'unreadable';
  }
}

function changedTokens(before: ReadonlyMap<string, string>, after: ReadonlyMap<string, string>): string[] {
  const tokens = new Set([...before.keys(), ...after.keys()]);
  return [...tokens].filter((token) => before.get(token) !== after.get(token));
}

class FuzzCounts {
  readonly bySource = Object.fromEntries(FUZZ_SOURCES.map((s) => [s, 0])) as Record<FuzzSource, number>;
  readonly crashes = { handler: 0, receive: 0, task: 0 };
  readonly errorsByCode: Partial<Record<ProtocolErrorCode, number>> = {};
  readonly examples: string[] = [];
  malformed = 0;
  accepted = 0;
  malformedUncounted = 0;
  sessionsLost = 0;
  sessionsChanged = 0;
  rebuilds = 0;

  addErrors(before: RouterStats, after: RouterStats): void {
    for (const [code, count] of Object.entries(after.protocolErrorsByCode) as [ProtocolErrorCode, number][]) {
      const added = count - (before.protocolErrorsByCode[code] ?? 0);
      if (added > 0) this.errorsByCode[code] = (this.errorsByCode[code] ?? 0) + added;
    }
  }

  example(text: string): void {
    if (this.examples.length < EXAMPLES_KEPT) this.examples.push(text);
  }

  summary(): string {
    const crashes = this.crashes.handler + this.crashes.receive + this.crashes.task;
    return `${crashes} crash(es), ${this.sessionsLost} session(s) lost, ${this.sessionsChanged} changed`;
  }

  report(options: FuzzOptions, durationMs: number): FuzzReport {
    return {
      profile: options.profile,
      seed: options.seed,
      messages: options.messages,
      bySource: { ...this.bySource },
      malformed: this.malformed,
      crashes: { ...this.crashes },
      errorsByCode: { ...this.errorsByCode },
      accepted: this.accepted,
      malformedUncounted: this.malformedUncounted,
      sessionsLost: this.sessionsLost,
      sessionsChanged: this.sessionsChanged,
      rebuilds: this.rebuilds,
      durationMs,
      examples: [...this.examples],
    };
  }
}
