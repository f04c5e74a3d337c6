import type { SoakReport } from '../reports/SoakReport.js';
import type { Found, ReportSet } from './collectReports.js';
import { formatBytes, formatWhen } from './format.js';

/** The latest state of one soak configuration (system, scenario and target) across every run found. */
export interface SoakStatus {
  readonly key: string;
  readonly scenario: string;
  readonly target: string;
  /** A leak (or an inconclusive run) where a clean one is expected is an alarm; a fault profile's leak is the self-check working. */
  readonly alarming: boolean;
  readonly latest: Found<SoakReport>;
  readonly runs: number;
  readonly leakRuns: number;
  /** When the current unbroken run of leaks began; undefined when the latest run is clean. */
  readonly leakingSince: string | undefined;
  readonly retainedBytes: number;
  /** The retainer trace of the latest run that retains the most, root to leaked object. */
  readonly heldBy: readonly string[] | undefined;
}

export interface Glance {
  readonly latestNightly: ReportSet['nightlies'][number] | undefined;
  readonly soakStatuses: readonly SoakStatus[];
  readonly alarms: readonly string[];
  readonly expectedLeaks: number;
  readonly counterexamplesUnderFixed: number;
}

export function soakKey(report: SoakReport): string {
  return report.from
    ? `from ${report.from.counterexample}`
    : `${report.system === 'router' ? '' : `${report.system} `}${report.scenario} / ${report.target}`;
}

function largestTrace(report: SoakReport): SoakReport['traces'][number] | undefined {
  return report.traces.reduce<SoakReport['traces'][number] | undefined>(
    (best, trace) => (best === undefined || trace.retainedBytes > best.retainedBytes ? trace : best),
    undefined,
  );
}

export function retainedBytesOf(report: SoakReport): number {
  return report.retained.reduce((sum, r) => sum + r.retainedBytes, 0);
}

/** What a reviewer needs first: is anything leaking, since when, and who holds it. */
export function glance(set: ReportSet): Glance {
  const groups = new Map<string, Found<SoakReport>[]>();
  for (const soak of set.soaks) {
    const key = soakKey(soak.report);
    groups.set(key, [...(groups.get(key) ?? []), soak]);
  }
  const soakStatuses: SoakStatus[] = [];
  for (const [key, runs] of groups) {
    // `runs` is newest first, as the set is.
    const latest = runs[0] as Found<SoakReport>;
    let leakingSince: string | undefined;
    for (const run of runs) {
      if (run.report.verdict !== 'leak') break;
      leakingSince = run.report.startedAt;
    }
    soakStatuses.push({
      key,
      scenario: latest.report.scenario,
      target: latest.report.target,
      alarming: latest.report.expect === 'clean' && latest.report.verdict !== 'clean',
      latest,
      runs: runs.length,
      leakRuns: runs.filter((r) => r.report.verdict === 'leak').length,
      leakingSince,
      retainedBytes: retainedBytesOf(latest.report),
      heldBy: largestTrace(latest.report)?.lines,
    });
  }
  soakStatuses.sort((a, b) => Number(b.alarming) - Number(a.alarming) || a.key.localeCompare(b.key));

  const alarms: string[] = [];
  const latestNightly = set.nightlies[0];
  if (latestNightly !== undefined && latestNightly.report.verdict !== 'pass') {
    alarms.push(
      `the latest nightly is ${latestNightly.report.verdict}: ${latestNightly.report.reasons[0] ?? 'see its summary'}`,
    );
  }
  for (const status of soakStatuses.filter((s) => s.alarming)) {
    alarms.push(
      status.latest.report.verdict === 'inconclusive'
        ? `${status.key} is inconclusive: ${status.latest.report.reasons.join('; ')}`
        : `${status.key} leaks ${formatBytes(status.retainedBytes)}, since ${status.leakingSince ? formatWhen(status.leakingSince) : '?'}`,
    );
  }
  const counterexamplesUnderFixed = set.counterexamples.filter(
    (c) => c.report.system === 'router' && c.report.target === 'fixed',
  ).length;
  if (counterexamplesUnderFixed > 0) alarms.push(`${counterexamplesUnderFixed} counterexample(s) found under fixed`);
  if (set.unreadable.length > 0) alarms.push(`${set.unreadable.length} report file(s) could not be read`);

  return {
    latestNightly,
    soakStatuses,
    alarms,
    expectedLeaks: soakStatuses.filter((s) => s.latest.report.expect === 'leak' && s.latest.report.verdict === 'leak')
      .length,
    counterexamplesUnderFixed,
  };
}
