import { existsSync, readFileSync } from 'node:fs';
import { HarnessError } from '../src/errors.js';
import type { BenchReport, BenchResult } from '../src/harness/reports/BenchReport.js';

/**
 * Allowed slowdown before a figure counts as a regression. The machines are shared
 * 2-core boxes where the same run varies by tens of percent, so time figures get 2x;
 * so do ratios of two times (growth, fast-check's overhead), which carry the noise of
 * both: the 10k/1k growth of remove-missing, as a quotient of means, went from 75 to
 * 123 between two runs of one commit. Heap per session is steady and gets 1.5x.
 */
export function thresholdFor(result: BenchResult): number {
  return result.unit === 'bytes/session' ? 1.5 : 2;
}

export type Baseline = Record<string, number>;

/**
 * A quick run (fewer sizes and samples, a smaller heap) gives other figures than a full
 * one: the 10k/1k growth of remove-missing came out at 22 quick against 12 full on one
 * machine. So each mode keeps a baseline of its own.
 */
export type BenchMode = 'full' | 'quick';
export type BaselineFile = Partial<Record<BenchMode, Baseline>>;

export class BaselineError extends HarnessError {
  constructor(file: string, reason: string) {
    super('baseline', `${file}: ${reason}; rerun with --update-baseline to write a new one`);
    this.name = 'BaselineError';
  }
}

/** Both modes' baselines; an empty object when there is no file yet. */
export function readBaselineFile(file: string): BaselineFile {
  if (!existsSync(file)) return {};
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    throw new BaselineError(file, 'not JSON');
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw new BaselineError(file, 'not an object');
  const baselines: BaselineFile = {};
  for (const [mode, figures] of Object.entries(json)) {
    if (mode !== 'full' && mode !== 'quick') throw new BaselineError(file, `unknown mode "${mode}" (full or quick)`);
    if (typeof figures !== 'object' || figures === null) throw new BaselineError(file, `"${mode}" is not an object`);
    for (const [name, value] of Object.entries(figures)) {
      if (typeof value !== 'number' || !Number.isFinite(value)) {
        throw new BaselineError(file, `figure ${mode}.${name} is not a number`);
      }
    }
    baselines[mode] = figures as Baseline;
  }
  return baselines;
}

/** Ratios against the baseline, >1 always meaning worse. */
export function compareWithBaseline(results: readonly BenchResult[], baseline: Baseline): BenchReport['comparison'] {
  return results
    .filter((result) => baseline[result.name] !== undefined && Number.isFinite(result.value))
    .map((result) => {
      const base = baseline[result.name] ?? 0;
      const ratio = result.higherIsBetter ? base / result.value : result.value / base;
      const threshold = thresholdFor(result);
      return {
        name: result.name,
        baseline: base,
        current: result.value,
        ratio,
        threshold,
        regressed: ratio > threshold,
      };
    });
}
