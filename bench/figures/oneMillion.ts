import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { FaultProfileName } from '../../src/faults.js';
import { REPO_ROOT } from '../../src/harness/repoRoot.js';
import type { BenchResult } from '../../src/harness/reports/BenchReport.js';
import { BenchAbortedError } from '../timing/measureRounds.js';

export class OneMillionSyncError extends Error {
  constructor(reason: string) {
    super(`the 1M full sync failed: ${reason}`);
    this.name = 'OneMillionSyncError';
  }
}

/**
 * One full sync of a million sessions in a child process of its own heap: its time and
 * peak heap. Run once, with nothing to pair it with, so both are trend figures only.
 */
export async function oneMillionSync(
  profile: FaultProfileName,
  log: (line: string) => void,
  signal?: AbortSignal,
): Promise<BenchResult[]> {
  log('sut/full-sync/1M: in a child process');
  let stdout: string;
  try {
    ({ stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', 'bench/oneMillionWorker.ts', '1000000', profile],
      { cwd: REPO_ROOT, encoding: 'utf8', timeout: 20 * 60_000, maxBuffer: 1 << 20, ...(signal ? { signal } : {}) },
    ));
  } catch (error) {
    if (signal?.aborted) throw new BenchAbortedError();
    const stderr = (error as { stderr?: string }).stderr ?? (error as Error).message;
    throw new OneMillionSyncError(stderr.trim().split('\n').slice(-3).join(' | '));
  }
  const figures = JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as {
    ms: number;
    peakHeapBytes: number;
    cached: number;
  };
  log(
    `sut/full-sync/1M: ${(figures.ms / 1000).toFixed(1)} s, peak heap ${(figures.peakHeapBytes / 2 ** 20).toFixed(0)} MiB, ${figures.cached} cached`,
  );
  const one = (name: string, unit: string, value: number): BenchResult => ({
    name,
    group: 'sut',
    unit,
    value,
    higherIsBetter: false,
    spread: { samples: 1, min: value, max: value },
  });
  return [
    one('sut/full-sync/1M-total', 'ms', figures.ms),
    one('sut/full-sync/1M-peak-heap', 'bytes', figures.peakHeapBytes),
  ];
}
