import type { ApiSession } from '../../../session/messages.js';
import { defineInvariant } from '../../engine/Invariant.js';
import type { RouterScenario } from '../RouterScenario.js';

/** Every field the router keeps of a session, so an update it drops or garbles shows. */
const sameSession = (a: ApiSession, b: ApiSession): boolean =>
  a.id === b.id &&
  a.token === b.token &&
  a.identityId === b.identityId &&
  a.certFingerprints.length === b.certFingerprints.length &&
  a.certFingerprints.every((fingerprint, i) => fingerprint === b.certFingerprints[i]);

export const convergence = defineInvariant<RouterScenario>({
  name: 'convergence',
  promise: "at quiescence the router's sessions equal the controller's live set, token for token",
  atQuiescence(scenario, reachedQuiescence) {
    if (!reachedQuiescence) return 'no quiescence within the limits, so no convergence';
    const { router, controller } = scenario.system;
    const live = controller.liveSessions();
    const extra: string[] = [];
    const missing: string[] = [];
    const stale: string[] = [];
    for (const session of live) {
      const cached = router.state.getApiSession(session.token);
      if (cached === undefined) missing.push(session.token);
      else if (!sameSession(cached, session)) stale.push(session.token);
    }
    const liveTokens = new Set(live.map((s) => s.token));
    for (const session of router.state.allSessions()) if (!liveTokens.has(session.token)) extra.push(session.token);
    if (extra.length + missing.length + stale.length === 0) return undefined;
    const parts = [
      missing.length > 0 ? `missing ${missing.join(', ')}` : '',
      extra.length > 0 ? `ended but cached ${extra.join(', ')}` : '',
      stale.length > 0 ? `outdated ${stale.join(', ')}` : '',
    ].filter((p) => p !== '');
    return `router (${router.state.sessionCount()}) differs from controller (${live.length}): ${parts.join('; ')}`;
  },
});
