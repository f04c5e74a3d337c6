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
  /** Whether an adversarial message reached the router on this connection. */
  adversarialDelivered(): boolean;
  /** The kind of adversarial message being delivered right now, if it is one. */
  deliveringKind(): string | undefined;
  /** Whether an adversarial message reached the router on this connection before the one being delivered. */
  adversarialBefore(): boolean;
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
  readonly reached = new Set<string>();
  resyncsRequested = 0;
  /** `sync-started` and `sync-applied` events heard: what the router's counters must agree with. */
  syncsStarted = 0;
  syncsApplied = 0;
  private readonly trackersPerSync = new Map<string, number>();
  private readonly syncStartedAt = new Map<string, number>();
  private acting: { readonly actor: TrackerActor; readonly on: 'tick' | 'deadline' } | undefined;

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
        this.syncsApplied++;
        if (this.acting?.on === 'deadline') this.reached.add(COVERAGE.deadlineWithEveryChunk);
        if (event.sessions === 0) this.reached.add(COVERAGE.syncOfNoSessions);
        return;
      case 'sync-failed':
        this.failed(event);
        return;
      case 'tracker-replaced':
        this.reached.add(event.complete ? COVERAGE.replacedComplete : COVERAGE.replacedCollecting);
        return;
      case 'closed':
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
   * stale; the controller's own chunk is the first of a newer sync, or the next of the current
   * one while nothing adversarial came before it; a replay of the current sync, with nothing
   * adversarial before it, is a duplicate. Undefined where it depends on what came before.
   */
  private expectedVerdict(
    event: Extract<RouterEvent, { type: 'chunk-judged' }>,
    kind: string | undefined,
  ): Extract<RouterEvent, { type: 'chunk-judged' }>['verdict'] | undefined {
    if (event.relation === 'older' || event.relation === 'closed') return 'stale';
    const clean = !this.context.adversarialBefore();
    if (kind === undefined) return event.relation === 'newer' ? 'first' : clean ? 'next' : undefined;
    if ((kind === 'duplicate-chunk' || kind === 'late-chunk') && event.relation === 'current' && clean) {
      return 'duplicate';
    }
    return undefined;
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
      justified = this.context.adversarialDelivered();
      why = justified ? 'a broken chunk reached the router' : 'no broken chunk reached the router on this connection';
    }
    this.failures.push({
      syncId: event.syncId,
      cause: event.cause,
      why,
      justified,
      atEntry: this.context.currentEntry(),
    });
  }

  private chunkJudged(event: Extract<RouterEvent, { type: 'chunk-judged' }>): void {
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
