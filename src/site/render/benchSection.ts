import type { BenchReport } from '../../harness/reports/BenchReport.js';
import type { Found } from '../collectReports.js';
import { formatDuration, formatNumber, formatWhen } from '../format.js';
import { html, type SafeHtml } from '../html.js';
import { reportLink, section } from './layout.js';

/** The newest benchmark report in full, against the baseline. */
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
  const comparison = new Map(r.comparison.map((c) => [c.name, c]));
  return section(
    'benchmarks',
    'Benchmarks',
    html`<p>Latest: ${reportLink(latest.path, formatWhen(r.startedAt))}${r.quick ? ' (quick)' : ''}, took ${formatDuration(r.durationMs)} on Node ${r.node}, ${r.machine.cpus} CPUs; ${benches.length} report(s) in the trend above.</p>
<table>
<thead><tr><th>Figure</th><th>Value</th><th>Spread (min–max, samples)</th><th>Against baseline</th><th>Note</th></tr></thead>
<tbody>${r.results.map((b) => {
      const c = comparison.get(b.name);
      return html`<tr class="${c?.regressed ? 'failed' : ''}"><td>${b.name}</td><td class="num">${formatNumber(b.value)} ${b.unit}${b.spread.rme !== undefined ? ` ±${b.spread.rme.toFixed(1)}%` : ''}</td><td class="num">${formatNumber(b.spread.min)}–${formatNumber(b.spread.max)}, ${b.spread.samples}</td><td>${c === undefined ? '—' : `${c.ratio.toFixed(2)}x (limit ${c.threshold}x)${c.regressed ? ' REGRESSED' : ''}`}</td><td>${b.note ?? ''}</td></tr>`;
    })}</tbody>
</table>`,
  );
}
