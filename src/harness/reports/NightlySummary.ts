import { z } from 'zod';
import { FAULT_PROFILE_NAMES, type FaultProfileName } from '../../faults.js';
import { INVARIANT_NAMES, type InvariantName } from '../invariants/index.js';
import { readReportFile } from './ReportFileError.js';

export const NIGHTLY_SUMMARY_KIND = 'nightly-summary';

const profile = z.enum(FAULT_PROFILE_NAMES as [FaultProfileName, ...FaultProfileName[]]);
const nat = z.number().int().min(0);

export const nightlySummarySchema = z.object({
  kind: z.literal(NIGHTLY_SUMMARY_KIND),
  version: z.literal(1),
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
      /** What this shard ran: properties, soak, bench. */
      parts: z.array(z.string()),
    }),
  ),
  /** The self-test: a fault profile run in the slot of `fixed`, so the night must fail. */
  forcedProfile: profile.optional(),
  verdict: z.enum(['pass', 'fail']),
  /** Why the night failed, one line each; empty when it passed. */
  reasons: z.array(z.string()),
  properties: z.array(
    z.object({
      invariant: z.enum(INVARIANT_NAMES as [InvariantName, ...InvariantName[]]),
      /** The profile that ran; `slot` is the role it played (`fixed` must pass, others must be caught). */
      profile,
      slot: profile,
      seed: z.number().int(),
      runs: nat,
      durationMs: nat,
      passed: z.boolean(),
      /** Relative to `reports/`. */
      counterexample: z.string().optional(),
      message: z.string().optional(),
    }),
  ),
  soaks: z.array(
    z.object({
      scenario: z.string(),
      profile,
      slot: profile,
      verdict: z.enum(['clean', 'leak', 'error']),
      durationMs: nat,
      retainedBytes: nat,
      /** Relative to `reports/`. */
      report: z.string().optional(),
      message: z.string().optional(),
    }),
  ),
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

export function readNightlySummary(file: string): NightlySummary {
  return readReportFile(file, NIGHTLY_SUMMARY_KIND, nightlySummarySchema);
}
