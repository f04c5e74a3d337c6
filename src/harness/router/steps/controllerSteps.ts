import fc from 'fast-check';
import { z } from 'zod';
import { stepKind } from '../../engine/StepTable.js';
import { createSessions, endSession, updateSession } from '../peerActions.js';
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
