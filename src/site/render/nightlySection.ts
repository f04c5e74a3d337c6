import type { NightlySummary } from '../../harness/reports/NightlySummary.js';
import type { Found } from '../collectReports.js';
import { formatDuration, formatWhen } from '../format.js';
import { html, type SafeHtml } from '../html.js';
import { reportLink, section, verdictBadge } from './layout.js';

export function nightlySection(nightlies: readonly Found<NightlySummary>[]): SafeHtml {
  if (nightlies.length === 0) {
    return section(
      'nightlies',
      'Nightly runs',
      html`<p class="empty">No nightly summary yet: <code>npm start</code> writes one.</p>`,
    );
  }
  return section(
    'nightlies',
    'Nightly runs',
    html`<table>
<thead><tr><th>Started</th><th>Verdict</th><th>Took / budget</th><th>Shards</th><th>Properties held</th><th>Soaks</th><th>Benchmarks</th><th>Why it failed</th></tr></thead>
<tbody>${nightlies.map(row)}</tbody>
</table>`,
  );
}

function row({ path, report: n }: Found<NightlySummary>): SafeHtml {
  const fixedChecks = n.properties.filter((p) => p.slot === 'fixed');
  const caught = n.properties.filter((p) => p.slot !== 'fixed');
  const regressions = n.benchmarks?.regressions.length ?? 0;
  return html`<tr>
<td>${reportLink(path.replace(/summary\.json$/, 'summary.md'), formatWhen(n.startedAt))}${n.forcedProfile ? html` <span class="badge expected">self-test: ${n.forcedProfile}</span>` : ''}</td>
<td>${verdictBadge(n.verdict, n.verdict === 'fail' && n.forcedProfile === undefined)}</td>
<td>${formatDuration(n.durationMs)} / ${formatDuration(n.budgetMs)}</td>
<td>${n.shards.map((s) => `${s.index}/${s.count}`).join(', ')}</td>
<td>${fixedChecks.filter((p) => p.passed).length}/${fixedChecks.length} under fixed; ${caught.filter((p) => !p.passed).length}/${caught.length} faults caught</td>
<td>${n.soaks.filter((s) => s.verdict === 'clean').length} clean, ${n.soaks.filter((s) => s.verdict === 'leak').length} leak, ${n.soaks.filter((s) => s.verdict === 'error').length} error</td>
<td>${n.benchmarks === undefined ? '—' : n.benchmarks.error ? `error: ${n.benchmarks.error}` : `${regressions} regression(s)`}</td>
<td>${n.reasons.length === 0 ? '—' : html`<ul>${n.reasons.map((r) => html`<li>${r}</li>`)}</ul>`}</td>
</tr>`;
}
