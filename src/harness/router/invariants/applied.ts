import { ContentType } from '../../../session/messages.js';
import { defineInvariant } from '../../engine/Invariant.js';
import type { RouterScenario } from '../RouterScenario.js';

/**
 * What the router was told of each session, to judge each apply against: the tokens of
 * each sync's chunks, and every live add the router was handed.
 */
class ToldSessions {
  private readonly chunkTokens = new Map<string, Set<string>>();
  private readonly liveAdds = new Set<string>();
  /** Syncs applied in the action running now, judged once it ends; undefined when none. */
  applied: { readonly syncId: string; readonly queueEmpty: boolean }[] = [];

  constructor(scenario: RouterScenario) {
    scenario.onActionBegins(() => {
      // A new list only after an apply: most actions apply nothing, and this runs before each.
      if (this.applied.length > 0) this.applied = [];
    });
    scenario.onDelivery(({ message, adversarial, injected }) => {
      if (adversarial || injected !== undefined || message.contentType !== ContentType.ApiSessionAdded) return;
      const body = message.body as { isFullState?: boolean; apiSessions?: readonly { token: string }[] };
      const sessions = body.apiSessions ?? [];
      if (body.isFullState !== true) {
        for (const session of sessions) this.liveAdds.add(session.token);
        return;
      }
      const { id } = JSON.parse(message.headers.syncState ?? '{}') as { id?: string };
      if (id === undefined) return;
      const held = this.chunkTokens.get(id) ?? new Set<string>();
      for (const session of sessions) held.add(session.token);
      this.chunkTokens.set(id, held);
    });
    const { router } = scenario.system;
    router.events.subscribe((event) => {
      // Judged against every live add only where the router had handled every message it was handed.
      if (event.type === 'sync-applied') {
        this.applied.push({ syncId: event.syncId, queueEmpty: router.stats().queueLength === 0 });
      }
    });
  }

  /** Tokens the router must hold once `syncId` is applied, given what the controller still has. */
  expectedAfter(syncId: string, withLiveAdds: boolean, stillLive: (token: string) => boolean): string[] {
    const expected = new Set(this.chunkTokens.get(syncId) ?? []);
    if (withLiveAdds) for (const token of this.liveAdds) expected.add(token);
    return [...expected].filter(stillLive);
  }
}

export const applied = defineInvariant<RouterScenario, ToldSessions>({
  name: 'applied',
  promise:
    'when a sync is applied, the cache holds every session of its snapshot that the controller still has, and every live add the router had handled whose session the controller still has: no session the router was told about goes missing until a later resync heals it',
  watch: (scenario) => new ToldSessions(scenario),
  afterStep(scenario, told) {
    // A forged or damaged chunk may stand in for the controller's: the snapshot is then not the controller's.
    if (told.applied.length === 0 || scenario.breakingOnThisConnection()) return undefined;
    const { router, controller } = scenario.system;
    const stillLive = (token: string) => controller.getSession(token) !== undefined;
    for (const { syncId, queueEmpty } of told.applied) {
      const missing = told
        .expectedAfter(syncId, queueEmpty, stillLive)
        .filter((token) => router.state.getApiSession(token) === undefined);
      if (missing.length === 0) continue;
      const shown = missing.slice(0, 5).join(', ');
      return `sync ${syncId} was applied (entry ${scenario.currentEntry()}) without ${missing.length} session(s) the router was told of and the controller still has: ${shown}${missing.length > 5 ? ', …' : ''}`;
    }
    return undefined;
  },
});
