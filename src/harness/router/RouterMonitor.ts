import type { Controller } from '../../session/Controller.js';
import type { Router } from '../../session/Router.js';
import type { RouterEvent, TrackerActor } from '../../session/RouterEvents.js';
import { COVERAGE } from './coverage.js';

/** A sync the router ended without applying, with what the model knows of why. */
export interface SyncFailure {
  readonly syncId: string;
  readonly cause: 'deadline' | 'broken-chunk';
  /** Why the failure was called for, or why it was not. */
  readonly why: string;
  readonly justified: boolean;
  readonly atEntry: number;
}

/** What the monitor needs of its scenario besides the router's own events. */
export interface MonitorContext {
  readonly router: Router;
  readonly controller: Controller;
  readonly deadlineMs: number;
  now(): number;
  currentEntry(): number;
  /** Whether an adversarial message that can break a sync (anything but a replay) reached the router on this connection. */
  breakingDelivered(): boolean;
  /** The kind of adversarial message being delivered right now, if it is one. */
  deliveringKind(): string | undefined;
  /** Whether an adversarial message reached the router on this connection before the one being delivered. */
  adversarialBefore(): boolean;
  /** Whether the controller's last chunk of `syncId` reached the router on this connection. */
  lastChunkDelivered(syncId: string): boolean;
}

/**
 * Listens to the router as a case runs and keeps what the cost invariants and the coverage
 * table judge: who acted in what standing and with what effect, why each sync failed,
 * which trackers each sync got, and which named behaviours the case reached.
 */
export class RouterMonitor {
  /** Effects of trackers that were no longer current or collecting: each is a violation of `inert`. */
  readonly staleEffects: string[] = [];
  readonly failures: SyncFailure[] = [];
  /** Sync ids that got a second tracker: a twin that cannot complete. */
  readonly twins: string[] = [];
  /** Full-state chunks the router judged other than what the model knows they are: each breaks `sorted`. */
  readonly misjudged: string[] = [];
  /** Syncs acted on as if whole after a broken chunk of theirs reached the router: each breaks `prompt`. */
  readonly brokenSyncsKept: string[] = [];
  readonly reached = new Set<string>();
  resyncsRequested = 0;
  /** `sync-started` and `sync-applied` events heard: what the router's counters must agree with. */
  syncsStarted = 0;
  syncsApplied = 0;
  /** Trackers the router announced replaced or closed while collecting: what `syncsAborted` must count. */
  syncsAborted = 0;
  /** Failures of syncs that had a tracker: each tracker ends applied, aborted or failed. */
  trackedFailures = 0;
  private readonly trackersPerSync = new Map<string, number>();
  private readonly syncStartedAt = new Map<string, number>();
  /** Syncs a chunk broke past repair (a second last chunk, a chunk past the last), with how and when. */
  private readonly brokenSyncs = new Map<string, string>();
  private acting: { readonly actor: TrackerActor; readonly on: 'tick' | 'deadline' } | undefined;
  /** The router's gate as its events show it: the sync opened last ("" after a close) and whether it ended. */
  private gateSync = '';
  private gateClosed = false;

  constructor(private readonly context: MonitorContext) {
    context.router.events.subscribe((event) => this.observe(event));
  }

  failuresWithoutCause(): SyncFailure[] {
    return this.failures.filter((failure) => !failure.justified);
  }

  private observe(event: RouterEvent): void {
    switch (event.type) {
      case 'tracker-acts':
        this.acting = event.phase === 'start' ? { actor: event.actor, on: event.on } : undefined;
        return;
      case 'effect':
        this.effect(event.effect, event.detail);
        return;
      case 'sync-started': {
        this.syncsStarted++;
        const trackers = (this.trackersPerSync.get(event.syncId) ?? 0) + 1;
        this.trackersPerSync.set(event.syncId, trackers);
        if (trackers === 2) this.twins.push(event.syncId);
        this.syncStartedAt.set(event.syncId, this.context.now());
        return;
      }
      case 'sync-applied':
        this.gateClosedFor(event.syncId);
        this.syncsApplied++;
        this.keptAfterBreak(event.syncId, 'applied');
        if (this.acting?.on === 'deadline') this.reached.add(COVERAGE.deadlineWithEveryChunk);
        if (event.sessions === 0) this.reached.add(COVERAGE.syncOfNoSessions);
        return;
      case 'sync-failed':
        this.gateClosedFor(event.syncId);
        if (event.cause === 'deadline') this.keptAfterBreak(event.syncId, 'left to fail at its deadline');
        if (this.trackersPerSync.has(event.syncId)) this.trackedFailures++;
        this.failed(event);
        return;
      case 'tracker-replaced':
        this.syncsAborted++;
        this.reached.add(event.complete ? COVERAGE.replacedComplete : COVERAGE.replacedCollecting);
        return;
      case 'closed':
        this.gateSync = '';
        this.gateClosed = false;
        if (event.tracker !== 'none') this.syncsAborted++;
        this.reached.add(
          event.tracker === 'none'
            ? COVERAGE.closeIdle
            : event.tracker === 'collecting'
              ? COVERAGE.closeCollecting
              : COVERAGE.closeComplete,
        );
        return;
      case 'chunk-judged':
        this.chunkJudged(event);
        return;
      case 'ended':
        return;
    }
  }

  private effect(effect: string, detail: string): void {
    if (effect === 'resync requested') {
      this.resyncsRequested++;
      if (this.context.controller.isStreaming()) this.reached.add(COVERAGE.resyncWhileStreaming);
    }
    const acting = this.acting;
    if (acting === undefined || (acting.actor.current && acting.actor.collecting)) return;
    const standing = [acting.actor.current ? '' : 'no longer current', acting.actor.collecting ? '' : 'ended']
      .filter((part) => part !== '')
      .join(' and ');
    this.staleEffects.push(
      `the tracker of ${acting.actor.syncId} (#${acting.actor.serial}), ${standing}, acted on its ${acting.on}: ${effect}: ${detail} (entry ${this.context.currentEntry()})`,
    );
  }

  /**
   * What a chunk must be judged, where the model knows: anything of an older or ended sync is
   * stale, anything of a newer one opens it; the controller's own chunk is the next of the
   * current sync while nothing adversarial came before it; with nothing adversarial before,
   * a replay of the current sync is a duplicate, and a chunk numbered past its last one is
   * past its last (or a second last) once the real last chunk is in, and otherwise cannot
   * be told from a next chunk yet. Undefined where it depends on what came before.
   */
  private expectedVerdict(
    event: Extract<RouterEvent, { type: 'chunk-judged' }>,
    kind: string | undefined,
  ): Extract<RouterEvent, { type: 'chunk-judged' }>['verdict'] | undefined {
    if (event.relation === 'older' || event.relation === 'closed') return 'stale';
    if (event.relation === 'newer') return 'first';
    if (this.context.adversarialBefore()) return undefined;
    switch (kind) {
      case undefined:
        return 'next';
      case 'duplicate-chunk':
      case 'late-chunk':
        return 'duplicate';
      case 'chunk-past-last':
        return this.context.lastChunkDelivered(event.syncId) ? 'past-last' : 'next';
      case 'second-last-chunk':
        return this.context.lastChunkDelivered(event.syncId) ? 'second-last' : 'next';
      default:
        return undefined;
    }
  }

  private failed(event: Extract<RouterEvent, { type: 'sync-failed' }>): void {
    const { deadlineMs } = this.context;
    let justified: boolean;
    let why: string;
    if (event.cause === 'deadline') {
      if (this.acting?.on === 'deadline' && !event.complete) this.reached.add(COVERAGE.deadlineWithChunkMissing);
      const started = this.syncStartedAt.get(event.syncId);
      const age = started === undefined ? undefined : this.context.now() - started;
      if (event.complete) {
        justified = false;
        why = 'every chunk was in';
      } else if (age === undefined || age < deadlineMs) {
        justified = false;
        why = `its own deadline had not passed (${age ?? '?'} of ${deadlineMs} ms)`;
      } else {
        justified = true;
        why = `chunk(s) ${event.missing.join(', ')} still missing at its deadline`;
      }
    } else {
      justified = this.context.breakingDelivered();
      why = justified
        ? 'a broken chunk reached the router'
        : 'no broken chunk reached the router on this connection (a replayed chunk breaks nothing)';
    }
    this.failures.push({
      syncId: event.syncId,
      cause: event.cause,
      why,
      justified,
      atEntry: this.context.currentEntry(),
    });
  }

  private keptAfterBreak(syncId: string, what: string): void {
    const broken = this.brokenSyncs.get(syncId);
    if (broken !== undefined) {
      this.brokenSyncsKept.push(`sync ${syncId} was ${what} (entry ${this.context.currentEntry()}) after ${broken}`);
    }
  }

  /**
   * A chunk of `syncId` whose body no longer parses is about to reach the router. While that
   * sync can still complete (it is newer than the one opened last, or that one and not ended),
   * it must now fail for it: never be applied, nor left to its deadline.
   */
  brokenChunkDelivered(syncId: string): void {
    if (syncId < this.gateSync || (syncId === this.gateSync && this.gateClosed)) return;
    if (!this.brokenSyncs.has(syncId)) {
      this.brokenSyncs.set(syncId, `a chunk with a corrupted body broke it (entry ${this.context.currentEntry()})`);
    }
    this.gateClosedFor(syncId);
  }

  /** The router's gate closes a sync as it ends, opening it first if it is newer. */
  private gateClosedFor(syncId: string): void {
    if (syncId < this.gateSync) return;
    this.gateSync = syncId;
    this.gateClosed = true;
  }

  private chunkJudged(event: Extract<RouterEvent, { type: 'chunk-judged' }>): void {
    if (event.verdict === 'first') {
      this.gateSync = event.syncId;
      this.gateClosed = false;
    }
    if (event.relation === 'current' && (event.verdict === 'second-last' || event.verdict === 'past-last')) {
      this.gateClosed = true;
      if (!this.brokenSyncs.has(event.syncId)) {
        this.brokenSyncs.set(event.syncId, `a ${event.verdict} chunk broke it (entry ${this.context.currentEntry()})`);
      }
    }
    const kind = this.context.deliveringKind();
    const expected = this.context.router.faults.messagesHandledOutOfOrder
      ? undefined
      : this.expectedVerdict(event, kind);
    if (expected !== undefined && expected !== event.verdict) {
      this.misjudged.push(
        `a ${kind ?? 'controller'} chunk of ${event.syncId} (${event.relation} to the gate) was judged ${event.verdict}, not ${expected} (entry ${this.context.currentEntry()})`,
      );
    }
    const older = event.relation === 'older' || event.relation === 'closed';
    if (kind === 'duplicate-chunk') this.reached.add(older ? COVERAGE.duplicateOlder : COVERAGE.duplicateCurrent);
    if (kind === 'late-chunk') this.reached.add(older ? COVERAGE.lateOlder : COVERAGE.lateCurrent);
    if (kind === 'chunk-past-last' || kind === 'second-last-chunk') {
      this.reached.add(older ? COVERAGE.pastLastOlder : COVERAGE.pastLastCurrent);
    }
  }
}
