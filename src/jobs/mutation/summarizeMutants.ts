import type {
  MutationCounts,
  MutationEquivalent,
  MutationFileResult,
  MutationSurvivor,
} from '../../reports/MutationReport.js';
import type { StrykerMutant, StrykerMutantStatus, StrykerReport } from './strykerReport.js';

/** What a mutation run found, from Stryker's JSON report alone. */
export interface MutantSummary {
  readonly score: number | null;
  readonly counts: MutationCounts;
  readonly files: MutationFileResult[];
  readonly survivors: MutationSurvivor[];
  readonly scoreCountingEquivalent: number | null;
  readonly equivalents: MutationEquivalent[];
}

/**
 * The reasons of mutants marked equivalent in the code start with this word
 * (`// Stryker disable next-line Mutator: equivalent, why`); text the ignorer skips does not.
 */
export const EQUIVALENT_REASON_PREFIX = 'equivalent';

/** Longest original or replacement kept in a summary; the HTML report shows the rest. */
export const SNIPPET_MAX_CHARS = 160;

/** The count each status adds to; a finished run has no `Pending` mutant, counted in the total only. */
const COUNTED_AS: Readonly<Record<StrykerMutantStatus, keyof MutationCounts | undefined>> = {
  Killed: 'killed',
  Survived: 'survived',
  Timeout: 'timeout',
  NoCoverage: 'noCoverage',
  CompileError: 'compileErrors',
  RuntimeError: 'runtimeErrors',
  Ignored: 'ignored',
  Pending: undefined,
};

export const emptyCounts = (): MutationCounts => ({
  total: 0,
  killed: 0,
  survived: 0,
  timeout: 0,
  noCoverage: 0,
  compileErrors: 0,
  runtimeErrors: 0,
  ignored: 0,
  equivalent: 0,
});

function count(counts: MutationCounts, mutant: StrykerMutant): void {
  counts.total++;
  const field = COUNTED_AS[mutant.status];
  if (field !== undefined) counts[field] = (counts[field] ?? 0) + 1;
  if (isMarkedEquivalent(mutant)) counts.equivalent = (counts.equivalent ?? 0) + 1;
}

function isMarkedEquivalent(mutant: StrykerMutant): boolean {
  return mutant.status === 'Ignored' && (mutant.statusReason ?? '').startsWith(EQUIVALENT_REASON_PREFIX);
}

/**
 * Stryker's mutation score: detected (killed, timed out) over detected and undetected
 * (survived, no coverage); errors and ignored mutants count for neither. Two decimals;
 * null with nothing tested.
 */
export function mutationScore(counts: MutationCounts): number | null {
  const detected = counts.killed + counts.timeout;
  const valid = detected + counts.survived + counts.noCoverage;
  return valid === 0 ? null : Math.round((detected / valid) * 10_000) / 100;
}

/** The text between two 1-based positions; `end` is just past it. */
export function textAt(source: string, location: StrykerMutant['location']): string {
  const lines = source.split('\n');
  const offset = (line: number, column: number): number => {
    let at = 0;
    for (let i = 0; i < line - 1 && i < lines.length; i++) at += (lines[i]?.length ?? 0) + 1;
    return at + column - 1;
  };
  return source.slice(
    offset(location.start.line, location.start.column),
    offset(location.end.line, location.end.column),
  );
}

/** One line, at most `SNIPPET_MAX_CHARS`, so a survivor list reads as a list. */
export function snippet(code: string): string {
  const flat = code.replace(/\s+/g, ' ').trim();
  return flat.length <= SNIPPET_MAX_CHARS ? flat : `${flat.slice(0, SNIPPET_MAX_CHARS - 1)}…`;
}

const toPosix = (file: string): string => file.replaceAll('\\', '/');

function equivalentOf(file: string, mutant: StrykerMutant): MutationEquivalent | undefined {
  if (!isMarkedEquivalent(mutant)) return undefined;
  const { line, column } = mutant.location.start;
  return { id: mutant.id, file, line, column, mutator: mutant.mutatorName, reason: mutant.statusReason ?? '' };
}

function survivorOf(file: string, source: string, mutant: StrykerMutant): MutationSurvivor | undefined {
  if (mutant.status !== 'Survived' && mutant.status !== 'NoCoverage') return undefined;
  return {
    id: mutant.id,
    file,
    line: mutant.location.start.line,
    column: mutant.location.start.column,
    status: mutant.status === 'Survived' ? 'survived' : 'no-coverage',
    mutator: mutant.mutatorName,
    original: snippet(textAt(source, mutant.location)),
    replacement: snippet(mutant.replacement ?? ''),
  };
}

/** The score, the counts overall and per file, and every undetected mutant by file then position. */
export function summarizeMutants(report: StrykerReport): MutantSummary {
  const counts = emptyCounts();
  const files: MutationFileResult[] = [];
  const survivors: MutationSurvivor[] = [];
  const equivalents: MutationEquivalent[] = [];
  for (const [name, entry] of Object.entries(report.files).sort(([a], [b]) => a.localeCompare(b))) {
    const file = toPosix(name);
    const fileCounts = emptyCounts();
    for (const mutant of entry.mutants) {
      count(counts, mutant);
      count(fileCounts, mutant);
      const survivor = survivorOf(file, entry.source, mutant);
      if (survivor !== undefined) survivors.push(survivor);
      const equivalent = equivalentOf(file, mutant);
      if (equivalent !== undefined) equivalents.push(equivalent);
    }
    const { total, killed, survived, timeout, noCoverage } = fileCounts;
    files.push({ file, total, killed, survived, timeout, noCoverage, score: mutationScore(fileCounts) });
  }
  const byPosition = (a: MutationSurvivor | MutationEquivalent, b: MutationSurvivor | MutationEquivalent) =>
    a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column;
  survivors.sort(byPosition);
  equivalents.sort(byPosition);
  const scoreCountingEquivalent = mutationScore({
    ...counts,
    survived: counts.survived + (counts.equivalent ?? 0),
  });
  return { score: mutationScore(counts), counts, files, survivors, scoreCountingEquivalent, equivalents };
}
