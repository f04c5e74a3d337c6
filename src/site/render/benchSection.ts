import type { BenchReport, GateOutcome } from '../../reports/BenchReport.js';
import type { Found } from '../collectReports.js';
import { formatDuration, formatNumber, formatWhen } from '../format.js';
import { html, type SafeHtml } from '../html.js';
import { reportLink, section } from './layout.js';

function remeasured(gate: GateOutcome): string {
  if (gate.remeasured === undefined) return 'no';
  return `${formatNumber(gate.remeasured.value)} (${gate.remeasured.ratio.toFixed(2)}x, ${gate.remeasured.samples} samples)`;
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
<p>Gates decide the run: ratios timed in the same rounds, growth and counts, against the baseline. A gate past its limit is measured again and fails only if it is still past.</p>
<table>
<thead><tr><th>Gate</th><th>What it measures</th><th>Value</th><th>Baseline</th><th>Ratio (limit)</th><th>Samples</th><th>Re-measured</th><th>Verdict</th></tr></thead>
<tbody>${r.gates.map(
      (g) =>
        html`<tr class="${g.verdict === 'regressed' ? 'failed' : ''}"><td>${g.name}</td><td>${g.measures}</td><td class="num">${formatNumber(g.value)} ${g.unit}</td><td class="num">${g.baseline === undefined ? '—' : formatNumber(g.baseline)}</td><td class="num">${g.ratio === undefined ? '—' : `${g.ratio.toFixed(2)}x`} (${g.threshold}x)</td><td class="num">${g.samples}</td><td>${remeasured(g)}</td><td>${g.verdict}</td></tr>`,
    )}</tbody>
</table>
<p>Absolute figures: for the trend of one machine only; load moves them, so they decide nothing.</p>
<table>
<thead><tr><th>Figure</th><th>Value</th><th>Spread (min–max, samples)</th><th>Note</th></tr></thead>
<tbody>${r.results.map(
      (b) =>
        html`<tr><td>${b.name}</td><td class="num">${formatNumber(b.value)} ${b.unit}${b.spread.rme !== undefined ? ` ±${b.spread.rme.toFixed(1)}%` : ''}</td><td class="num">${formatNumber(b.spread.min)}–${formatNumber(b.spread.max)}, ${b.spread.samples}</td><td>${b.note ?? ''}</td></tr>`,
    )}</tbody>
</table>`,
  );
}
