import type { NightlySummary } from '../../reports/NightlySummary.js';
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
<thead><tr><th>Started</th><th>Verdict</th><th>Took / budget</th><th>Shards</th><th>Properties</th><th>Coverage</th><th>Soaks</th><th>Benchmarks</th><th>Why it did not pass</th></tr></thead>
<tbody>${nightlies.map(row)}</tbody>
</table>`,
  );
}

function row({ path, report: n }: Found<NightlySummary>): SafeHtml {
  const mustHold = n.properties.filter((p) => p.expect === 'holds');
  const mustCatch = n.properties.filter((p) => p.expect === 'caught');
  const unsure = n.properties.filter((p) => p.verdict === 'inconclusive').length;
  const missed = n.coverage?.rows.filter((r) => !r.met).length ?? 0;
  const soakCount = (verdict: string) => n.soaks.filter((s) => s.verdict === verdict).length;
  const regressions = n.benchmarks?.regressions.length ?? 0;
  return html`<tr>
<td>${reportLink(path.replace(/summary\.json$/, 'summary.md'), formatWhen(n.startedAt))}${n.forcedProfile ? html` <span class="badge expected">self-test: ${n.forcedProfile}</span>` : ''}</td>
<td>${verdictBadge(n.verdict, n.verdict !== 'pass' && n.forcedProfile === undefined)}</td>
<td>${formatDuration(n.durationMs)} / ${formatDuration(n.budgetMs)}</td>
<td>${n.shards.map((s) => `${s.index}/${s.count}`).join(', ')}</td>
<td>${mustHold.filter((p) => p.verdict === 'holds').length}/${mustHold.length} held; ${mustCatch.filter((p) => p.verdict === 'broken').length}/${mustCatch.length} faults caught${unsure > 0 ? `; ${unsure} inconclusive` : ''}</td>
<td>${n.coverage === undefined ? '—' : `${n.coverage.rows.length - missed}/${n.coverage.rows.length} targets met over ${n.coverage.cases} cases`}</td>
<td>${soakCount('clean')} clean, ${soakCount('leak')} leak, ${soakCount('inconclusive')} inconclusive, ${soakCount('error')} error</td>
<td>${n.benchmarks === undefined ? '—' : n.benchmarks.error ? `error: ${n.benchmarks.error}` : `${regressions} regression(s)`}</td>
<td>${n.reasons.length === 0 ? '—' : html`<ul>${n.reasons.map((r) => html`<li>${r}</li>`)}</ul>`}</td>
</tr>`;
}
