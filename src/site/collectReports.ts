import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { COUNTEREXAMPLE_FORMAT, type Counterexample, readCounterexampleFile } from '../harness/index.js';
import { BENCH_REPORT_KIND, type BenchReport, readBenchReport } from '../reports/BenchReport.js';
import { MUTATION_REPORT_KIND, type MutationReport, readMutationReport } from '../reports/MutationReport.js';
import { NIGHTLY_SUMMARY_KIND, type NightlySummary, readNightlySummary } from '../reports/NightlySummary.js';
import { readSoakReport, SOAK_REPORT_KIND, type SoakReport } from '../reports/SoakReport.js';

/** A report and where it was found, relative to the reports root with `/` separators. */
export interface Found<T> {
  readonly path: string;
  readonly report: T;
}

export interface ReportSet {
  readonly root: string;
  /** Newest first by `startedAt`. */
  readonly soaks: readonly Found<SoakReport>[];
  readonly nightlies: readonly Found<NightlySummary>[];
  readonly benches: readonly Found<BenchReport>[];
  readonly mutations: readonly Found<MutationReport>[];
  /** One per distinct failure (a nightly copies the same counterexample into its own folder); newest first. */
  readonly counterexamples: readonly Found<Counterexample>[];
  /** Files that claim to be reports but cannot be read: listed on the page, never dropped silently. */
  readonly unreadable: readonly { readonly path: string; readonly reason: string }[];
}

/** Larger JSON files are not reports (a heap snapshot renamed, a log): not parsed. */
const MAX_REPORT_BYTES = 64 * 1024 * 1024;
/** The site's own output, and the heap snapshots, are never inputs. */
const SKIPPED_DIRECTORIES = new Set(['site', 'node_modules']);

export function collectReports(root: string): ReportSet {
  const soaks: Found<SoakReport>[] = [];
  const nightlies: Found<NightlySummary>[] = [];
  const benches: Found<BenchReport>[] = [];
  const mutations: Found<MutationReport>[] = [];
  const counterexamples = new Map<string, Found<Counterexample>>();
  const unreadable: { path: string; reason: string }[] = [];

  for (const file of jsonFiles(root)) {
    const path = relative(root, file).split(sep).join('/');
    const tag = readTag(file);
    if (tag === undefined) continue;
    if (tag === NOT_JSON) {
      unreadable.push({ path, reason: 'not JSON (a report cut short?)' });
      continue;
    }
    try {
      if (tag === SOAK_REPORT_KIND) soaks.push({ path, report: readSoakReport(file) });
      else if (tag === NIGHTLY_SUMMARY_KIND) nightlies.push({ path, report: readNightlySummary(file) });
      else if (tag === BENCH_REPORT_KIND) benches.push({ path, report: readBenchReport(file) });
      else if (tag === MUTATION_REPORT_KIND) mutations.push({ path, report: readMutationReport(file) });
      else if (tag === COUNTEREXAMPLE_FORMAT) {
        const report = readCounterexampleFile(file).counterexample;
        const key = `${report.system}|${report.property}|${report.target}|${report.seed}|${report.path}`;
        const seen = counterexamples.get(key);
        // The copy in reports/counterexamples is the one `npm run props` keeps; prefer it.
        if (seen === undefined || path.startsWith('counterexamples/')) counterexamples.set(key, { path, report });
      }
    } catch (error) {
      unreadable.push({
        path,
        reason: error instanceof Error ? error.message.replace(`${file}: `, '') : String(error),
      });
    }
  }

  const newestFirst =
    <T>(startedAt: (r: T) => string) =>
    (a: Found<T>, b: Found<T>) =>
      startedAt(b.report).localeCompare(startedAt(a.report)) || a.path.localeCompare(b.path);
  return {
    root,
    soaks: soaks.sort(newestFirst((r) => r.startedAt)),
    nightlies: nightlies.sort(newestFirst((r) => r.startedAt)),
    benches: benches.sort(newestFirst((r) => r.startedAt)),
    mutations: mutations.sort(newestFirst((r) => r.startedAt)),
    counterexamples: [...counterexamples.values()].sort(newestFirst((r) => r.createdAt)),
    unreadable,
  };
}

function* jsonFiles(directory: string): Generator<string> {
  let entries: import('node:fs').Dirent[];
  try {
    entries = readdirSync(directory, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const full = join(directory, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRECTORIES.has(entry.name)) yield* jsonFiles(full);
    } else if (entry.isFile() && entry.name.endsWith('.json') && statSync(full).size <= MAX_REPORT_BYTES) {
      yield full;
    }
  }
}

const NOT_JSON = 'not-json';

/** The `kind` or `format` a file says it is; undefined for JSON that is no report of ours. */
function readTag(file: string): string | undefined {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return NOT_JSON;
  }
  if (typeof json !== 'object' || json === null) return undefined;
  const { kind, format } = json as { kind?: unknown; format?: unknown };
  if (
    kind === SOAK_REPORT_KIND ||
    kind === NIGHTLY_SUMMARY_KIND ||
    kind === BENCH_REPORT_KIND ||
    kind === MUTATION_REPORT_KIND
  ) {
    return kind;
  }
  if (format === COUNTEREXAMPLE_FORMAT) return COUNTEREXAMPLE_FORMAT;
  return undefined;
}
