import type { RouterEvent } from '../../../../session/RouterEvents.js';
import type { RouterScenario } from '../../RouterScenario.js';

/** A sync the router ended without applying, with what the model knows of why. */
export interface SyncFailure {
  readonly syncId: string;
  readonly cause: 'deadline' | 'broken-chunk';
  /** Why the failure was called for, or why it was not. */
  readonly why: string;
  readonly justified: boolean;
  readonly atEntry: number;
}

/**
 * Judges each sync failure the router announces: one for a missed deadline has a cause
 * when a chunk was really missing at the sync's own deadline; one for a broken chunk, when
 * a message that can break a sync reached the router on this connection.
 */
export class SyncFailures {
  /** Pushed only here, so that the counts below stay true. */
  private readonly judged: SyncFailure[] = [];
  /** Failures of syncs that had a tracker: each tracker ends applied, aborted or failed. */
  trackedFailures = 0;
  /** Failures with a cause, counted as they are judged: read after every step. */
  private justifiedCount = 0;
  private firstNeedless: SyncFailure | undefined;
  private readonly startedAt = new Map<string, number>();

  /** The case's record of failures, shared by every invariant that judges from it. */
  static of(scenario: RouterScenario): SyncFailures {
    return scenario.sharedObserver(makeSyncFailures);
  }

  constructor(private readonly scenario: RouterScenario) {
    scenario.system.router.events.subscribe((event) => {
      if (event.type === 'sync-started') this.startedAt.set(event.syncId, scenario.runtime.now());
      if (event.type === 'sync-failed') this.failed(event);
    });
  }

  /** Every failure, in the order announced. */
  get failures(): readonly SyncFailure[] {
    return this.judged;
  }

  withCause(): number {
    return this.justifiedCount;
  }

  /** The first failure without a cause, kept as it is judged: read after every step. */
  firstWithoutCause(): SyncFailure | undefined {
    return this.firstNeedless;
  }

  private failed(event: Extract<RouterEvent, { type: 'sync-failed' }>): void {
    const { scenario } = this;
    if (this.startedAt.has(event.syncId)) this.trackedFailures++;
    const deadlineMs = scenario.params.deadlineMs;
    let justified: boolean;
    let why: string;
    if (event.cause === 'deadline') {
      const started = this.startedAt.get(event.syncId);
      const age = started === undefined ? undefined : scenario.runtime.now() - started;
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
      justified = scenario.breakingOnThisConnection();
      why = justified
        ? 'a broken chunk reached the router'
        : 'no broken chunk reached the router on this connection (a replayed chunk breaks nothing)';
    }
    const failure: SyncFailure = {
      syncId: event.syncId,
      cause: event.cause,
      why,
      justified,
      atEntry: scenario.currentEntry(),
    };
    if (justified) this.justifiedCount++;
    else this.firstNeedless ??= failure;
    this.judged.push(failure);
  }
}

const makeSyncFailures = (scenario: RouterScenario) => new SyncFailures(scenario);
