import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { ReportFileError } from '../../reports/ReportFileError.js';

/** The statuses of Stryker's JSON report (mutation-testing-report-schema). */
export const STRYKER_MUTANT_STATUSES = [
  'Killed',
  'Survived',
  'NoCoverage',
  'CompileError',
  'RuntimeError',
  'Timeout',
  'Ignored',
  'Pending',
] as const;
export type StrykerMutantStatus = (typeof STRYKER_MUTANT_STATUSES)[number];

/** Both start at one; `end` is just past the replaced code. */
const position = z.object({ line: z.number().int().min(1), column: z.number().int().min(1) });

const strykerMutantSchema = z.object({
  id: z.string(),
  mutatorName: z.string(),
  replacement: z.string().optional(),
  location: z.object({ start: position, end: position }),
  status: z.enum(STRYKER_MUTANT_STATUSES),
  /** Why: for an ignored mutant, the ignorer's reason or the text of its `Stryker disable` comment. */
  statusReason: z.string().optional(),
});

/** The part of Stryker's JSON report the summary reads; the rest is left as it is. */
export const strykerReportSchema = z.object({
  schemaVersion: z.string(),
  files: z.record(z.string(), z.object({ source: z.string(), mutants: z.array(strykerMutantSchema) })),
  performance: z.object({ setup: z.number(), initialRun: z.number(), mutation: z.number() }).optional(),
  /** The options Stryker ran with. */
  config: z.object({ mutate: z.array(z.string()).optional() }).optional(),
});

export type StrykerMutant = z.infer<typeof strykerMutantSchema>;
export type StrykerReport = z.infer<typeof strykerReportSchema>;

/** Checks a parsed JSON value against the report's schema; `file` only names it in the error. */
export function parseStrykerReport(json: unknown, file: string): StrykerReport {
  const parsed = strykerReportSchema.safeParse(json);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where = issue?.path.join('.') || '(top level)';
  throw new ReportFileError(
    file,
    `not a Stryker mutation report as this reader knows it: ${where}: ${issue?.message ?? 'invalid'}`,
  );
}

export function readStrykerReport(file: string): StrykerReport {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ReportFileError(
      file,
      `cannot read Stryker's JSON report (${(error as NodeJS.ErrnoException).code ?? String(error)}); did the run finish?`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ReportFileError(file, "Stryker's JSON report is not JSON");
  }
  return parseStrykerReport(json, file);
}
