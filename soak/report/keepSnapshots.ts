import { rmSync } from 'node:fs';
import type { SnapshotTaken } from '../worker/WorkerMessages.js';

/** Snapshots kept on a leak, at most this much in total. */
export const SNAPSHOT_CAP_BYTES = 300 * 1024 * 1024;

/**
 * Keeps what `memlab find-leaks` needs (baseline, last intermediate as target, final),
 * then other intermediates while under the cap; deletes the rest, or everything when
 * `keep` is false.
 */
export function keepSnapshots(snapshots: readonly SnapshotTaken[], keep: boolean): Set<string> {
  const kept = new Set<string>();
  if (keep) {
    const baseline = snapshots[0];
    const final = snapshots.at(-1);
    const target = snapshots.length > 2 ? snapshots.at(-2) : undefined;
    const order = [baseline, final, target, ...snapshots.slice(1, -2).reverse()];
    let total = 0;
    for (const snapshot of order) {
      if (!snapshot || kept.has(snapshot.file)) continue;
      if (total + snapshot.bytes > SNAPSHOT_CAP_BYTES) continue;
      total += snapshot.bytes;
      kept.add(snapshot.file);
    }
  }
  for (const snapshot of snapshots) if (!kept.has(snapshot.file)) rmSync(snapshot.file, { force: true });
  return kept;
}
