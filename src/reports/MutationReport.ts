import { z } from 'zod';
import { readReportFile } from './ReportFileError.js';

export const MUTATION_REPORT_KIND = 'mutation-report';

const nat = z.number().int().min(0);
/** Stryker's mutation score, 0–100; null when no mutant could be tested. */
const score = z.number().min(0).max(100).nullable();

export const mutationCountsSchema = z.object({
  total: nat,
  killed: nat,
  survived: nat,
  timeout: nat,
  noCoverage: nat,
  /** Mutants that did not compile or crashed the run: left out of the score, as Stryker does. */
  compileErrors: nat,
  runtimeErrors: nat,
  ignored: nat,
  /** Of the ignored, those marked equivalent in the code (a `Stryker disable` comment whose reason says so). */
  equivalent: nat.optional(),
});

/** A mutant marked equivalent in the code, with the reason its comment gives. */
export const mutationEquivalentSchema = z.object({
  id: z.string(),
  file: z.string(),
  line: z.number().int().min(1),
  column: z.number().int().min(1),
  mutator: z.string(),
  reason: z.string(),
});

/** A mutant the properties did not detect: it survived, or no property ran its code at all. */
export const mutationSurvivorSchema = z.object({
  /** Stryker's id, to find the mutant in the HTML report. */
  id: z.string(),
  /** Relative to the repository root, with forward slashes. */
  file: z.string(),
  line: z.number().int().min(1),
  column: z.number().int().min(1),
  status: z.enum(['survived', 'no-coverage']),
  mutator: z.string(),
  /** The code the mutant replaced and what replaced it, whitespace collapsed, long ones cut. */
  original: z.string(),
  replacement: z.string(),
});

export const mutationFileResultSchema = z.object({
  file: z.string(),
  total: nat,
  killed: nat,
  survived: nat,
  timeout: nat,
  noCoverage: nat,
  score,
});

export const mutationReportSchema = z.object({
  kind: z.literal(MUTATION_REPORT_KIND),
  version: z.literal(1),
  startedAt: z.string(),
  durationMs: nat,
  node: z.string(),
  machine: z.object({ cpus: z.number().int().min(1) }),
  commit: z.string(),
  /** What the properties ran with: `NIGHTLY_RUNS` and `PROPERTY_SEED` of every test process. */
  budget: z.object({ runs: z.number().int().min(1), seed: z.number().int() }),
  /** Stryker's test processes. */
  concurrency: z.number().int().min(1),
  /** Stryker's `mutate` patterns. */
  mutate: z.array(z.string()),
  /** Relative to the reports root; its results are reused only for the same property code and budget. */
  incrementalFile: z.string(),
  /** (killed + timeout) / (killed + timeout + survived + no coverage), 0–100. */
  score,
  counts: mutationCountsSchema,
  /** Stryker's own phase times, ms. */
  phases: z.object({ setupMs: nat, initialRunMs: nat, mutationMs: nat }).optional(),
  files: z.array(mutationFileResultSchema),
  /** Every undetected mutant, by file then position. */
  survivors: z.array(mutationSurvivorSchema),
  /** The score with the mutants marked equivalent counted as survivors: what the properties detect of all. */
  scoreCountingEquivalent: score.optional(),
  /** Every mutant marked equivalent in the code, by file then position. */
  equivalents: z.array(mutationEquivalentSchema).optional(),
  /** Next to this file: Stryker's HTML report and the JSON report this summary was made from. */
  htmlReport: z.string(),
  strykerReport: z.string(),
});

export type MutationCounts = z.infer<typeof mutationCountsSchema>;
export type MutationSurvivor = z.infer<typeof mutationSurvivorSchema>;
export type MutationEquivalent = z.infer<typeof mutationEquivalentSchema>;
export type MutationFileResult = z.infer<typeof mutationFileResultSchema>;
export type MutationReport = z.infer<typeof mutationReportSchema>;

export function readMutationReport(file: string): MutationReport {
  return readReportFile(file, MUTATION_REPORT_KIND, mutationReportSchema);
}
