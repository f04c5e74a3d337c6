import type { BenchResult } from '../../reports/BenchReport.js';
import { html, type SafeHtml } from '../html.js';
import type { GateGroup, GateTrend, TrendSeries } from '../trends.js';
import { type ChartIds, chart } from './chart.js';
import { section } from './layout.js';

const GATE_TITLES: Record<GateGroup, string> = {
  sut: 'Router gates: times over their reference, growth',
  harness: 'Harness gates: overhead and analysis over their reference',
  counts: 'Count gates: heap per session, tasks per session, peak over settled heap',
};

const ABSOLUTE_TITLES: Record<BenchResult['group'], string> = {
  sut: 'Router figures relative to their first run',
  harness: 'Harness figures relative to their first run',
  soak: 'Soak analysis relative to its first run',
};

/** One small chart per gate group: each gate over its baseline, and dashed, the lines it is judged by. */
function gateChart(ids: ChartIds, trend: GateTrend): SafeHtml {
  return chart(ids, {
    title: GATE_TITLES[trend.group],
    xLabel: 'run started',
    yLabel: 'value over its baseline (1 = baseline)',
    xKind: 'time',
    series: [
      ...trend.gates.map((s) => ({ label: s.label, points: s.points })),
      ...trend.lines.map((s) => ({ label: s.label, dashed: true, points: s.points })),
    ],
  });
}

export function trendSection(
  ids: ChartIds,
  retained: TrendSeries[],
  gates: readonly GateTrend[],
  absolute: Record<BenchResult['group'], TrendSeries[]>,
): SafeHtml {
  return section(
    'trends',
    'Across nights',
    html`<p>Retained bytes of each soak configuration run after run. Then the benchmark gates, one small chart per
group: each gate over the baseline it was judged against, with its threshold (and its limit, where it has one) dashed;
a gate above its dashed line is measured again, and fails the night if it stays above. Last, the absolute figures
relative to their first run, turned so that up is always worse: for one machine's trend, they decide nothing.</p>
<div class="chart-row">
${chart(ids, {
  title: 'Retained bytes per soak under fixed (must stay at 0)',
  xLabel: 'run started',
  yLabel: 'bytes retained at the end',
  xKind: 'time',
  series: retained.filter((s) => !s.expectedToLeak).map((s) => ({ label: s.label, points: s.points })),
})}
${chart(ids, {
  title: 'Retained bytes per soak under fault profiles (must leak)',
  xLabel: 'run started',
  yLabel: 'bytes retained at the end',
  xKind: 'time',
  series: retained.filter((s) => s.expectedToLeak).map((s) => ({ label: s.label, dashed: true, points: s.points })),
})}
</div>
<div class="chart-row small">
${gates.map((trend) => gateChart(ids, trend))}
</div>
<div class="chart-row small">
${(['sut', 'harness', 'soak'] as const).map((group) =>
  chart(ids, {
    title: ABSOLUTE_TITLES[group],
    xLabel: 'run started',
    yLabel: 'slowdown (1 = first run)',
    xKind: 'time',
    series: absolute[group].map((s) => ({ label: s.label, points: s.points })),
  }),
)}
</div>`,
  );
}
