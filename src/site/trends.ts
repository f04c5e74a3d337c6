import type { BenchReport, BenchResult, GateOutcome } from '../reports/BenchReport.js';
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

/** The small charts the gates are drawn in: the router's times, the harness's, and the counts. */
export const GATE_GROUPS = ['sut', 'harness', 'counts'] as const;
export type GateGroup = (typeof GATE_GROUPS)[number];

export function gateGroupOf(gate: Pick<GateOutcome, 'name' | 'kind'>): GateGroup {
  if (gate.kind === 'count') return 'counts';
  return gate.name.startsWith('sut/') ? 'sut' : 'harness';
}

/** One group's gates across nights, each over its baseline, with the lines that decide them. */
export interface GateTrend {
  readonly group: GateGroup;
  /** Each gate's value over its baseline, night by night: what its threshold is compared with. */
  readonly gates: TrendSeries[];
  /** Each threshold of the group, and each gate's limit over its baseline: above one, a gate is measured again. */
  readonly lines: TrendSeries[];
}

/** Fixed's reports, oldest first: a self-test runs a deliberately slowed router, not a point in its history. */
function fixedBenches(set: ReportSet): BenchReport[] {
  return [...set.benches]
    .reverse()
    .map(({ report }) => report)
    .filter((report) => report.profile === 'fixed');
}

function pushPoint(lines: Map<string, { x: number; y: number }[]>, label: string, x: number, y: number): void {
  const points = lines.get(label) ?? [];
  points.push({ x, y: Number(y.toFixed(4)) });
  lines.set(label, points);
}

const asSeries = (lines: Map<string, { x: number; y: number }[]>, expectedToLeak = false): TrendSeries[] =>
  [...lines]
    .map(([label, points]) => ({ label, expectedToLeak, points }))
    .sort((a, b) => a.label.localeCompare(b.label));

/**
 * Every gate across nights, in its group's chart: its value over the baseline it was
 * judged against (1 = the baseline), beside a flat line for each threshold of the group
 * and, for a gate with a limit, that limit over the same baseline. A gate with no
 * baseline that night has no point.
 */
export function gateTrends(set: ReportSet): GateTrend[] {
  const gates = new Map<GateGroup, Map<string, { x: number; y: number }[]>>();
  const lines = new Map<GateGroup, Map<string, { x: number; y: number }[]>>();
  const xs = new Map<GateGroup, number[]>();
  const thresholds = new Map<GateGroup, Set<number>>();
  for (const report of fixedBenches(set)) {
    const x = time(report.startedAt);
    for (const gate of report.gates) {
      if (gate.ratio === undefined || gate.baseline === undefined || !(gate.baseline > 0)) continue;
      const group = gateGroupOf(gate);
      const groupGates = gates.get(group) ?? new Map();
      gates.set(group, groupGates);
      pushPoint(groupGates, gate.name, x, gate.ratio);
      xs.set(group, [...(xs.get(group) ?? []), x]);
      thresholds.set(group, (thresholds.get(group) ?? new Set()).add(gate.threshold));
      if (gate.limit !== undefined) {
        const groupLines = lines.get(group) ?? new Map();
        lines.set(group, groupLines);
        pushPoint(groupLines, `${gate.name}: limit ${gate.limit} ${gate.unit}`, x, gate.limit / gate.baseline);
      }
    }
  }
  return GATE_GROUPS.map((group) => {
    const groupLines = lines.get(group) ?? new Map<string, { x: number; y: number }[]>();
    const span = xs.get(group) ?? [];
    for (const threshold of thresholds.get(group) ?? []) {
      const label = `threshold ${threshold}x its baseline`;
      groupLines.set(label, [
        { x: Math.min(...span), y: threshold },
        { x: Math.max(...span), y: threshold },
      ]);
    }
    return { group, gates: asSeries(gates.get(group) ?? new Map()), lines: asSeries(groupLines) };
  });
}

/**
 * Every absolute figure across nights, divided by its first value and turned so that up
 * is always worse, one list per group (sut, harness, soak): for one machine's trend only.
 */
export function benchmarkTrend(set: ReportSet): Record<BenchResult['group'], TrendSeries[]> {
  const firsts = new Map<string, number>();
  const groups: Record<BenchResult['group'], Map<string, { x: number; y: number }[]>> = {
    sut: new Map(),
    harness: new Map(),
    soak: new Map(),
  };
  for (const report of fixedBenches(set)) {
    for (const result of report.results) {
      if (!(result.value > 0)) continue;
      const first = firsts.get(result.name) ?? result.value;
      firsts.set(result.name, first);
      const slowdown = result.higherIsBetter ? first / result.value : result.value / first;
      pushPoint(groups[result.group], result.name, time(report.startedAt), slowdown);
    }
  }
  return { sut: asSeries(groups.sut), harness: asSeries(groups.harness), soak: asSeries(groups.soak) };
}
