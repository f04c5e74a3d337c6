import { existsSync, readFileSync } from 'node:fs';
import type { BenchReport, BenchResult } from '../src/harness/reports/BenchReport.js';

/**
 * Allowed slowdown before a figure counts as a regression. The machines are shared
 * 2-core boxes where the same run varies by tens of percent, so time figures get 2x;
 * heap per session and growth ratios are steadier and get 1.5x.
 */
export function thresholdFor(result: BenchResult): number {
  return result.unit === 'bytes/session' || result.unit === 'ratio' ? 1.5 : 2;
}

export type Baseline = Record<string, number>;

export class BaselineError extends Error {
  constructor(file: string, reason: string) {
    super(`${file}: ${reason}; rerun with --update-baseline to write a new one`);
    this.name = 'BaselineError';
  }
}

export function readBaseline(file: string): Baseline | undefined {
  if (!existsSync(file)) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    throw new BaselineError(file, 'not JSON');
  }
  const figures = (json as { figures?: unknown } | null)?.figures;
  if (typeof figures !== 'object' || figures === null) throw new BaselineError(file, 'no "figures" object');
  for (const [name, value] of Object.entries(figures)) {
    if (typeof value !== 'number' || !Number.isFinite(value))
      throw new BaselineError(file, `figure ${name} is not a number`);
  }
  return figures as Baseline;
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
