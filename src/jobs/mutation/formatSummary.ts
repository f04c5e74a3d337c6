import type { MutationReport } from '../../reports/MutationReport.js';

const formatMinutes = (ms: number): string => {
  const seconds = Math.round(ms / 1000);
  return `${Math.floor(seconds / 60)}m${String(seconds % 60).padStart(2, '0')}s`;
};

/** The score, the counts and every undetected mutant grouped by file, for the terminal. */
export function formatMutationSummary(summary: MutationReport): string[] {
  const { counts } = summary;
  const errors = counts.compileErrors + counts.runtimeErrors + counts.ignored;
  const lines = [
    `mutation score ${summary.score === null ? 'n/a (nothing tested)' : summary.score.toFixed(2)} ` +
      `in ${formatMinutes(summary.durationMs)} (${summary.budget.runs} runs per property, seed ${summary.budget.seed}, ` +
      `${summary.concurrency} test process(es))`,
    `${counts.total} mutants: ${counts.killed} killed, ${counts.timeout} timed out, ${counts.survived} survived, ` +
      `${counts.noCoverage} without coverage` +
      (errors > 0
        ? `, ${counts.compileErrors} compile errors, ${counts.runtimeErrors} runtime errors, ${counts.ignored} ignored`
        : ''),
  ];
  const equivalent = counts.equivalent ?? 0;
  if (equivalent > 0 && summary.scoreCountingEquivalent != null) {
    lines.push(
      `of the ignored, ${equivalent} marked equivalent in the code, each with its reason (summary.json lists them); ` +
        `counted as survivors, the score would be ${summary.scoreCountingEquivalent.toFixed(2)}`,
    );
  }
  let file = '';
  for (const survivor of summary.survivors) {
    if (survivor.file !== file) {
      file = survivor.file;
      const result = summary.files.find((f) => f.file === file);
      lines.push('', `${file}${result?.score != null ? ` (score ${result.score.toFixed(2)})` : ''}`);
    }
    const mark = survivor.status === 'no-coverage' ? ' [no coverage]' : '';
    lines.push(
      `  #${survivor.id} ${survivor.line}:${survivor.column} ${survivor.mutator}${mark}: ${survivor.original} → ${survivor.replacement}`,
    );
  }
  return lines;
}
