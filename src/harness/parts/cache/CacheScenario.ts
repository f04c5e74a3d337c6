import { FAULT_PROFILES, type FaultFlags } from '../../../faults.js';
import type { ApiSession } from '../../../session/messages.js';
import { type RouterEvent, RouterEvents } from '../../../session/RouterEvents.js';
import { type SessionEvent, StateManager } from '../../../session/StateManager.js';
import type { TraceState } from '../../engine/ModelSystem.js';
import { PartScenario } from '../PartScenario.js';
import { CacheModel, type Listening } from './CacheModel.js';

/** The tokens a cache case uses: few, so that adds, removals and listeners meet. */
export const CACHE_TOKENS = ['t0', 't1', 't2', 't3', 't4'] as const;

export interface CacheCaseParams {
  readonly invertedSyncFlag: boolean;
  readonly removedSessionsKept: boolean;
  readonly removeMissingTripled: boolean;
  /** With an observer of router events; without one, as a router built without one. */
  readonly observed: boolean;
}

/** The router's session cache and sync flag beside their model, with what each has told its listeners. */
export class CacheScenario extends PartScenario {
  readonly flags: FaultFlags;
  readonly events: RouterEvents | undefined;
  /** Router events the cache emitted, when observed. */
  readonly heard: RouterEvent[] = [];
  readonly cache: StateManager;
  readonly sessionEvents: SessionEvent[] = [];
  readonly stopHearing: () => void;
  readonly model = new CacheModel();
  readonly listening: Listening[] = [];
  private serial = 0;

  constructor(params: CacheCaseParams) {
    super();
    const { observed, ...flags } = params;
    this.flags = { ...FAULT_PROFILES.fixed, ...flags };
    this.events = observed ? new RouterEvents() : undefined;
    this.events?.subscribe((event) => this.heard.push(event));
    this.cache = new StateManager(this.flags, this.events);
    this.stopHearing = this.cache.onEvent((event) => this.sessionEvents.push(event));
  }

  /** A fresh session object: identity is what the cache must keep, so every one is new. */
  sessionOf(token: string, id: string): ApiSession {
    this.serial++;
    return { id, token, identityId: `identity-${this.serial}`, certFingerprints: [`fp-${this.serial}`] };
  }

  state(): TraceState {
    return {
      sessions: this.cache
        .allSessions()
        .map((session) => `${session.token}:${session.id}`)
        .join(' '),
      sync: this.cache.syncInProgressId(),
      listeners: this.cache.removedListenerCount(),
    };
  }
}
