import type { BenchReport, GateOutcome, SampleStatistics } from '../../reports/BenchReport.js';
import type { Found } from '../collectReports.js';
import { formatDuration, formatNumber, formatWhen } from '../format.js';
import { html, type SafeHtml } from '../html.js';
import { reportLink, section } from './layout.js';

function remeasured(gate: GateOutcome): string {
  if (gate.remeasured === undefined) return 'no';
  const ratio = gate.remeasured.ratio === undefined ? '' : `${gate.remeasured.ratio.toFixed(2)}x, `;
  return `${formatNumber(gate.remeasured.value)} (${ratio}${gate.remeasured.samples} samples)`;
}

/** tinybench's statistics as table cells: samples, mean, p50, p99, rme; dashes where none were kept. */
function statsCells(stats: SampleStatistics | undefined, samples: number): SafeHtml {
  if (stats === undefined) {
    return html`<td class="num">${samples}</td><td class="num">—</td><td class="num">—</td><td class="num">—</td><td class="num">—</td>`;
  }
  return html`<td class="num">${stats.samples}</td><td class="num">${formatNumber(stats.mean)}</td><td class="num">${formatNumber(stats.p50)}</td><td class="num">${formatNumber(stats.p99)}</td><td class="num">±${stats.rme.toFixed(1)}%</td>`;
}

function ratioCell(gate: GateOutcome): string {
  const ratio = gate.ratio === undefined ? '—' : `${gate.ratio.toFixed(2)}x`;
  const limit =
    gate.limit !== undefined
      ? `; at most ${formatNumber(gate.limit)} ${gate.unit}`
      : gate.reportedLimit !== undefined
        ? `; promised at most ${formatNumber(gate.reportedLimit)}, ${gate.value > gate.reportedLimit ? 'OVER (reported, not gated)' : 'within'}`
        : '';
  return `${ratio} (${gate.threshold}x${limit})`;
}

/** The newest benchmark report in full: the gates that decide it, then the absolute figures for trends. */
export function benchSection(benches: readonly Found<BenchReport>[]): SafeHtml {
  const latest = benches[0];
  if (latest === undefined) {
    return section(
      'benchmarks',
      'Benchmarks',
      html`<p class="empty">No benchmark report yet: <code>npm run bench</code>.</p>`,
    );
  }
  const r = latest.report;
  return section(
    'benchmarks',
    'Benchmarks',
    html`<p>Latest: ${reportLink(latest.path, formatWhen(r.startedAt))}${r.quick ? ' (quick)' : ''}${r.profile === 'fixed' ? '' : html` <span class="badge expected">self-test: ${r.profile}</span>`}, verdict ${r.verdict}, took ${formatDuration(r.durationMs)} on Node ${r.node}, ${r.machine.cpus} CPUs; ${benches.length} report(s) in the trend above.</p>
<p>Baseline: ${r.baseline === undefined ? 'none (nothing judged against one)' : `${r.baseline.file}, ${r.baseline.source}`}.</p>
<p>Gates decide the run: ratios timed in the same rounds, growth and counts, against the baseline, and some against a limit of their own. A gate past its threshold or its limit is measured again and fails only if it is still past. The value is the median of the per-round values; tinybench's statistics of those values stand beside it (rme: the relative margin of error of their mean, 95%).</p>
<table>
<thead><tr><th>Gate</th><th>What it measures</th><th>Value</th><th>Samples</th><th>Mean</th><th>p50</th><th>p99</th><th>rme</th><th>Baseline</th><th>Ratio (threshold; limit)</th><th>Re-measured</th><th>Verdict</th></tr></thead>
<tbody>${r.gates.map(
      (g) =>
        html`<tr class="${g.verdict === 'regressed' ? 'failed' : ''}"><td>${g.name}</td><td>${g.measures}</td><td class="num">${formatNumber(g.value)} ${g.unit}</td>${statsCells(g.stats, g.samples)}<td class="num">${g.baseline === undefined ? '—' : formatNumber(g.baseline)}</td><td class="num">${ratioCell(g)}</td><td>${remeasured(g)}</td><td>${g.verdict}</td></tr>`,
    )}</tbody>
</table>
<p>Absolute figures: for the trend of one machine only; load moves them, so they decide nothing. A limit beside one is what the design promises, reported, not gated.</p>
<table>
<thead><tr><th>Figure</th><th>Value</th><th>Samples</th><th>Mean</th><th>p50</th><th>p99</th><th>rme</th><th>Spread (min–max)</th><th>Limit</th><th>Note</th></tr></thead>
<tbody>${r.results.map(
      (b) =>
        html`<tr class="${b.limit !== undefined && b.value > b.limit ? 'failed' : ''}"><td>${b.name}</td><td class="num">${formatNumber(b.value)} ${b.unit}</td>${statsCells(b.stats, b.spread.samples)}<td class="num">${formatNumber(b.spread.min)}–${formatNumber(b.spread.max)}</td><td class="num">${b.limit === undefined ? '—' : `at most ${formatNumber(b.limit)}`}</td><td>${b.note ?? ''}</td></tr>`,
    )}</tbody>
</table>`,
  );
}
