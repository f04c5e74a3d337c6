import { z } from 'zod';
import { readReportFile } from './ReportFileError.js';

export const SOAK_REPORT_KIND = 'soak-report';

const nat = z.number().int().min(0);

/** One written-down threshold and what the soak measured against it. */
const checkSchema = z.object({
  name: z.string(),
  measured: z.number(),
  limit: z.number(),
  unit: z.string(),
  /** True too when the check was not judged. */
  passed: z.boolean(),
  /** Why the limit is where it is, in a sentence. */
  justification: z.string(),
  /** Set when the run could not judge this check (too short, say): why. */
  notJudged: z.string().optional(),
});

const growthSchema = z.object({
  id: nat,
  name: z.string(),
  history: z.array(z.number()),
  /** The path from the router, when the router reaches it. */
  path: z.string().optional(),
});

/**
 * The router's own footprint over the series (baseline, during…, final, each at
 * quiescence): what it reaches, how that grew per cycle, which of its collections grew at
 * every step, and memlab's unbound-growth analyses over the whole heap.
 */
const footprintSchema = z.object({
  series: z.array(
    z.object({
      label: z.string(),
      cycle: nat,
      reachableBytes: nat,
      reachableObjects: nat,
      retainedBytes: nat,
    }),
  ),
  slopeBytesPerCycle: z.number(),
  /** The least growth per cycle over the steps between snapshots: what the limit judges. */
  leastStepBytesPerCycle: z.number(),
  growingCollections: z.array(z.object({ path: z.string(), kind: z.string(), entries: z.array(nat) })),
  grewMost: z.object({ path: z.string(), bytes: z.number(), ofBytes: z.number() }).optional(),
  memlab: z.object({
    collections: z.array(growthSchema),
    objects: z.array(growthSchema),
    shapes: z.array(z.object({ shape: z.string(), counts: z.array(nat) })),
  }),
  unreadable: z.string().optional(),
});

const snapshotSchema = z.object({ label: z.string(), cycle: nat, bytes: nat, file: z.string().optional() });

export const soakReportSchema = z.object({
  kind: z.literal(SOAK_REPORT_KIND),
  version: z.literal(2),
  /** `router`, or `store` for an express-session store. */
  system: z.string(),
  scenario: z.string(),
  /** The fault profile (router) or the store's name (store). */
  target: z.string(),
  /** For a store: the package and the exact version that ran. */
  targetVersion: z.string().optional(),
  /** What a correct run shows: `clean` for the fixed router, `leak` for a fault profile or a store known to leak. */
  expect: z.enum(['clean', 'leak']),
  startedAt: z.string(),
  durationMs: nat,
  cycles: nat,
  /**
   * `clean` exits 0, `leak` exits 1, `inconclusive` exits 2: no limit was exceeded but one
   * could not be judged (too few cycles or samples). A soak that failed or was stopped writes no report.
   */
  verdict: z.enum(['clean', 'leak', 'inconclusive']),
  /** One line per broken check, and one per check that could not be judged. */
  reasons: z.array(z.string()),
  checks: z.array(checkSchema),
  /** `process.memoryUsage().heapUsed` after gc, 50 or so samples a run; `codeSpaceBytes` is the part that is compiled code. */
  heapTrend: z.array(z.object({ cycle: nat, elapsedMs: nat, heapUsedBytes: nat, codeSpaceBytes: nat.optional() })),
  heapSlopeBytesPerCycle: z.number(),
  /** Snapshots in order: baseline, during…, final; `file` is relative to the report folder, kept only on a leak. */
  snapshots: z.array(snapshotSchema),
  /** Outside that series: `start` (before the router connected), `post-sync-queued` (the inverted flag's moment). */
  extraSnapshots: z.array(snapshotSchema).optional(),
  /** Live objects per project class in each snapshot, in the order of `snapshots`. */
  classGrowth: z.array(z.object({ className: z.string(), counts: z.array(nat) })),
  /** Allocated after the baseline and alive in the final snapshot, per project class. */
  retained: z.array(z.object({ className: z.string(), count: nat, selfBytes: nat, retainedBytes: nat })),
  /** memlab's retainer traces, one per leaked cluster, each line a hop from a GC root. */
  traces: z.array(z.object({ className: z.string(), count: nat, retainedBytes: nat, lines: z.array(z.string()) })),
  /**
   * Objects whose life ended during the run and are still alive at the end, per watched
   * kind: the words the `freed` property uses, so a property failure and a soak leak compare.
   */
  lifecycle: z
    .array(z.object({ kind: z.string(), ended: nat, retained: nat, example: z.string().optional() }))
    .optional(),
  /** Router stats at the end of the run (syncs, trackers alive, buffered entries…). */
  finalStats: z.record(z.string(), z.number()),
  analysisMs: nat,
  /** Scenario runs only: the router's footprint over the snapshot series. */
  footprint: footprintSchema.optional(),
  /** A leak planted on purpose to measure what the scenario sees: bytes kept per sync or per removed session. */
  plantedLeak: z
    .object({
      bytes: nat,
      per: z.enum(['sync', 'removal']),
      every: nat.min(1).optional(),
      /** `map` (a Map's entries) when absent; `chain`: linked records held from one field. */
      shape: z.enum(['map', 'chain']).optional(),
    })
    .optional(),
  /** A shell command that reruns `memlab find-leaks` on the kept snapshots, when they were kept. */
  memlabCommand: z.string().optional(),
  /** Set by `--from <counterexample> --repeat <n>`. */
  from: z
    .object({
      counterexample: z.string(),
      repeat: nat,
      /** What each repetition's SyncScenario alone keeps alive (memlab's dominator tree), on average. */
      bytesPerRepetition: z.number(),
      objectsPerRepetition: z.number(),
      /** The same replay under `fixed`; absent when the profile is `fixed`. */
      underFixed: z.object({ bytesPerRepetition: z.number(), objectsPerRepetition: z.number() }).optional(),
      /** Why the replay under fixed gave no figures, when it failed. */
      comparisonError: z.string().optional(),
    })
    .optional(),
});

export type SoakReport = z.infer<typeof soakReportSchema>;

export function readSoakReport(file: string): SoakReport {
  return readReportFile(file, SOAK_REPORT_KIND, soakReportSchema, upgradeSoakReport);
}

/** Version 1 reports were all of the router, with `profile` for the target. */
function upgradeSoakReport(json: Record<string, unknown>): Record<string, unknown> {
  if (json.version !== 1) return json;
  const { profile, ...rest } = json;
  return { ...rest, version: 2, system: 'router', target: profile, expect: profile === 'fixed' ? 'clean' : 'leak' };
}

type HeapSample = SoakReport['heapTrend'][number];

/** What the heap slope is taken of: heapUsed less compiled code, which grows for minutes and is no leak. */
export function heapBytesWithoutCode(sample: Pick<HeapSample, 'heapUsedBytes' | 'codeSpaceBytes'>): number {
  return sample.heapUsedBytes - (sample.codeSpaceBytes ?? 0);
}

/** A replayed counterexample's figures per repetition, rounded, and what the fault adds to fixed. */
export interface RepetitionCost {
  readonly bytes: number;
  readonly objects: number;
  readonly underFixed?: { readonly bytes: number; readonly objects: number };
  readonly faultBytes?: number;
  readonly faultObjects?: number;
}

export function repetitionCost(from: NonNullable<SoakReport['from']>): RepetitionCost {
  const bytes = Math.round(from.bytesPerRepetition);
  const objects = Math.round(from.objectsPerRepetition);
  if (!from.underFixed) return { bytes, objects };
  const underFixed = {
    bytes: Math.round(from.underFixed.bytesPerRepetition),
    objects: Math.round(from.underFixed.objectsPerRepetition),
  };
  return {
    bytes,
    objects,
    underFixed,
    faultBytes: bytes - underFixed.bytes,
    faultObjects: objects - underFixed.objects,
  };
}

/** One line for a replayed counterexample: what each repetition keeps alive, and what the fault adds to fixed. */
export function describeRepetitionCost(from: NonNullable<SoakReport['from']>): string {
  const cost = repetitionCost(from);
  const own = `each repetition (its controller, channel, runtime and router) keeps ${cost.bytes} bytes in ${cost.objects} objects`;
  if (from.comparisonError !== undefined) return `${own}; the same replay under fixed failed: ${from.comparisonError}`;
  if (!cost.underFixed) return own;
  return `${own}; under fixed ${cost.underFixed.bytes} bytes in ${cost.underFixed.objects}: the fault costs ${cost.faultBytes} bytes and ${cost.faultObjects} objects a repetition`;
}
