import { FAULT_PROFILES, type FaultFlags } from '../../../faults.js';
import { VirtualRuntime } from '../../../runtime/VirtualRuntime.js';
import type { ApiSession } from '../../../session/messages.js';
import { RouterEvents } from '../../../session/RouterEvents.js';
import { SyncTracker } from '../../../session/SyncTracker.js';
import { TrackerRegistry } from '../../../session/TrackerRegistry.js';
import type { TraceState } from '../../engine/ModelSystem.js';
import { PartScenario } from '../PartScenario.js';
import { type AnnouncedEnd, type Reaction, TRACKER_SERIAL, TRACKER_SYNC_ID, TrackerModel } from './TrackerModel.js';

export interface TrackerCaseParams {
  readonly tickIntervalMs: number;
  readonly deadlineMs: number;
  readonly stoppedTrackerMayApply: boolean;
  readonly stoppedTrackerMayFail: boolean;
  readonly deadlineBeatsCompleteSync: boolean;
}

/**
 * One sync tracker, registered and started, beside its model: what it announced ended,
 * what its callbacks were told, and what they do when a timer fires.
 */
export class TrackerScenario extends PartScenario {
  readonly runtime = new VirtualRuntime();
  readonly events = new RouterEvents();
  readonly ended: AnnouncedEnd[] = [];
  readonly calls: string[] = [];
  /** What the callbacks do when the next timer fires. */
  reaction: Reaction = 'none';
  readonly tracker: SyncTracker;
  readonly registry = new TrackerRegistry();
  readonly model: TrackerModel;
  private readonly chunkNumbers = new WeakMap<object, number>();
  private serial = 0;

  constructor(params: TrackerCaseParams) {
    super();
    const { tickIntervalMs, deadlineMs, ...flags } = params;
    const faults: FaultFlags = { ...FAULT_PROFILES.fixed, ...flags };
    this.events.subscribe((event) => {
      if (event.type !== 'ended') return;
      const chunk = event.kind === 'chunk' ? { object: this.chunkNumber(event.object) } : {};
      this.ended.push({ kind: event.kind, ...chunk, label: event.label });
    });
    const react = (tracker: SyncTracker): void => {
      if (this.reaction === 'apply') tracker.markApplied();
      else if (this.reaction === 'fail') tracker.markFailed();
      else if (this.reaction === 'stop') tracker.stop();
    };
    const timing = { tickIntervalMs, deadlineMs };
    this.tracker = new SyncTracker(TRACKER_SYNC_ID, TRACKER_SERIAL, {
      runtime: this.runtime,
      timing,
      faults,
      events: this.events,
      callbacks: {
        onComplete: (t, on) => {
          this.calls.push(`complete on ${on} at ${this.runtime.now()}`);
          react(t);
        },
        onDeadline: (t) => {
          this.calls.push(`deadline at ${this.runtime.now()}`);
          react(t);
        },
      },
    });
    this.registry.register(this.tracker, TRACKER_SERIAL);
    this.tracker.start();
    this.model = new TrackerModel(this.runtime, timing, faults, (chunk) => this.chunkNumber(chunk));
  }

  /** The number the case gave a chunk's array, or -1 for one it never made. */
  chunkNumber(chunk: object): number {
    return this.chunkNumbers.get(chunk) ?? -1;
  }

  /** A fresh chunk of `size` sessions, numbered so an announcement can be traced to the very array. */
  sessionsOf(size: number): ApiSession[] {
    const sessions = Array.from({ length: size }, () => {
      const serial = ++this.serial;
      return {
        id: `as-${serial}`,
        token: `token-${serial}`,
        identityId: 'identity-1',
        certFingerprints: [`fp-${serial}`],
      };
    });
    this.chunkNumbers.set(sessions, ++this.serial);
    return sessions;
  }

  state(): TraceState {
    return {
      time: this.runtime.now(),
      state: this.tracker.state,
      chunks: this.tracker.chunkCount(),
      missing: this.tracker.missingSequences().join(' '),
    };
  }
}
