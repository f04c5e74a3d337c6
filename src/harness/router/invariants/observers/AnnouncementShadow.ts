import type { ApiSession } from '../../../../session/messages.js';
import type { Router } from '../../../../session/Router.js';
import type { RouterEvent } from '../../../../session/RouterEvents.js';
import type { SessionEvent } from '../../../../session/StateManager.js';

/** What the shadow needs of its scenario besides the router. */
export interface AnnouncementContext {
  readonly router: Router;
  currentEntry(): number;
  /** How many chunks the controller sent `syncId` in, once it knows. */
  chunksOf(syncId: string): number | undefined;
  /** Whether adversarial input reached the router on this connection: a forged chunk may then stretch a sync. */
  adversarialDelivered(): boolean;
  /** Connections the channel closed so far. */
  closes(): number;
  /** Timers set so far (only trackers set them) and those still pending. */
  timers(): { readonly set: number; readonly pending: number };
}

/**
 * Replays what the router announces to observers into a shadow of what it holds (the
 * cache, the sync flag, its tracker) and records each place where the two part. Observers
 * see the router only through these events: the properties that judge lifetimes, stale
 * actors and failures are blind to whatever the router does without saying.
 */
export class AnnouncementShadow {
  /** Each disagreement between what was announced and what the router holds or did. */
  readonly disagreements: string[] = [];
  /** The cache as the state manager's own change events tell it; each change must also be announced as an effect. */
  private readonly cache = new Set<string>();
  private cacheChanges = 0;
  private cacheEffects = 0;
  private syncFlag = '';
  private heldSyncId: string | undefined;
  private closedEvents = 0;
  private timersEnded = 0;
  private trackersEnded = 0;
  private trackersStarted = 0;
  /** Full-state chunks judged, and chunks announced ended: each chunk's life ends once, after its judging. */
  private chunksJudged = 0;
  private chunksEnded = 0;
  /** Live adds handed to the router while a sync was in progress (each is kept as post-sync data), and such batches announced ended. */
  private postSyncBatches = 0;
  private postSyncBatchesEnded = 0;
  /** Syncs that ended, applied or failed, with how: a sync ends once. */
  private readonly syncsEnded = new Map<string, string>();
  /** Each tracker's serial names it in reports: they only count up. */
  private lastSerial = 0;
  private acting: { readonly on: 'tick' | 'deadline' } | undefined;
  /** A session that left the cache and whose end is not announced yet; held only until the next change. */
  private awaitingEnd:
    | { readonly session: ApiSession; readonly token: string; readonly how: SessionEvent['kind'] }
    | undefined;

  constructor(private readonly context: AnnouncementContext) {
    context.router.events.subscribe((event) => this.observe(event));
    context.router.state.onEvent((event) => this.sessionChanged(event));
  }

  /** The controller's live add is about to reach the router: while a sync is in progress, it is kept as that sync's post-sync data. */
  liveAddDelivered(): void {
    if (this.context.router.state.syncInProgressId() !== '') this.postSyncBatches++;
  }

  /** Compares the shadow with the router, once an action has run. */
  afterAction(): string | undefined {
    this.expectNoEndAwaited();
    if (this.acting !== undefined) {
      this.acting = undefined;
      this.disagree("a tracker's action on its tick or deadline never announced its end");
    }
    if (this.disagreements.length > 0) return this.disagreements[0];
    const { router } = this.context;
    if (!this.cacheMatches()) return this.disagree(this.cacheDifference());
    if (this.cacheEffects !== this.cacheChanges) {
      return this.disagree(`the cache changed ${this.cacheChanges} time(s), the router announced ${this.cacheEffects}`);
    }
    const flag = router.state.syncInProgressId();
    if (flag !== this.syncFlag) {
      return this.disagree(`the sync flag reads "${flag}", "${this.syncFlag}" where its last change was announced`);
    }
    const held = router.heldTracker()?.syncId;
    if (held !== this.heldSyncId) {
      return this.disagree(
        `the handler holds the tracker of ${held ?? 'no sync'}, that of ${this.heldSyncId ?? 'no sync'} at the last announced start or release`,
      );
    }
    const closes = this.context.closes();
    if (closes !== this.closedEvents) {
      return this.disagree(`the channel closed ${closes} time(s), the router announced ${this.closedEvents} close(s)`);
    }
    const timers = this.context.timers();
    if (timers.set - timers.pending !== this.timersEnded) {
      return this.disagree(
        `${timers.set - timers.pending} timer(s) fired or were cancelled, the router announced the end of ${this.timersEnded}`,
      );
    }
    if (this.postSyncBatchesEnded > this.postSyncBatches) {
      return this.disagree(
        `${this.postSyncBatchesEnded} post-sync batch(es) announced ended, but ${this.postSyncBatches} live add(s) arrived during a sync`,
      );
    }
    if (this.chunksEnded > this.chunksJudged) {
      return this.disagree(`${this.chunksEnded} chunk(s) announced ended, but only ${this.chunksJudged} judged`);
    }
    const alive = held === undefined ? 0 : 1;
    if (this.trackersStarted - this.trackersEnded !== alive) {
      return this.disagree(
        `${this.trackersStarted} tracker(s) started and ${this.trackersEnded} announced ended, but the handler holds ${alive}`,
      );
    }
    return undefined;
  }

  /**
   * Whether the cache holds exactly the tokens its change events left in the shadow: every
   * shadowed token is cached and there are as many of each. Tokens are unique, so this is set
   * equality, read after every action without copying the cache.
   */
  private cacheMatches(): boolean {
    const { state } = this.context.router;
    if (state.sessionCount() !== this.cache.size) return false;
    for (const token of this.cache) if (state.getApiSession(token) === undefined) return false;
    return true;
  }

  /** The tokens by which the cache and its change events part, in words. */
  private cacheDifference(): string {
    const { state } = this.context.router;
    const cached = state.allSessions().map((session) => session.token);
    const unannounced = cached.filter((token) => !this.cache.has(token));
    const gone = [...this.cache].filter((token) => state.getApiSession(token) === undefined);
    const tokens =
      unannounced.length > 0 || gone.length > 0
        ? `${describeTokens('not announced', unannounced)}${unannounced.length > 0 && gone.length > 0 ? '; ' : ''}${describeTokens('announced but not cached', gone)}`
        : `it counts ${state.sessionCount()} but lists ${cached.length}`;
    return `the cache holds ${cached.length} session(s), its change events ${this.cache.size}: ${tokens}`;
  }

  /** Once the work has run out, every chunk judged has ended. */
  atQuiescence(): string | undefined {
    if (this.chunksEnded !== this.chunksJudged) {
      return this.disagree(
        `${this.chunksJudged} chunk(s) judged, but ${this.chunksEnded} announced ended once the work ran out`,
      );
    }
    if (this.postSyncBatchesEnded !== this.postSyncBatches) {
      return this.disagree(
        `${this.postSyncBatches} live add(s) arrived during a sync, but ${this.postSyncBatchesEnded} post-sync batch(es) were announced ended once the work ran out`,
      );
    }
    return undefined;
  }

  private disagree(message: string): string {
    const entry = `${message} (entry ${this.context.currentEntry()})`;
    this.disagreements.push(entry);
    return entry;
  }

  /** An action begins: a session still awaiting its end from the last one is not held any longer. */
  actionBegins(): void {
    this.expectNoEndAwaited();
  }

  private expectNoEndAwaited(): void {
    const awaiting = this.awaitingEnd;
    if (awaiting === undefined) return;
    this.awaitingEnd = undefined;
    // Worded only here: a session leaves the cache on most syncs, and its end is nearly always announced.
    const what = awaiting.how === 'removed' ? 'removed' : `${awaiting.how} and its old object let go`;
    this.disagree(`session ${awaiting.token} was ${what}, but its end was not announced`);
  }

  private sessionChanged(event: SessionEvent): void {
    this.expectNoEndAwaited();
    const token = event.session.token;
    this.cacheChanges++;
    if (event.kind === 'removed') this.cache.delete(token);
    else this.cache.add(token);
    if (event.kind === 'removed') this.awaitingEnd = { session: event.session, token, how: 'removed' };
    else if (event.replaced !== undefined) {
      this.awaitingEnd = { session: event.replaced, token, how: event.kind };
    }
  }

  private observe(event: RouterEvent): void {
    switch (event.type) {
      case 'effect':
        this.effect(event.effect);
        return;
      case 'ended':
        if (event.kind === 'timer') this.timersEnded++;
        if (event.kind === 'tracker') this.trackersEnded++;
        if (event.kind === 'chunk') this.chunksEnded++;
        if (event.kind === 'post-sync batch') this.postSyncBatchesEnded++;
        if (event.kind !== 'session') return;
        if (this.context.router.state.getApiSession((event.object as ApiSession).token) === event.object) {
          this.disagree(`the end of a session was announced (${event.label}) while the cache still holds it`);
        }
        if (this.awaitingEnd?.session === event.object) this.awaitingEnd = undefined;
        else this.disagree(`the end of a session was announced (${event.label}) that had not just left the cache`);
        return;
      case 'sync-started':
        if (event.serial <= this.lastSerial) {
          this.disagree(
            `the tracker of ${event.syncId} started with serial ${event.serial}, after serial ${this.lastSerial}`,
          );
        }
        this.lastSerial = event.serial;
        // Announced as the tracker is made, just before the handler takes it.
        this.heldSyncId = event.syncId;
        this.trackersStarted++;
        return;
      case 'tracker-acts':
        this.trackerActs(event);
        return;
      case 'sync-applied':
        this.syncEnds(event.syncId, 'applied');
        if (this.acting === undefined)
          this.disagree(`sync ${event.syncId} was applied outside its tracker's tick or deadline`);
        return;
      case 'sync-failed':
        this.syncEnds(event.syncId, `failed (${event.cause})`);
        this.failure(event);
        return;
      case 'closed':
        this.closed(event.tracker);
        return;
      case 'chunk-judged':
        this.chunksJudged++;
        return;
      default:
        return;
    }
  }

  private syncEnds(syncId: string, how: string): void {
    const before = this.syncsEnded.get(syncId);
    if (before !== undefined) this.disagree(`sync ${syncId} ${how}, though it had ${before} already`);
    else this.syncsEnded.set(syncId, how);
  }

  /**
   * A failure names its cause, one of two, and the chunks missing in order; one for a
   * missed deadline names some exactly when the sync was not complete.
   */
  private failure(event: Extract<RouterEvent, { type: 'sync-failed' }>): void {
    const { missing, complete, cause } = event;
    const ordered = missing.every(
      (seq, i) => Number.isInteger(seq) && seq >= 0 && (i === 0 || seq > (missing[i - 1] as number)),
    );
    if (cause !== 'deadline') {
      if (cause !== 'broken-chunk' || !ordered) {
        this.disagree(`sync ${event.syncId} failed for "${cause}", naming chunk(s) [${missing.join(', ')}] missing`);
      }
      return;
    }
    if (this.acting?.on !== 'deadline') {
      this.disagree(`sync ${event.syncId} failed for its deadline outside a tracker's deadline`);
    }
    const chunks = this.context.adversarialDelivered() ? undefined : this.context.chunksOf(event.syncId);
    const past = chunks === undefined ? undefined : missing.find((seq) => seq >= chunks);
    if (past !== undefined) {
      this.disagree(
        `sync ${event.syncId} failed for its deadline naming chunk ${past} missing, though it has ${chunks} chunk(s)`,
      );
    }
    if (complete === missing.length > 0 || !ordered) {
      this.disagree(
        `sync ${event.syncId} failed for its deadline ${complete ? 'complete' : 'incomplete'}, naming chunk(s) [${missing.join(', ')}] missing`,
      );
    }
  }

  private trackerActs(event: Extract<RouterEvent, { type: 'tracker-acts' }>): void {
    if (event.phase === 'end') {
      this.acting = undefined;
      return;
    }
    this.acting = { on: event.on };
    const held = this.context.router.heldTracker();
    const current = held?.syncId === event.actor.syncId;
    if (event.actor.current !== current) {
      this.disagree(
        `the tracker of ${event.actor.syncId} acted on its ${event.on} announced as ${event.actor.current ? '' : 'not '}current, while the handler held ${held?.syncId ?? 'none'}`,
      );
    } else if (current && event.actor.collecting !== (held?.state === 'collecting')) {
      this.disagree(
        `the tracker of ${event.actor.syncId} acted on its ${event.on} announced as ${event.actor.collecting ? '' : 'not '}collecting, while it was ${held?.state}`,
      );
    }
  }

  private closed(announced: 'none' | 'collecting' | 'complete'): void {
    this.closedEvents++;
    const held = this.context.router.heldTracker();
    const collecting = held?.state === 'collecting';
    if ((announced === 'none') === collecting) {
      this.disagree(
        `a close was announced with tracker "${announced}", while the handler held ${held === undefined ? 'none' : `one ${held.state}`}`,
      );
    }
  }

  /**
   * Reads what an effect changed where it is announced: the detail is text for a person,
   * so the shadow takes the router's own state at that moment.
   */
  private effect(effect: string): void {
    const { router } = this.context;
    switch (effect) {
      case 'cache':
        this.cacheEffects++;
        return;
      case 'sync flag': {
        const flag = router.state.syncInProgressId();
        if (flag === this.syncFlag)
          this.disagree(`a sync flag change was announced, but the flag still reads "${flag}"`);
        this.syncFlag = flag;
        return;
      }
      case 'tracker released':
        this.heldSyncId = router.heldTracker()?.syncId;
        return;
      default:
        return;
    }
  }
}

function describeTokens(what: string, tokens: readonly string[]): string {
  if (tokens.length === 0) return '';
  const shown = tokens.slice(0, 3).join(', ');
  return `${what} ${shown}${tokens.length > 3 ? ` and ${tokens.length - 3} more` : ''}`;
}
