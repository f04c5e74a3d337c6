import { throwIfStopped } from '../errors.js';
import { type FaultProfileName, PROFILE_DESCRIPTIONS } from '../faults.js';
import { createSyncSystem, type SyncSystem, waitForQuiescence } from '../harness/index.js';
import { RealRuntime } from '../runtime/RealRuntime.js';
import { ContentType } from '../session/messages.js';

export interface DemoRequest {
  readonly profile: FaultProfileName;
  readonly sessions: number;
  readonly adds: number;
}

/** One thing the demo looked at: what a correct router shows, and what this one did. */
export interface DemoObservation {
  readonly what: string;
  readonly expected: string;
  readonly observed: string;
  readonly faulty: boolean;
}

export interface DemoReport {
  readonly profile: FaultProfileName;
  readonly description: string;
  readonly syncMs: number;
  readonly observations: readonly DemoObservation[];
  readonly faultShown: boolean;
}

const DEMO_TIMING = { tickIntervalMs: 20, deadlineMs: 2_000 };
const QUIESCENCE_MS = 10_000;

/**
 * A controller and router in real time, through the situations the faults show in: a full
 * sync, live adds after it, churn, a resync racing new sessions, and a reconnect after the
 * newest session ended while the channel was down.
 */
export async function runDemo(
  request: DemoRequest,
  context: { readonly signal?: AbortSignal } = {},
): Promise<DemoReport> {
  let postSyncOutsideSync = 0;
  let system: SyncSystem<RealRuntime> | undefined;
  const deleted: string[] = [];
  system = createSyncSystem({
    runtime: new RealRuntime(),
    profile: request.profile,
    timing: DEMO_TIMING,
    // Right after a live add is handled, before the receive loop runs: queued post-sync data with no sync in progress.
    onDeliver: (direction, message) => {
      if (direction !== 'toRouter' || message.contentType !== ContentType.ApiSessionAdded) return;
      queueMicrotask(() => {
        const stats = system?.router.stats();
        if (stats && stats.syncInProgress === '')
          postSyncOutsideSync = Math.max(postSyncOutsideSync, stats.postSyncEntriesBuffered);
      });
    },
  });
  const { controller, router, channel } = system;
  router.state.onEvent((event) => {
    if (event.kind === 'removed' && controller.getSession(event.session.token) !== undefined)
      deleted.push(event.session.token);
  });
  const settle = async () => {
    throwIfStopped(context.signal);
    await waitForQuiescence(system as SyncSystem<RealRuntime>, QUIESCENCE_MS);
  };
  for (let i = 0; i < request.sessions; i++) controller.createSession();
  const started = performance.now();
  channel.connect();
  await settle();
  const syncMs = performance.now() - started;
  const heldAfterSync = router.stats().trackersHeld;
  for (let i = 0; i < request.adds; i++) controller.createSession();
  await settle();
  const live = controller.liveSessions();
  for (let i = 0; i < live.length; i += 10) controller.endSession(live[i]?.token ?? '');
  for (let i = 5; i < live.length; i += 10) controller.updateSession(live[i]?.token ?? '');
  await settle();
  controller.startFullSync('demo: resync');
  for (let i = 0; i < 20; i++) controller.createSession();
  await settle();
  const newest = controller.createSession();
  await settle();
  channel.close();
  controller.endSession(newest.token);
  channel.connect();
  await settle();
  const stats = router.stats();
  const liveTokens = new Set(controller.liveSessions().map((s) => s.token));
  const cachedEnded = router.state.allSessions().filter((s) => !liveTokens.has(s.token)).length;
  const missing = [...liveTokens].filter((token) => router.state.getApiSession(token) === undefined).length;
  channel.close();
  system = undefined;

  const count = (what: string, observed: number, note = ''): DemoObservation => ({
    what,
    expected: '0',
    observed: `${observed}${note}`,
    faulty: observed > 0,
  });
  const observations = [
    count('finished syncs the router still holds after the first sync', heldAfterSync),
    count('finished syncs the router holds at the end', stats.trackersHeld),
    count('post-sync sessions queued while no sync was in progress (most at once)', postSyncOutsideSync),
    count('post-sync sessions still buffered at the end', stats.postSyncEntriesBuffered),
    count('sessions deleted while the controller still had them', deleted.length),
    count('ended sessions still cached at the end', cachedEnded),
    count('live sessions missing from the router at the end', missing),
    count('exceptions that escaped a handler', stats.handlerCrashes),
  ];
  return {
    profile: request.profile,
    description: PROFILE_DESCRIPTIONS[request.profile],
    syncMs,
    observations,
    faultShown: observations.some((o) => o.faulty),
  };
}
