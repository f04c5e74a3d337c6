import type { FaultProfileName } from '../../src/faults.js';
import type { KindCount } from '../../src/harness/index.js';
import type { PlantedLeak } from './plantedLeak.js';

/** What the parent asks of the workload child, over IPC. */
export type WorkerJob =
  | {
      readonly mode: 'scenario';
      readonly scenario: string;
      readonly profile: FaultProfileName;
      /** Run at least this long and at least this many cycles (either may be left out). */
      readonly durationMs?: number;
      readonly cycles?: number;
      readonly snapshotDir: string;
      /** Snapshots between the baseline and the final one. */
      readonly intermediateSnapshots: number;
      /** A leak planted on purpose, to measure what the scenario can see. */
      readonly plantedLeak?: PlantedLeak;
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

/** The label of the snapshot written when post-sync data is first queued outside a sync. */
export const POST_SYNC_SNAPSHOT = 'post-sync-queued';

/** Taken after gc. Sent as it is taken, so the worker's heap keeps nothing per sample. */
export interface HeapSample {
  readonly cycle: number;
  readonly elapsedMs: number;
  /** `process.memoryUsage().heapUsed`. */
  readonly heapUsedBytes: number;
  /** Of which V8's code spaces: compiled code keeps growing for minutes as functions get hot, and is no leak. */
  readonly codeSpaceBytes: number;
}

/** Sent as they happen, so the parent can show progress and the child keeps no series. */
export type WorkerProgress =
  | { readonly type: 'progress'; readonly cycle: number; readonly elapsedMs: number; readonly phase: string }
  | { readonly type: 'heap-sample'; readonly sample: HeapSample };

/** What the workload child returns. */
export interface WorkerOutcome {
  /** Objects whose life ended during the run, per kind, and how many are still reachable at the end. */
  readonly lifecycle: readonly KindCount[];
  readonly cycles: number;
  readonly durationMs: number;
  readonly snapshots: readonly SnapshotTaken[];
  /**
   * Taken before the router connected: the baseline of the printed memlab command, so that
   * a tracker made by the first sync (during warm-up) still counts as allocated after it.
   */
  readonly startSnapshot?: SnapshotTaken;
  /** Taken the first time post-sync data sat queued while no sync was in progress. */
  readonly postSyncSnapshot?: SnapshotTaken;
  readonly finalStats: Readonly<Record<string, number>>;
  /** Most post-sync sessions seen queued right after a live add handled while no sync was in progress. */
  readonly postSyncBufferedOutsideSyncPeak: number;
  readonly quiescent: boolean;
}

/** What the parent assembles from one worker: its outcome and the heap samples it sent along the way. */
export type WorkerResult = WorkerOutcome & { readonly heapTrend: readonly HeapSample[] };
