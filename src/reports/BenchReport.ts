import { z } from 'zod';
import { FAULT_PROFILE_NAMES, type FaultProfileName } from '../faults.js';
import { readReportFile } from './ReportFileError.js';

export const BENCH_REPORT_KIND = 'bench-report';

/** tinybench's statistics of a figure's samples, one per round (or repetition, for counts). */
export const sampleStatisticsSchema = z.object({
  samples: z.number().int().min(0),
  mean: z.number(),
  p50: z.number(),
  p99: z.number(),
  /** Relative margin of error of the mean, percent (95%). */
  rme: z.number(),
});

/** One absolute figure with its spread over the samples: reported and trended, never gated. */
export const benchResultSchema = z.object({
  /** Stable name, e.g. `sut/full-sync/10k`. */
  name: z.string(),
  group: z.enum(['sut', 'harness', 'soak']),
  unit: z.string(),
  value: z.number(),
  higherIsBetter: z.boolean(),
  spread: z.object({
    samples: z.number().int().min(0),
    min: z.number(),
    max: z.number(),
    /** Relative margin of error, percent, where one was computed. */
    rme: z.number().optional(),
    p75: z.number().optional(),
    p99: z.number().optional(),
  }),
  /** tinybench's statistics of the per-round values, in the figure's unit. */
  stats: sampleStatisticsSchema.optional(),
  note: z.string().optional(),
  /** The most the figure may be (or, higher being better, the least), reported next to it: it gates nothing. */
  limit: z.number().optional(),
});

/** A figure that decides the run, compared with the baseline; higher is always worse. */
export const gateOutcomeSchema = z.object({
  /** Stable name, used to match the baseline, e.g. `sut/remove-missing/10k/over-reference`. */
  name: z.string(),
  /**
   * `vs-reference`: the figure's time over a fixed reference workload run in the same rounds;
   * `growth`: t(10N)/t(N) of one operation; `overhead`: the harness's time over the bare
   * system under test on the same cases; `count`: what load cannot move (bytes, tasks).
   */
  kind: z.enum(['vs-reference', 'growth', 'overhead', 'count']),
  /** What was measured, in words. */
  measures: z.string(),
  unit: z.string(),
  /** The first measurement: the median over `samples` rounds. */
  value: z.number(),
  samples: z.number().int().min(0),
  /** tinybench's statistics of the per-round values `value` is the median of. */
  stats: sampleStatisticsSchema.optional(),
  /** Absent when there is no baseline for this figure yet. */
  baseline: z.number().optional(),
  /** value / baseline: above 1 is worse. */
  ratio: z.number().optional(),
  /** The ratio a figure may reach before it is measured again. */
  threshold: z.number(),
  /** The most the figure may be, in its own unit, whatever its baseline: a promise of the design. */
  limit: z.number().optional(),
  /** A promise of the design for a time, reported beside the value as within or over; it gates nothing. */
  reportedLimit: z.number().optional(),
  /** Present when the first measurement was past the threshold or the limit. */
  remeasured: z
    .object({ value: z.number(), samples: z.number().int().min(0), ratio: z.number().optional() })
    .optional(),
  /**
   * `regressed`: past the threshold twice, the second time in fresh rounds; `not-confirmed`:
   * past it once, within it on re-measuring; `no-baseline`: nothing to compare with.
   */
  verdict: z.enum(['pass', 'regressed', 'not-confirmed', 'no-baseline']),
});

const machineSchema = z.object({ cpus: z.number().int(), totalMemBytes: z.number() });

export const benchReportSchema = z.object({
  kind: z.literal(BENCH_REPORT_KIND),
  version: z.literal(2),
  startedAt: z.string(),
  durationMs: z.number().int().min(0),
  node: z.string(),
  machine: machineSchema,
  /** A shorter run (fewer sizes and rounds), e.g. inside a budgeted nightly. */
  quick: z.boolean(),
  /** The fault profile the system under test ran with; anything but fixed is a self-test. */
  profile: z.enum(FAULT_PROFILE_NAMES as [FaultProfileName, ...FaultProfileName[]]),
  /** `fail` when a gate regressed; `inconclusive` when no gate had a baseline. */
  verdict: z.enum(['pass', 'fail', 'inconclusive']),
  /** The baseline the gates were judged against: its file, and where and when it was taken. */
  baseline: z.object({ file: z.string(), source: z.string() }).optional(),
  gates: z.array(gateOutcomeSchema),
  results: z.array(benchResultSchema),
});

/** Reports written before gates: absolute medians against absolute baselines. */
const benchReportV1Schema = z.object({
  kind: z.literal(BENCH_REPORT_KIND),
  version: z.literal(1),
  startedAt: z.string(),
  durationMs: z.number().int().min(0),
  node: z.string(),
  machine: machineSchema,
  quick: z.boolean(),
  results: z.array(benchResultSchema),
  comparison: z.array(z.unknown()),
});

const benchReportFileSchema = z.discriminatedUnion('version', [benchReportV1Schema, benchReportSchema]);

export type SampleStatistics = z.infer<typeof sampleStatisticsSchema>;
export type BenchResult = z.infer<typeof benchResultSchema>;
export type GateOutcome = z.infer<typeof gateOutcomeSchema>;
export type BenchReport = z.infer<typeof benchReportSchema>;

/**
 * Reads a report of either version. A version 1 report keeps its absolute figures, which
 * still trend, and loses its comparison: absolute times against a baseline decided nothing.
 */
export function readBenchReport(file: string): BenchReport {
  const report = readReportFile(file, BENCH_REPORT_KIND, benchReportFileSchema);
  if (report.version === 2) return report;
  const { comparison: _dropped, ...rest } = report;
  return { ...rest, version: 2, profile: 'fixed', verdict: 'inconclusive', gates: [] };
}
