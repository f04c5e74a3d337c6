import fc from 'fast-check';
import { z } from 'zod';
import { stepKind } from '../../engine/StepTable.js';
import type { RouterScenario } from '../RouterScenario.js';
import { PICK_LIMIT, pick } from './pick.js';

/** An edge connection opens with the cached session at `pick` and listens for its removal. */
export const listenStep = stepKind({
  op: 'listen',
  fields: { pick: z.number().int().min(0).max(PICK_LIMIT) },
  generate: fc.record({ pick }),
  weight: 1,
  describe: (step) => `an edge connection listens for the removal of cached session #${step.pick}`,
  apply(step, scenario: RouterScenario) {
    const sessions = scenario.system.router.state.allSessions();
    const token = sessions[step.pick % Math.max(1, sessions.length)]?.token;
    if (token === undefined) return 'no cached session to listen on';
    scenario.removalListeners.listen(token);
    return `listening on ${token}`;
  },
});

/** The edge connection at `pick` (modulo those listening) closes and unsubscribes. */
export const unlistenStep = stepKind({
  op: 'unlisten',
  fields: { pick: z.number().int().min(0).max(PICK_LIMIT) },
  generate: fc.record({ pick }),
  weight: 1,
  describe: (step) => `edge connection #${step.pick} stops listening`,
  apply(step, scenario: RouterScenario) {
    const token = scenario.removalListeners.unsubscribe(step.pick);
    return token === undefined ? 'no listener to stop' : `stopped listening on ${token}`;
  },
});
