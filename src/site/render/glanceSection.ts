import { formatBytes, formatWhen } from '../format.js';
import type { Glance, SoakStatus } from '../glance.js';
import { html, type SafeHtml } from '../html.js';
import { readableRetainerPath } from '../readablePath.js';
import { reportLink, section, verdictBadge } from './layout.js';

/** The first screen: one sentence of verdict, then every soak configuration's latest state. */
export function glanceSection(g: Glance): SafeHtml {
  const headline =
    g.alarms.length === 0
      ? html`<div class="headline good" id="headline"><strong>Nothing is leaking where nothing may leak.</strong>
${g.latestNightly ? html` Latest nightly ${g.latestNightly.report.verdict} (${formatWhen(g.latestNightly.report.startedAt)}).` : ' No nightly run found yet.'}
${g.expectedLeaks > 0 ? ` ${g.expectedLeaks} soak(s) of a fault profile or a store known to leak leak as they must.` : ''}</div>`
      : html`<div class="headline bad" id="headline"><strong>${g.alarms.length} problem(s):</strong>
<ul>${g.alarms.map((a) => html`<li>${a}</li>`)}</ul></div>`;
  const rows = g.soakStatuses.map((s) => statusRow(s));
  return section(
    'glance',
    'At a glance',
    html`${headline}
${
  rows.length === 0
    ? html`<p class="empty">No soak reports yet: run <code>npm start</code> or <code>npm run soak</code>.</p>`
    : html`<table class="status">
<thead><tr><th>Soak</th><th>Latest</th><th>Retained</th><th>Leaking since</th><th>Runs (leaks)</th><th>Held by</th></tr></thead>
<tbody>${rows}</tbody>
</table>`
}`,
  );
}

function statusRow(s: SoakStatus): SafeHtml {
  const verdict = s.latest.report.verdict;
  return html`<tr class="${s.alarming ? 'alarm' : ''}">
<td><a href="#${soakAnchor(s.latest.path)}">${s.key}</a></td>
<td>${verdictBadge(verdict, s.alarming)} ${formatWhen(s.latest.report.startedAt)}</td>
<td class="num">${formatBytes(s.retainedBytes)}</td>
<td>${s.leakingSince ? formatWhen(s.leakingSince) : '—'}</td>
<td class="num">${s.runs} (${s.leakRuns})</td>
<td class="held-by">${s.heldBy ? heldBy(s.heldBy) : verdict === 'leak' ? `nothing retained at the end; ${s.latest.report.reasons.join('; ')}` : '—'}</td>
</tr>`;
}

/** Who holds it, as class names and fields, with memlab's own trace behind a toggle. */
function heldBy(lines: readonly string[]): SafeHtml {
  return html`<span class="path">${readableRetainerPath(lines)}</span><details class="raw-trace"><summary>memlab's trace</summary><ol class="trace-lines">${lines.map((l) => html`<li>${l}</li>`)}</ol></details>`;
}

export function soakAnchor(path: string): string {
  return `soak-${path.replace(/[^A-Za-z0-9_-]/g, '_')}`;
}

export { reportLink };
