import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { keepSnapshots, SNAPSHOT_CAP_BYTES } from '../../soak/report/keepSnapshots.js';
import { temporaryReportsDir } from '../support/runCli.js';

function snapshots(labels: readonly [string, number][]) {
  const dir = temporaryReportsDir();
  return labels.map(([label, cycle]) => {
    const file = join(dir, `${label}.heapsnapshot`);
    writeFileSync(file, label);
    // Each claims a third of the cap, so only three fit.
    return { label, cycle, file, bytes: Math.floor(SNAPSHOT_CAP_BYTES / 3) };
  });
}

describe('keepSnapshots', () => {
  const series: [string, number][] = [
    ['start', 0],
    ['baseline', 0],
    ['during-1', 10],
    ['during-2', 20],
    ['final', 30],
    ['post-sync-queued', 3],
  ];

  test('on a leak keeps what the printed memlab command needs and the post-sync evidence first, under the cap', () => {
    const taken = snapshots(series);
    const kept = keepSnapshots(taken, true);
    const labels = taken.filter((s) => kept.has(s.file)).map((s) => s.label);
    expect(labels).toEqual(['start', 'final', 'post-sync-queued']);
    for (const s of taken) expect(existsSync(s.file)).toBe(kept.has(s.file));
  });

  test('when clean deletes every snapshot', () => {
    const taken = snapshots(series);
    expect(keepSnapshots(taken, false).size).toBe(0);
    for (const s of taken) expect(existsSync(s.file)).toBe(false);
  });
});
