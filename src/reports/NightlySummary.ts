import { z } from 'zod';
import { readReportFile } from './ReportFileError.js';

export const NIGHTLY_SUMMARY_KIND = 'nightly-summary';

const nat = z.number().int().min(0);

/**
 * `pass`: everything ran and every expectation held. `fail`: the code under test is wrong
 * (a counterexample, a leak, a regression, a fault not caught). `inconclusive`: nothing
 * failed but something measured too little to say. `interrupted`: stopped by a signal.
 */
export const NIGHT_VERDICTS = ['pass', 'fail', 'inconclusive', 'interrupted'] as const;
export type NightVerdict = (typeof NIGHT_VERDICTS)[number];

export const coverageRowSchema = z.object({
  event: z.string(),
  hits: nat,
  perThousand: z.number(),
  target: z.number(),
  met: z.boolean(),
});

export const propertyOutcomeSchema = z.object({
  system: z.string(),
  /** The fault profile or store it ran against. */
  target: z.string(),
  property: z.string(),
  /** `holds`: the code must keep the promise; `caught`: a known fault must be found. */
  expect: z.enum(['holds', 'caught']),
  seed: z.number().int(),
  runsRequested: nat,
  runs: nat,
  durationMs: nat,
  verdict: z.enum(['holds', 'broken', 'inconclusive']),
  /** Relative to `reports/`. */
  counterexample: z.string().optional(),
  /** The failure, or why it is inconclusive. */
  message: z.string().optional(),
});

export const soakOutcomeSchema = z.object({
  system: z.string(),
  scenario: z.string(),
  target: z.string(),
  expect: z.enum(['clean', 'leak']),
  verdict: z.enum(['clean', 'leak', 'inconclusive', 'error']),
  durationMs: nat,
  retainedBytes: nat,
  /** Relative to `reports/`. */
  report: z.string().optional(),
  message: z.string().optional(),
  /** The soak's self-check: a leak planted under fixed, which the soak must report at its path. */
  selfCheck: z
    .object({
      /** Where the planted records are held, as the router's footprint names paths. */
      path: z.string(),
      /** The rules that must report it there. */
      rules: z.array(z.string()),
      /** The rules that did; absent when the soak gave no report (it did not run, or was cut). */
      caughtBy: z.array(z.string()).optional(),
    })
    .optional(),
});

export const nightlySummarySchema = z.object({
  kind: z.literal(NIGHTLY_SUMMARY_KIND),
  version: z.literal(2),
  startedAt: z.string(),
  durationMs: nat,
  budgetMs: nat,
  commit: z.string(),
  /** Shards merged into this summary: one entry per shard that ran. */
  shards: z.array(
    z.object({
      index: z.number().int().min(1),
      count: z.number().int().min(1),
      seed: z.number().int(),
      /** What this shard ran: properties, stores, soak, bench. */
      parts: z.array(z.string()),
    }),
  ),
  /** The self-test: a fault profile run in the slot of `fixed`, so the night must fail. */
  forcedProfile: z.string().optional(),
  verdict: z.enum(NIGHT_VERDICTS),
  /** Why the night did not pass, one line each; empty when it passed. */
  reasons: z.array(z.string()),
  /** Tasks the budget had no room for, or cut at its end, each with why: the night is then inconclusive. */
  leftOut: z.array(z.string()).optional(),
  /** What the time past the budget went on (stopping a task cut at its end, finishing one), one line each. */
  pastBudget: z.array(z.string()).optional(),
  properties: z.array(propertyOutcomeSchema),
  /** How many generated cases reached each named behaviour, over every property check of the reference target. */
  coverage: z.object({ cases: nat, rows: z.array(coverageRowSchema) }).optional(),
  soaks: z.array(soakOutcomeSchema),
  benchmarks: z
    .object({
      /** Relative to `reports/`. */
      report: z.string().optional(),
      regressions: z.array(z.string()),
      error: z.string().optional(),
    })
    .optional(),
});

export type NightlySummary = z.infer<typeof nightlySummarySchema>;
export type PropertyOutcome = z.infer<typeof propertyOutcomeSchema>;
export type SoakOutcome = z.infer<typeof soakOutcomeSchema>;

export function readNightlySummary(file: string): NightlySummary {
  return readReportFile(file, NIGHTLY_SUMMARY_KIND, nightlySummarySchema, upgradeNightlySummary);
}

type Fields = Record<string, unknown>;

/** Version 1 summaries: the router only, a `slot` profile for the role, `passed` for the verdict. */
function upgradeNightlySummary(json: Fields): Fields {
  if (json.version !== 1) return json;
  const properties = Array.isArray(json.properties) ? (json.properties as Fields[]) : [];
  const soaks = Array.isArray(json.soaks) ? (json.soaks as Fields[]) : [];
  return {
    ...json,
    version: 2,
    properties: properties.map(({ invariant, profile, slot, passed, runs, ...rest }) => ({
      ...rest,
      system: 'router',
      property: invariant,
      target: profile,
      expect: slot === 'fixed' ? 'holds' : 'caught',
      verdict: passed ? 'holds' : 'broken',
      runs,
      runsRequested: runs,
    })),
    soaks: soaks.map(({ profile, slot, ...rest }) => ({
      ...rest,
      system: 'router',
      target: profile,
      expect: slot === 'fixed' ? 'clean' : 'leak',
    })),
  };
}
