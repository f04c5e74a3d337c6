import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeHeapSnapshot } from 'node:v8';
import { analyzeSnapshots } from '../soak/analysis/analyzeSnapshots.js';
import type { BenchResult } from '../src/harness/reports/BenchReport.js';
import { prepareFullSync, runFullSync } from './fullSync.js';
import { median } from './measure.js';

/** memlab's analysis (parse, dominators, retained sizes, our filter) per megabyte of snapshot. */
export async function soakAnalysisBenchmark(rounds: number, log: (line: string) => void): Promise<BenchResult> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-snapshots-'));
  const values: number[] = [];
  try {
    const system = prepareFullSync(20_000);
    runFullSync(system);
    const file = writeHeapSnapshot(join(dir, 'bench.heapsnapshot'));
    const megabytes = statSync(file).size / 1024 / 1024;
    for (let i = 0; i < rounds; i++) {
      const analysis = await analyzeSnapshots([file]);
      values.push(analysis.analysisMs / megabytes);
      log(`soak analysis: ${(analysis.analysisMs / megabytes).toFixed(1)} ms/MB (${megabytes.toFixed(1)} MB)`);
    }
    // Keeps the system alive until the snapshot is written.
    if (system.router.stats().sessionsCached === 0) throw new Error('the benchmark sync cached nothing');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return {
    name: 'soak/analysis-ms-per-mb',
    group: 'soak',
    unit: 'ms/MB',
    value: median(values),
    higherIsBetter: false,
    spread: { samples: values.length, min: Math.min(...values), max: Math.max(...values) },
  };
}
