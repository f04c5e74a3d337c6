import type { BenchResult, GateOutcome } from '../../src/reports/BenchReport.js';
import type { Samples } from '../timing/TimedWork.js';
import type { Figure } from './figures.js';

/**
 * Every gate is one of these: a time over a reference timed in the same rounds, the
 * growth of one operation from N to 10N, the harness's cost over the bare system under
 * test, or a count that load cannot move. An absolute time is none of them.
 */
export type GateKind = GateOutcome['kind'];

/** A figure that can fail the run. Higher is always worse. */
export interface GateDefinition {
  readonly name: string;
  readonly kind: GateKind;
  /** What is measured, in words, for the report. */
  readonly measures: string;
  readonly unit: string;
  /** How far past its baseline the figure may go, as a factor. */
  readonly threshold: number;
  /** The most the figure may be whatever its baseline, in its own unit: a promise of the design that gates. */
  readonly limit?: number;
  /**
   * A promise of the design for a time, in the figure's unit: reported beside the figure
   * as within or over, never gating. A busy machine moves a time ratio too far for an
   * absolute line to hold without false failures; the baseline gate catches a regression.
   */
  readonly reportedLimit?: number;
  readonly figure: (samples: Samples) => Figure;
}

/**
 * Works measured together, and the gates and absolute figures taken from them. Making
 * one is cheap (its works are built on the first measurement), so the process that
 * judges can hold the same group as the process that measures.
 */
export interface MeasurementGroup {
  readonly name: string;
  readonly gates: readonly GateDefinition[];
  /** Rounds (or repetitions, for counts) of the first measurement and of a re-measurement. */
  readonly rounds: number;
  readonly confirmRounds: number;
  readonly measure: (rounds: number, signal?: AbortSignal) => Promise<Samples>;
  /** The group starts a child process of its own (a larger heap, say): not to be wrapped in another. */
  readonly ownProcess?: boolean;
  /** Absolute figures from the first measurement: reported and trended, never gated. */
  readonly absolute: (samples: Samples) => BenchResult[];
}
