import { rmSync } from 'node:fs';
import { POST_SYNC_SNAPSHOT, type SnapshotTaken } from '../worker/WorkerMessages.js';

/** Snapshots kept on a leak, at most this much in total. */
export const SNAPSHOT_CAP_BYTES = 300 * 1024 * 1024;

/**
 * What to keep first: what the printed `memlab find-leaks` command needs (start as its
 * baseline, final as target and final), then the post-sync evidence, then the baseline
 * of the soak's own analysis (after warm-up), then intermediates from the latest back.
 */
function rank(snapshot: SnapshotTaken): number {
  const fixed: Record<string, number> = { start: 0, final: 1, [POST_SYNC_SNAPSHOT]: 2, baseline: 3 };
  return fixed[snapshot.label] ?? 4 + 1 / (1 + snapshot.cycle);
}

/** Keeps the most useful snapshots under the cap when `keep` is true; deletes the rest, or everything. */
export function keepSnapshots(snapshots: readonly SnapshotTaken[], keep: boolean): Set<string> {
  const kept = new Set<string>();
  if (keep) {
    let total = 0;
    for (const snapshot of [...snapshots].sort((a, b) => rank(a) - rank(b))) {
      if (total + snapshot.bytes > SNAPSHOT_CAP_BYTES) continue;
      total += snapshot.bytes;
      kept.add(snapshot.file);
    }
  }
  for (const snapshot of snapshots) if (!kept.has(snapshot.file)) rmSync(snapshot.file, { force: true });
  return kept;
}
