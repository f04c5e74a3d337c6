import type { Counterexample } from '../../harness/counterexample/CounterexampleFile.js';
import type { ReplayResult } from '../../harness/replay/replayCounterexample.js';
import type { Found } from '../collectReports.js';
import { formatWhen } from '../format.js';
import { html, type SafeHtml } from '../html.js';
import { reportLink, section, verdictBadge } from './layout.js';

/** A replay made while building the site, or why it could not be made. */
export type ReplayOutcome =
  | { readonly ok: true; readonly result: ReplayResult }
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
Under a fault profile a counterexample is the self-check working; under <code>fixed</code> it is a bug.</p>
${counterexamples.map((c) => details(c, replays.get(c.path), replayPath(c.path)))}`,
  );
}

function details(found: Found<Counterexample>, replay: ReplayOutcome | undefined, replayFile: string): SafeHtml {
  const c = found.report;
  const underFixed = c.profile === 'fixed';
  return html`<details class="counterexample" ${underFixed ? html`open` : ''}>
<summary>${verdictBadge('broken', underFixed)} <strong>${c.property}</strong> under <strong>${c.profile}</strong> · seed ${c.seed} · ${c.steps.length} step(s) · ${formatWhen(c.createdAt)}</summary>
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
  const { result } = replay;
  const note = result.reproduced
    ? html`<p>Reproduced on this build: same invariant, entry and message.</p>`
    : html`<p class="reasons">Does not reproduce as recorded on this build${result.violation ? `: now ${result.violation.message}` : ': the invariant now holds'}.</p>`;
  return html`${note}
<table class="steps">
<thead><tr><th>#</th><th>Action</th><th>Outcome</th><th>t</th><th>Sync in progress</th><th>Trackers</th><th>Post-sync buffered</th><th>Sessions router / controller</th><th>Queue</th><th>In flight</th><th>Channel</th></tr></thead>
<tbody>${result.trace.map((e) => {
    const s = e.snapshot;
    const broke = result.violation?.atEntry === e.index ? 'broke' : '';
    return html`<tr class="${e.phase} ${broke}"><td class="num">${e.index}</td><td>${e.phase === 'drain' ? '(drain)' : e.description}</td><td>${e.outcome}</td><td class="num">${s.time} ms</td><td>${s.syncInProgress || '—'}</td><td>${s.trackersHeld > 0 ? `1 ${s.heldTrackerState ?? ''}` : '0'}</td><td class="num">${s.postSyncBuffered}</td><td class="num">${s.routerSessions} / ${s.controllerSessions}</td><td class="num">${s.queueLength}</td><td class="num">${s.inFlightToRouter}</td><td>${s.channelOpen ? 'open' : 'closed'}</td></tr>`;
  })}</tbody>
</table>
${c.steps.length === 0 ? html`<p>No generated step was needed: the connect sync and the drain alone break it.</p>` : ''}`;
}
