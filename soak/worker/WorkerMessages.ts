import type { FaultProfileName } from '../../src/faults.js';

/** What the parent asks of the worker, passed as JSON in argv. */
export type WorkerJob =
  | {
      readonly mode: 'scenario';
      readonly scenario: string;
      readonly profile: FaultProfileName;
      /** Stop after this long or this many cycles, whichever is given. */
      readonly durationMs?: number;
      readonly cycles?: number;
      readonly snapshotDir: string;
      /** Snapshots between the baseline and the final one. */
      readonly intermediateSnapshots: number;
    }
  | {
      readonly mode: 'counterexample';
      readonly file: string;
      readonly profile: FaultProfileName;
      readonly repeat: number;
      readonly snapshotDir: string;
    };

export interface SnapshotTaken {
  readonly label: string;
  readonly cycle: number;
  readonly file: string;
  readonly bytes: number;
}

export interface HeapSample {
  readonly cycle: number;
  readonly elapsedMs: number;
  readonly heapUsedBytes: number;
}

export type WorkerMessage =
  | { readonly type: 'progress'; readonly cycle: number; readonly elapsedMs: number; readonly phase: string }
  | {
      readonly type: 'result';
      readonly cycles: number;
      readonly durationMs: number;
      readonly snapshots: readonly SnapshotTaken[];
      readonly heapTrend: readonly HeapSample[];
      readonly finalStats: Readonly<Record<string, number>>;
      /** Most post-sync sessions seen queued right after a live add handled while no sync was in progress. */
      readonly postSyncBufferedOutsideSyncPeak: number;
      readonly quiescent: boolean;
    };
