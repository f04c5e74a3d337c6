import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeHeapSnapshot } from 'node:v8';
import { analyzeSnapshots } from '../../soak/analysis/analyzeSnapshots.js';
import { prepareFullSync, runFullSync } from '../fullSync.js';
import { pairedRatio } from '../gates/figures.js';
import type { MeasurementGroup } from '../gates/Gate.js';
import { mapChurn } from '../reference/mapChurn.js';
import { benchRounds } from '../timing/benchRounds.js';
import type { Samples } from '../timing/TimedWork.js';
import { absoluteResult } from './absoluteResult.js';
import type { GroupOptions } from './GroupOptions.js';
import { REFERENCE_THRESHOLD } from './thresholds.js';

/** Passes over 100k keys that take about as long as one analysis of the snapshot. */
const REFERENCE_PASSES = 45;
const WORK = 'soak/analysis';
const REFERENCE = `reference/map-churn/100kx${REFERENCE_PASSES}`;
/** Not timed: the snapshot's size, for the per-megabyte figure. */
const MEGABYTES = 'soak/snapshot-megabytes';

/** A snapshot of this process holding a synced router of 20k sessions; its folder is the caller's to delete. */
function writeSnapshot(dir: string, options: GroupOptions): string {
  const system = prepareFullSync(20_000, options.profile);
  runFullSync(system);
  const file = writeHeapSnapshot(join(dir, 'bench.heapsnapshot'));
  // Keeps the system alive until the snapshot is written.
  if (system.router.stats().sessionsCached === 0) throw new Error('the benchmark sync cached nothing');
  return file;
}

/** memlab's analysis (parse, dominators, retained sizes, our filter) of one snapshot, against a reference. */
export function soakAnalysisGroup(options: GroupOptions): MeasurementGroup {
  return {
    name: 'soak-analysis',
    gates: [
      {
        name: 'soak/analysis/over-reference',
        kind: 'vs-reference',
        measures: `memlab's analysis of a heap snapshot with a synced router of 20k sessions, over ${REFERENCE_PASSES} passes of the reference of 100k string keys; median of the per-round ratios of CPU time`,
        unit: 'x reference',
        threshold: REFERENCE_THRESHOLD,
        figure: (samples) => pairedRatio(samples, WORK, REFERENCE),
      },
    ],
    rounds: options.rounds,
    confirmRounds: options.confirmRounds,
    measure: async (rounds, signal): Promise<Samples> => {
      const dir = mkdtempSync(join(tmpdir(), 'bench-snapshots-'));
      try {
        const file = writeSnapshot(dir, options);
        const works = [{ name: WORK, async: true, run: () => analyzeSnapshots([file]).then(() => undefined) }];
        // No untimed warm-up: one analysis takes seconds and compiles what it needs early on.
        const samples = await benchRounds([...works, mapChurn(REFERENCE, 100_000, REFERENCE_PASSES)], {
          rounds,
          warmupRounds: 0,
          signal,
        });
        return { ...samples, [MEGABYTES]: [statSync(file).size / 2 ** 20] };
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
    absolute: (samples) => [
      absoluteResult(
        'soak/analysis-ms-per-mb',
        'soak',
        'ms/MB',
        samples[WORK] ?? [],
        (ms) => ms / (samples[MEGABYTES]?.[0] ?? 1),
        false,
        `CPU time, a ${(samples[MEGABYTES]?.[0] ?? 0).toFixed(1)} MB snapshot`,
      ),
    ],
  };
}
