import { FAULT_PROFILES, type FaultProfileName } from '../../src/faults.js';
import { VirtualRuntime } from '../../src/runtime/VirtualRuntime.js';
import { formatSessionId, formatSyncId } from '../../src/session/Controller.js';
import {
  type ApiSession,
  fullSyncChunk,
  InstantStrategy,
  liveAdd,
  SyncStateHeader,
  SyncStrategyHeader,
  type WireMessage,
} from '../../src/session/messages.js';
import { Router } from '../../src/session/Router.js';

/** Session `n`: ids sort in creation order, as the controller's do. */
export function session(n: number): ApiSession {
  return { id: formatSessionId(n), token: `token-${n}`, identityId: 'identity-1', certFingerprints: [`fp-${n}`] };
}

export function sessions(from: number, to: number): ApiSession[] {
  const list: ApiSession[] = [];
  for (let n = from; n <= to; n++) list.push(session(n));
  return list;
}

export const syncId = formatSyncId;

export function chunk(sync: number, sequence: number, isLast: boolean, list: readonly ApiSession[]): WireMessage {
  return fullSyncChunk({ id: syncId(sync), sequence, isLast }, list);
}

export function live(...list: ApiSession[]): WireMessage {
  return liveAdd({ id: 'live', isLast: true, sequence: 0 }, list);
}

/** A full-state chunk whose sync-state header is `rawState` verbatim (adversarial input). */
export function chunkWithRawState(rawState: string, list: readonly ApiSession[] = []): WireMessage {
  return {
    contentType: 'ApiSessionAdded',
    headers: { [SyncStrategyHeader]: InstantStrategy, [SyncStateHeader]: rawState },
    body: { isFullState: true, apiSessions: list },
  };
}

export interface RouterFixture {
  readonly runtime: VirtualRuntime;
  readonly router: Router;
  /** What the router sent its controller (resync requests). */
  readonly sent: WireMessage[];
  /** Runs every task and timer, oldest first, for at most `ms` of virtual time. */
  settle(ms?: number): void;
  tokens(): string[];
}

/** A router on the virtual runtime with upstream's timing (1 s tick, 20 s deadline), connected to a recording uplink. */
export function routerFixture(profile: FaultProfileName = 'fixed'): RouterFixture {
  const runtime = new VirtualRuntime();
  const router = new Router({ runtime, faults: FAULT_PROFILES[profile] });
  const sent: WireMessage[] = [];
  router.connected({ send: (message) => sent.push(message) });
  return {
    runtime,
    router,
    sent,
    settle: (ms = 60_000) => void runtime.runUntilIdle({ untilTime: runtime.now() + ms }),
    tokens: () =>
      router.state
        .allSessions()
        .map((s) => s.token)
        .sort(),
  };
}

/** Applies one full sync of sessions 1..`count` in chunks of 100 and settles. */
export function applyInitialSync(fixture: RouterFixture, count: number, sync = 1): void {
  const list = sessions(1, count);
  const chunks = Math.max(1, Math.ceil(count / 100));
  for (let seq = 0; seq < chunks; seq++) {
    fixture.router.receive(chunk(sync, seq, seq === chunks - 1, list.slice(seq * 100, (seq + 1) * 100)));
  }
  fixture.settle();
}
