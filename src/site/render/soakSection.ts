import { heapBytesWithoutCode, repetitionCost, type SoakReport } from '../../reports/SoakReport.js';
import type { Found } from '../collectReports.js';
import { formatBytes, formatDuration, formatNumber, formatWhen } from '../format.js';
import { type SoakStatus, soakKey } from '../glance.js';
import { html, type SafeHtml } from '../html.js';
import { readableRetainerPath } from '../readablePath.js';
import { type ChartIds, chart } from './chart.js';
import { soakAnchor } from './glanceSection.js';
import { reportLink, section, verdictBadge } from './layout.js';

const MIB = 1024 * 1024;

/** The latest run of each configuration open, with its charts; older runs folded below it. */
export function soakSection(
  ids: ChartIds,
  soaks: readonly Found<SoakReport>[],
  statuses: readonly SoakStatus[],
): SafeHtml {
  if (soaks.length === 0) {
    return section('soaks', 'Soak runs', html`<p class="empty">No soak reports yet.</p>`);
  }
  const latestPaths = new Set(statuses.map((s) => s.latest.path));
  const latest = statuses.map((s) => soakDetails(ids, s.latest, true, s.alarming));
  const older = soaks.filter((s) => !latestPaths.has(s.path));
  return section(
    'soaks',
    'Soak runs',
    html`<p>Latest run of each configuration first; ${older.length} older run(s) folded below.</p>
${latest}
${older.length > 0 ? html`<details class="older"><summary>${older.length} older soak run(s)</summary>${older.map((s) => soakDetails(ids, s, false, false))}</details>` : ''}`,
  );
}

function soakDetails(ids: ChartIds, found: Found<SoakReport>, open: boolean, alarming: boolean): SafeHtml {
  const r = found.report;
  const folder = found.path.replace(/\/?report\.json$/, '');
  const retained = r.retained.reduce((sum, c) => sum + c.retainedBytes, 0);
  // Reports written before code space was measured have neither that line nor a slope without it.
  const expectation = r.expect === 'leak' ? ' (expected to leak)' : '';
  const hasCodeSpace = r.heapTrend.length > 0 && r.heapTrend.every((p) => p.codeSpaceBytes !== undefined);
  return html`<details class="soak" id="${soakAnchor(found.path)}" ${open ? html`open` : ''}>
<summary>${verdictBadge(r.verdict, alarming)} <strong>${soakKey(r)}</strong>${expectation}${r.targetVersion ? ` (${r.targetVersion})` : ''} · ${formatWhen(r.startedAt)} · ${formatDuration(r.durationMs)}, ${formatNumber(r.cycles)} cycles · retained ${formatBytes(retained)}</summary>
<div class="soak-body">
${r.reasons.length > 0 ? html`<p class="reasons">${r.verdict === 'leak' ? 'Leak' : 'Inconclusive'}: ${r.reasons.join('; ')}</p>` : html`<p>Every limit judged and held.</p>`}
${r.from ? replayedCost(r.from) : ''}
<div class="chart-row">
${chart(ids, {
  title: 'Heap used after gc',
  xLabel: 'cycle',
  yLabel: 'MiB',
  xKind: 'linear',
  series: [
    {
      label: 'heapUsed',
      points: r.heapTrend.map((p) => ({ x: p.cycle, y: Number((p.heapUsedBytes / MIB).toFixed(3)) })),
    },
    // What the slope is taken of; reports written before code space was measured lack it.
    ...(hasCodeSpace
      ? [
          {
            label: 'without compiled code',
            points: r.heapTrend.map((p) => ({ x: p.cycle, y: Number((heapBytesWithoutCode(p) / MIB).toFixed(3)) })),
          },
        ]
      : []),
  ],
})}
${chart(ids, {
  title: 'Live objects per class in each snapshot',
  xLabel: 'snapshot',
  yLabel: 'objects',
  xKind: 'category',
  categories: r.snapshots.map((s) => `${s.label} (cycle ${s.cycle})`),
  series: r.classGrowth.map((c) => ({ label: c.className, points: c.counts.map((y, x) => ({ x, y })) })),
})}
</div>
<p>Heap slope ${formatNumber(Math.round(r.heapSlopeBytesPerCycle))} bytes per cycle${hasCodeSpace ? ' (compiled code left out)' : ''}; memlab analysis took ${formatDuration(r.analysisMs)}.</p>
<h4>Limits</h4>
<table>
<thead><tr><th>Check</th><th>Measured</th><th>Limit</th><th></th><th>Why this limit</th></tr></thead>
<tbody>${r.checks.map(
    (c) =>
      html`<tr class="${c.passed ? '' : 'failed'}"><td>${c.name}</td><td class="num">${formatNumber(c.measured)} ${c.unit}</td><td class="num">${formatNumber(c.limit)}</td><td>${c.notJudged !== undefined ? `not judged: ${c.notJudged}` : c.passed ? 'ok' : 'EXCEEDED'}</td><td class="why">${c.justification}</td></tr>`,
  )}</tbody>
</table>
${r.footprint ? footprintDetails(ids, r.footprint, r.plantedLeak) : ''}
<h4>Retained classes</h4>
${
  r.retained.length === 0
    ? html`<p>No object of the project's classes allocated after the baseline is still alive.</p>`
    : html`<table class="retained">
<thead><tr><th>Class</th><th>Objects</th><th>Self size</th><th>Retained size</th></tr></thead>
<tbody>${r.retained.map((c) => html`<tr><td>${c.className}</td><td class="num">${formatNumber(c.count)}</td><td class="num">${formatBytes(c.selfBytes)}</td><td class="num">${formatBytes(c.retainedBytes)}</td></tr>`)}</tbody>
</table>`
}
<h4>Retainer traces</h4>
${
  r.traces.length === 0
    ? html`<p>No retainer trace: nothing leaked is still referenced at the end.</p>`
    : r.traces.map(
        (t) =>
          html`<div class="trace"><p><strong>${t.className}</strong> × ${formatNumber(t.count)}, ${formatBytes(t.retainedBytes)} retained, held by <span class="path">${readableRetainerPath(t.lines, 8)}</span></p><details class="raw-trace"><summary>memlab's trace from a GC root</summary><ol class="trace-lines">${t.lines.map((l) => html`<li>${l}</li>`)}</ol></details></div>`,
      )
}
${r.memlabCommand ? html`<h4>Re-run memlab by hand</h4><pre class="command">${r.memlabCommand}</pre>` : ''}
<p class="files">${reportLink(`${folder}/report.md`, 'report.md')} · ${reportLink(found.path, 'report.json')}${[
    ...(r.extraSnapshots ?? []),
    ...r.snapshots,
  ]
    .filter((s) => s.file !== undefined)
    .map((s) => html` · ${reportLink(`${folder}/${s.file}`, `${s.label} snapshot (${formatBytes(s.bytes)})`)}`)}</p>
</div>
</details>`;
}

function replayedCost(from: NonNullable<SoakReport['from']>): SafeHtml {
  const cost = repetitionCost(from);
  const perRun = (bytes: number, objects: number) =>
    html`<strong>${formatBytes(bytes)}</strong> in ${formatNumber(objects)} objects`;
  const comparison =
    from.comparisonError !== undefined
      ? html`; the same replay under <code>fixed</code> failed: ${from.comparisonError}`
      : cost.underFixed
        ? html`; under <code>fixed</code> ${perRun(cost.underFixed.bytes, cost.underFixed.objects)}, so the fault costs <strong>${formatBytes(cost.faultBytes ?? 0)}</strong> a repetition`
        : '';
  return html`<p>Replayed counterexample <code>${from.counterexample}</code> ${formatNumber(from.repeat)} times, keeping every repetition alive: each (its controller, channel, runtime and router) keeps ${perRun(cost.bytes, cost.objects)}${comparison}.</p>`;
}

/** The router's own footprint over the series: the chart, what grew by its path, memlab's unbound-growth findings. */
function footprintDetails(
  ids: ChartIds,
  footprint: NonNullable<SoakReport['footprint']>,
  planted: SoakReport['plantedLeak'],
): SafeHtml {
  const memlabFound = [
    ...footprint.memlab.collections.map((f) => ({ ...f, analysis: 'unbound-collection', unit: 'entries' })),
    ...footprint.memlab.objects.map((f) => ({ ...f, analysis: 'unbound-object', unit: 'bytes' })),
  ].filter((f) => f.path !== undefined);
  return html`<h4>The router's own footprint</h4>
${planted ? html`<p class="reasons">A leak was planted on purpose: ${formatBytes(planted.bytes)} kept per ${planted.per}${(planted.every ?? 1) > 1 ? ` (one in ${planted.every})` : ''}, ${(planted.shape ?? 'map') === 'map' ? 'in a Map' : 'in a chain of linked records'}.</p>` : ''}
${footprint.unreadable !== undefined ? html`<p class="reasons">Not read: ${footprint.unreadable}.</p>` : ''}
<div class="chart-row">
${chart(ids, {
  title: 'Bytes the router alone keeps, at quiescence',
  xLabel: 'cycle',
  yLabel: 'KiB',
  xKind: 'linear',
  series: [
    {
      label: 'router',
      points: footprint.series.map((p) => ({ x: p.cycle, y: Number((p.reachableBytes / 1024).toFixed(2)) })),
    },
  ],
})}
</div>
<p>Growth ${formatNumber(Math.round(footprint.slopeBytesPerCycle))} bytes per cycle over ${footprint.series.length} snapshots, at least ${formatNumber(Math.round(footprint.leastStepBytesPerCycle))} at every step${
    footprint.grewMost
      ? html`; most of the ${formatBytes(footprint.grewMost.ofBytes)} gained is under <code>${footprint.grewMost.path}</code> (${formatBytes(footprint.grewMost.bytes)})`
      : ''
  }.</p>
${
  footprint.growingCollections.length === 0
    ? html`<p>No collection of the router grew at every step.</p>`
    : html`<table><thead><tr><th>Grew at every step</th><th>Kind</th><th>Entries</th></tr></thead>
<tbody>${footprint.growingCollections.map((c) => html`<tr class="failed"><td><code>${c.path}</code></td><td>${c.kind}</td><td>${c.entries.join(' → ')}</td></tr>`)}</tbody></table>`
}
<p>memlab's unbound-growth analyses over the whole heap: ${formatNumber(footprint.memlab.collections.length)} collection(s), ${formatNumber(footprint.memlab.objects.length)} object(s) and ${formatNumber(footprint.memlab.shapes.length)} shape(s) changed; ${formatNumber(memlabFound.length)} of them the router's.</p>
${
  memlabFound.length === 0
    ? ''
    : html`<table><thead><tr><th>memlab</th><th>Path from the router</th><th>Per snapshot</th></tr></thead>
<tbody>${memlabFound.map((f) => html`<tr><td>${f.analysis}</td><td><code>${f.path ?? ''}</code></td><td>${f.history.join(' → ')} ${f.unit}</td></tr>`)}</tbody></table>`
}`;
}
