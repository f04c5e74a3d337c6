import { html, type SafeHtml } from '../html.js';
import type { TrendSeries } from '../trends.js';
import { type ChartIds, chart } from './chart.js';
import { section } from './layout.js';

export function trendSection(ids: ChartIds, retained: TrendSeries[], benchmarks: TrendSeries[]): SafeHtml {
  return section(
    'trends',
    'Across nights',
    html`<p>Retained bytes of each soak configuration run after run, and each benchmark figure relative to its first run,
turned so that up is always worse: a regression shows as a step up.</p>
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
${chart(ids, {
  title: 'Benchmarks relative to their first run',
  xLabel: 'run started',
  yLabel: 'slowdown (1 = first run)',
  xKind: 'time',
  series: benchmarks.map((s) => ({ label: s.label, points: s.points })),
})}
</div>`,
  );
}
