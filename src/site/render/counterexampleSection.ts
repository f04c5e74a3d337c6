import type { Counterexample, ReplayResult, TraceColumn } from '../../harness/index.js';
import type { Found } from '../collectReports.js';
import { formatWhen } from '../format.js';
import { html, type SafeHtml } from '../html.js';
import { reportLink, section, verdictBadge } from './layout.js';

/** A replay made while building the site, or why it could not be made. */
export type ReplayOutcome =
  | { readonly ok: true; readonly result: ReplayResult; readonly columns: readonly TraceColumn[] }
  | { readonly ok: false; readonly error: string };

export function counterexampleSection(
  counterexamples: readonly Found<Counterexample>[],
  replays: ReadonlyMap<string, ReplayOutcome>,
  replayPath: (path: string) => string,
): SafeHtml {
  if (counterexamples.length === 0) {
    return section('counterexamples', 'Counterexamples', html`<p class="empty">No counterexample found yet.</p>`);
  }
  return section(
    'counterexamples',
    'Counterexamples',
    html`<p>Each shrunk failure, replayed while this page was built, with the router's state after every action.
Against a fault profile a counterexample is the self-check working; against <code>fixed</code> it is a bug; against a store it is a finding in that store.</p>
${counterexamples.map((c) => details(c, replays.get(c.path), replayPath(c.path)))}`,
  );
}

function details(found: Found<Counterexample>, replay: ReplayOutcome | undefined, replayFile: string): SafeHtml {
  const c = found.report;
  const underFixed = c.system === 'router' && c.target === 'fixed';
  return html`<details class="counterexample" ${underFixed ? html`open` : ''}>
<summary>${verdictBadge('broken', underFixed)} <strong>${c.property}</strong> of the ${c.system} against <strong>${c.target}</strong> · seed ${c.seed} · ${c.steps.length} step(s) · ${formatWhen(c.createdAt)}</summary>
<div class="ce-body">
<p class="broken">Broken: <strong>${c.failure.invariant}</strong> at entry ${c.failure.atEntry} (${c.failure.phase === 'step' ? 'after that action' : 'at quiescence'}): ${c.failure.message}</p>
<p>Replay it: <code class="command">npm run replay -- ${replayFile}</code> · found at commit <code>${c.commit.slice(0, 12)}</code> · ${reportLink(found.path, 'file')}</p>
${replayTable(c, replay)}
</div>
</details>`;
}

function replayTable(c: Counterexample, replay: ReplayOutcome | undefined): SafeHtml {
  if (replay === undefined) return html`<p class="empty">Not replayed.</p>`;
  if (!replay.ok) return html`<p class="reasons">The replay failed: ${replay.error}</p>`;
  const { result, columns } = replay;
  const note = result.reproduced
    ? html`<p>Reproduced on this build: same invariant, entry and message.</p>`
    : html`<p class="reasons">Does not reproduce as recorded on this build${result.violation ? `: now ${result.violation.message}` : ': the invariant now holds'}.</p>`;
  return html`${note}
<table class="steps">
<thead><tr><th>#</th><th>Action</th><th>Outcome</th>${columns.map((col) => html`<th title="${col.legend}">${col.label}</th>`)}</tr></thead>
<tbody>${result.trace.map((e) => {
    const broke = result.violation?.atEntry === e.index ? 'broke' : '';
    return html`<tr class="${e.phase} ${broke}"><td class="num">${e.index}</td><td>${e.phase === 'drain' ? '(drain)' : e.description}</td><td>${e.outcome}</td>${columns.map((col) => html`<td>${String(e.state[col.key] ?? '')}</td>`)}</tr>`;
  })}</tbody>
</table>
<p class="legend">${columns.map((col) => html`<strong>${col.label}</strong>: ${col.legend}. `)}</p>
${c.steps.length === 0 ? html`<p>No generated step was needed: the initial state and the drain alone break it.</p>` : ''}`;
}
