import { z } from 'zod';
import { readReportFile } from './ReportFileError.js';

export const BENCH_REPORT_KIND = 'bench-report';

/** One measured figure with its spread over the samples. */
export const benchResultSchema = z.object({
  /** Stable name, used to match the baseline, e.g. `sut/full-sync/10k`. */
  name: z.string(),
  group: z.enum(['sut', 'harness', 'soak']),
  unit: z.string(),
  value: z.number(),
  higherIsBetter: z.boolean(),
  spread: z.object({
    samples: z.number().int().min(0),
    min: z.number(),
    max: z.number(),
    /** Relative margin of error, percent, where tinybench gives one. */
    rme: z.number().optional(),
    p75: z.number().optional(),
    p99: z.number().optional(),
  }),
  note: z.string().optional(),
});

export const benchReportSchema = z.object({
  kind: z.literal(BENCH_REPORT_KIND),
  version: z.literal(1),
  startedAt: z.string(),
  durationMs: z.number().int().min(0),
  node: z.string(),
  machine: z.object({ cpus: z.number().int(), totalMemBytes: z.number() }),
  /** A shorter run (fewer sizes or samples), e.g. inside a budgeted nightly. */
  quick: z.boolean(),
  results: z.array(benchResultSchema),
  /** Against the committed baseline, as ratios; a regression is a ratio past its threshold. */
  comparison: z.array(
    z.object({
      name: z.string(),
      baseline: z.number(),
      current: z.number(),
      /** Slowdown factor: >1 is worse, whichever way the unit runs. */
      ratio: z.number(),
      threshold: z.number(),
      regressed: z.boolean(),
    }),
  ),
});

export type BenchResult = z.infer<typeof benchResultSchema>;
export type BenchReport = z.infer<typeof benchReportSchema>;

export function readBenchReport(file: string): BenchReport {
  return readReportFile(file, BENCH_REPORT_KIND, benchReportSchema);
}
