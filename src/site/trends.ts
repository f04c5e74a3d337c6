import type { ReportSet } from './collectReports.js';
import { retainedBytesOf, soakKey } from './glance.js';

/** One line of a chart: x in epoch milliseconds. */
export interface TrendSeries {
  readonly label: string;
  /** Drawn dashed: a series where a leak is expected (a fault profile). */
  readonly expectedToLeak: boolean;
  readonly points: readonly { readonly x: number; readonly y: number }[];
}

const time = (iso: string): number => Date.parse(iso);

/** Retained bytes of every soak run over time, one line per scenario and profile. */
export function retainedBytesTrend(set: ReportSet): TrendSeries[] {
  const series = new Map<string, { expectedToLeak: boolean; points: { x: number; y: number }[] }>();
  for (const { report } of [...set.soaks].reverse()) {
    const key = soakKey(report);
    const line = series.get(key) ?? { expectedToLeak: report.expect === 'leak', points: [] };
    line.points.push({ x: time(report.startedAt), y: retainedBytesOf(report) });
    series.set(key, line);
  }
  return [...series].map(([label, line]) => ({ label, ...line })).sort((a, b) => a.label.localeCompare(b.label));
}

/**
 * Every benchmark figure and gate over time, divided by its first value and turned so that up is
 * always worse: one chart for figures of different units, where a regression is a step up.
 */
export function benchmarkTrend(set: ReportSet): TrendSeries[] {
  const series = new Map<string, { first: number; points: { x: number; y: number }[] }>();
  for (const { report } of [...set.benches].reverse()) {
    // A self-test runs a deliberately slowed router: not a point in fixed's history.
    if (report.profile !== 'fixed') continue;
    // Gates are ratios and counts, higher always worse: they trend beside the absolute figures.
    const gates = report.gates.map((gate) => ({ name: gate.name, value: gate.value, higherIsBetter: false }));
    for (const result of [...report.results, ...gates]) {
      if (!(result.value > 0)) continue;
      const line = series.get(result.name) ?? { first: result.value, points: [] };
      const slowdown = result.higherIsBetter ? line.first / result.value : result.value / line.first;
      line.points.push({ x: time(report.startedAt), y: Number(slowdown.toFixed(4)) });
      series.set(result.name, line);
    }
  }
  return [...series]
    .map(([label, line]) => ({ label, expectedToLeak: false, points: line.points }))
    .sort((a, b) => a.label.localeCompare(b.label));
}
