import fc from 'fast-check';
import { z } from 'zod';
import { RESTARTS_LIMIT } from '../../../session/Controller.js';
import { ContentType, SyncStateHeader } from '../../../session/messages.js';
import { stepKind } from '../../engine/StepTable.js';
import { COVERAGE } from '../coverage.js';
import { closeChannel, createSessions, endSession, PeerActionError, updateSession } from '../peerActions.js';
import type { RouterScenario } from '../RouterScenario.js';
import { PICK_LIMIT, pick } from './pick.js';

/** The controller creates sessions; each goes out as a live add. */
export const createStep = stepKind({
  op: 'create',
  fields: { count: z.number().int().min(1).max(100) },
  generate: fc.record({ count: fc.integer({ min: 1, max: 3 }) }),
  weight: 3,
  describe: (step) => `controller creates ${step.count} session(s)`,
  apply(step, scenario: RouterScenario) {
    createSessions(scenario.system.controller, step.count);
    return `created ${step.count}`;
  },
});

/** The controller updates the live session at `pick` (modulo the live count). */
export const updateStep = stepKind({
  op: 'update',
  fields: { pick: z.number().int().min(0).max(PICK_LIMIT) },
  generate: fc.record({ pick }),
  weight: 2,
  describe: (step) => `controller updates live session #${step.pick}`,
  apply(step, scenario: RouterScenario) {
    const target = liveAt(scenario, step.pick);
    if (target === undefined) return 'no live session to update';
    updateSession(scenario.system.controller, target);
    return `updated ${target}`;
  },
});

/** The controller ends the live session at `pick` (modulo the live count). */
export const endStep = stepKind({
  op: 'end',
  fields: { pick: z.number().int().min(0).max(PICK_LIMIT) },
  generate: fc.record({ pick }),
  weight: 2,
  describe: (step) => `controller ends live session #${step.pick}`,
  apply(step, scenario: RouterScenario) {
    return endLive(scenario, liveAt(scenario, step.pick));
  },
});

/**
 * The controller ends its newest live session. A sync removes only sessions up to a bound
 * (sessions newer than the snapshot must survive it); the newest session ended while the
 * router was away is the one that bound must still reach, and `end` picks it rarely.
 */
export const endNewestStep = stepKind({
  op: 'end-newest',
  fields: {},
  generate: fc.record({}),
  weight: 1,
  describe: () => 'controller ends its newest live session',
  apply(_step, scenario: RouterScenario) {
    return endLive(scenario, scenario.system.controller.liveSessions().at(-1)?.token);
  },
});

/** The controller starts a new full sync, as on a RequestClientReSync. */
export const resyncStep = stepKind({
  op: 'resync',
  fields: {},
  generate: fc.record({}),
  weight: 1,
  describe: () => 'controller starts a full sync',
  apply(_step, scenario: RouterScenario) {
    if (!scenario.system.channel.isOpen()) return 'channel closed: no sync';
    return `started ${scenario.system.controller.startFullSync('generated resync')}`;
  },
});

/**
 * The controller restarts. A restart ends the connection, so the router sees the channel
 * close first (the reference binds a new handler to each connection, so no restart reaches
 * it without one). The controller comes back with the sessions its database kept, all but
 * its newest `lost`, whose removals are never sent, and its sync ids sort below the last
 * ones sent. The router then reconnects at once, as it does after any close.
 */
export const restartStep = stepKind({
  op: 'restart',
  fields: { lost: z.number().int().min(0).max(100) },
  generate: fc.record({ lost: fc.integer({ min: 0, max: 3 }) }),
  weight: 2,
  describe: (step) =>
    step.lost === 0
      ? 'controller restarts'
      : `controller restarts without its newest ${step.lost} session(s), which its database did not keep`,
  apply(step, scenario: RouterScenario) {
    const { channel, controller, router } = scenario.system;
    if (controller.restarts() + 1 >= RESTARTS_LIMIT) return 'no restart: its sync ids could no longer sort below';
    const newestSent = newestSyncSent(scenario);
    const wasOpen = channel.isOpen();
    if (wasOpen) {
      let trackerAtClose: string | undefined;
      const unsubscribe = router.events.subscribe((event) => {
        if (event.type === 'closed') trackerAtClose = event.tracker;
      });
      closeChannel(channel, controller);
      unsubscribe();
      scenario.deliveries.forgetChunks();
      if (trackerAtClose === 'collecting') scenario.reach(COVERAGE.restartCollecting);
      if (trackerAtClose === 'complete') scenario.reach(COVERAGE.restartComplete);
    }
    const live = controller.liveSessionCount();
    const lost = controller.restart(step.lost);
    const kept = controller.liveSessionCount();
    if (kept !== live - lost.length || lost.length !== Math.min(step.lost, live)) {
      throw new PeerActionError(
        'controller',
        `restart losing ${step.lost} session(s)`,
        `${live} live before, ${kept} after`,
      );
    }
    if (lost.length > 0) scenario.noteSessionEnded();
    if (newestSent !== undefined) noteSyncSortingBelow(scenario, newestSent, controller.restarts());
    // The router redials at once, as it does on any close; the new controller answers with a full sync.
    scenario.reconnect();
    return `${wasOpen ? 'closed, ' : ''}restarted as life ${controller.restarts()} with ${lost.length} session(s) lost, reconnected`;
  },
});

/** The id of the newest sync the controller sent any chunk of, in its life now ending. */
function newestSyncSent(scenario: RouterScenario): string | undefined {
  const { controller } = scenario.system;
  const sent = controller.syncHistory().filter((s) => s.life === controller.restarts() && s.chunksSent > 0);
  return sent.at(-1)?.syncId;
}

/** Coverage: a chunk of the new life's syncs reaches the router with an id below the last one it was sent before. */
function noteSyncSortingBelow(scenario: RouterScenario, newestBefore: string, life: number): void {
  let seen = false;
  scenario.onDelivery(({ message, adversarial, injected }) => {
    if (seen || adversarial || injected !== undefined || message.contentType !== ContentType.ApiSessionAdded) return;
    const { id } = JSON.parse(message.headers[SyncStateHeader] ?? '{}') as { id?: unknown };
    const record = scenario.system.controller.syncHistory().find((s) => s.syncId === id);
    if (record === undefined || record.life !== life) return;
    seen = true;
    if (record.syncId < newestBefore) scenario.reach(COVERAGE.restartSortsBelow);
  });
}

/** The controller ends `token`, when there is one to end. */
function endLive(scenario: RouterScenario, token: string | undefined): string {
  if (token === undefined) return 'no live session to end';
  endSession(scenario.system.controller, token);
  scenario.noteSessionEnded();
  return `ended ${token}`;
}

function liveAt(scenario: RouterScenario, index: number): string | undefined {
  const sessions = scenario.system.controller.liveSessions();
  return sessions[index % Math.max(1, sessions.length)]?.token;
}
