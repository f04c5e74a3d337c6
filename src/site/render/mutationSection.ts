import type { MutationReport } from '../../reports/MutationReport.js';
import type { Found } from '../collectReports.js';
import { formatDuration, formatWhen } from '../format.js';
import { html, type SafeHtml } from '../html.js';
import { reportLink, section } from './layout.js';

const formatScore = (score: number | null): string => (score === null ? 'n/a' : `${score.toFixed(2)}%`);

/** The newest mutation run: its score, counts, earlier scores, the score per file and every survivor. */
export function mutationSection(runs: readonly Found<MutationReport>[]): SafeHtml {
  const latest = runs[0];
  if (latest === undefined) {
    return section(
      'mutation',
      'Mutation score',
      html`<p class="empty">No mutation run yet: <code>npm run mutate</code>.</p>`,
    );
  }
  const r = latest.report;
  const c = r.counts;
  const folder = latest.path.replace(/summary\.json$/, '');
  const earlier = runs.slice(1, 6);
  return section(
    'mutation',
    'Mutation score',
    html`<p class="score">Score <strong>${formatScore(r.score)}</strong> of ${r.mutate.join(', ')}: ${c.killed} killed, ${c.timeout} timed out, ${c.survived} survived, ${c.noCoverage} without coverage, of ${c.total} mutants${c.compileErrors + c.runtimeErrors + c.ignored > 0 ? ` (${c.compileErrors + c.runtimeErrors + c.ignored} errors or ignored, outside the score)` : ''}.</p>
<p>Latest: ${reportLink(latest.path, formatWhen(r.startedAt))} at commit ${r.commit.slice(0, 12)}, ${r.budget.runs} cases per property, seed ${r.budget.seed}, ${r.concurrency} test process(es), took ${formatDuration(r.durationMs)}; ${reportLink(`${folder}${r.htmlReport}`, "Stryker's report")} shows each mutant in its code.</p>
${earlier.length > 0 ? html`<p>Earlier runs: ${earlier.map((run, i) => html`${i > 0 ? ', ' : ''}${reportLink(run.path, formatWhen(run.report.startedAt))} ${formatScore(run.report.score)}`)}.</p>` : ''}
<table>
<thead><tr><th>File</th><th>Score</th><th>Mutants</th><th>Killed</th><th>Timed out</th><th>Survived</th><th>No coverage</th></tr></thead>
<tbody>${r.files.map(
      (f) =>
        html`<tr><td>${f.file}</td><td class="num">${formatScore(f.score)}</td><td class="num">${f.total}</td><td class="num">${f.killed}</td><td class="num">${f.timeout}</td><td class="num">${f.survived}</td><td class="num">${f.noCoverage}</td></tr>`,
    )}</tbody>
</table>
<h3>Survivors (${r.survivors.length})</h3>
${
  r.survivors.length === 0
    ? html`<p>None: every mutant was detected.</p>`
    : html`<table>
<thead><tr><th>Id</th><th>Where</th><th>Mutator</th><th>Status</th><th>Original</th><th>Replacement</th></tr></thead>
<tbody>${r.survivors.map(
        (s) =>
          html`<tr><td class="num">${s.id}</td><td>${s.file}:${s.line}:${s.column}</td><td>${s.mutator}</td><td>${s.status}</td><td><code>${s.original}</code></td><td><code>${s.replacement}</code></td></tr>`,
      )}</tbody>
</table>`
}
${equivalentsTable(r)}`,
  );
}

/** The mutants marked equivalent in the code: outside the score, so each is shown with its reason. */
function equivalentsTable(r: MutationReport): SafeHtml | string {
  const equivalents = r.equivalents ?? [];
  if (equivalents.length === 0) return '';
  return html`<h3>Marked equivalent (${equivalents.length})</h3>
<p>Ignored by Stryker at a comment in the code that says why no test could tell them from the original; counted as survivors, the score would be ${formatScore(r.scoreCountingEquivalent ?? null)}.</p>
<table>
<thead><tr><th>Id</th><th>Where</th><th>Mutator</th><th>Reason</th></tr></thead>
<tbody>${equivalents.map(
    (e) =>
      html`<tr><td class="num">${e.id}</td><td>${e.file}:${e.line}:${e.column}</td><td>${e.mutator}</td><td>${e.reason}</td></tr>`,
  )}</tbody>
</table>`;
}
