import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { formatClock } from '../harness/parseDuration.js';
import type { NightlySummary } from '../harness/reports/NightlySummary.js';
import { readSoakReport, type SoakReport } from '../harness/reports/SoakReport.js';
import { listReportFiles, newFiles } from './findNewReports.js';
import type { SoakTask } from './NightlyPlan.js';
import { runChildCommand } from './runChildCommand.js';

export type SoakOutcome = NightlySummary['soaks'][number];

export interface SoakRunContext {
  /** The night's folder: the soak writes its reports under `<dir>/soak/`. */
  readonly nightDir: string;
  readonly reportsRoot: string;
  readonly shareMs: number;
  readonly log: (line: string) => void;
}

/** Part of a soak's slot spent on the workload; the rest goes to snapshots and memlab's analysis. */
const WORKLOAD_FRACTION = 0.5;
const MIN_SOAK_SECONDS = 5;

function soakReportIn(entry: string): string | undefined {
  const file = join(entry, 'report.json');
  return existsSync(file) ? file : undefined;
}

/** What the summary says of a soak beside its verdict: why it leaked, and any check it could not judge. */
export function soakNotes(report: Pick<SoakReport, 'reasons' | 'checks'>): string[] {
  // A check the run was too short to judge passes, so the summary says so rather than hide it.
  const unjudged = report.checks
    .filter((check) => check.notJudged !== undefined)
    .map((check) => `${check.name} not judged (${check.notJudged})`);
  return [...report.reasons, ...unjudged];
}

export async function runSoakTasks(tasks: readonly SoakTask[], context: SoakRunContext): Promise<SoakOutcome[]> {
  const started = performance.now();
  const soakDir = join(context.nightDir, 'soak');
  const outcomes: SoakOutcome[] = [];
  let left = tasks.length;
  for (const task of tasks) {
    const slotMs = Math.max(0, context.shareMs - (performance.now() - started)) / left--;
    const seconds = Math.max(MIN_SOAK_SECONDS, Math.floor((slotMs * WORKLOAD_FRACTION) / 1000));
    const label = `${task.scenario} under ${task.profile}`;
    context.log(`soak: ${label} for ${seconds} s`);
    const before = listReportFiles(soakDir, soakReportIn);
    const result = await runChildCommand(
      'src/cli/soak.ts',
      ['--profile', task.profile, '--scenario', task.scenario, '--duration', `${seconds}s`],
      {
        env: { REPORTS_DIR: context.nightDir },
        // A soak that runs far past its slot is stuck; the night must still finish.
        timeoutMs: Math.max(120_000, seconds * 1_000 * 6),
        onStderrLine: (line) => {
          if (!line.includes('\u001b')) context.log(`soak: ${label}: ${line.trim()}`);
        },
      },
    );
    const written = newFiles(before, listReportFiles(soakDir, soakReportIn))[0];
    const base = { scenario: task.scenario, profile: task.profile, slot: task.slot };
    const durationMs = Math.round(result.durationMs);
    if ((result.code === 0 || result.code === 1) && written !== undefined) {
      const report = readSoakReport(written);
      const retainedBytes = report.retained.reduce((sum, row) => sum + row.retainedBytes, 0);
      const notes = soakNotes(report);
      outcomes.push({
        ...base,
        verdict: report.verdict,
        durationMs,
        retainedBytes,
        report: relative(context.reportsRoot, written).replaceAll('\\', '/'),
        ...(notes.length > 0 ? { message: notes.join('; ') } : {}),
      });
      context.log(`soak: ${label}: ${report.verdict} (${retainedBytes} bytes retained) in ${formatClock(durationMs)}`);
      continue;
    }
    const why = result.timedOut
      ? 'timed out'
      : `exited with ${result.code ?? 'a signal'}${written === undefined ? ' and wrote no report' : ''}`;
    const message = `soak ${why}: ${result.stderrTail.split('\n').slice(-3).join(' | ')}`;
    context.log(`soak: ${label}: ${message}`);
    outcomes.push({ ...base, verdict: 'error', durationMs, retainedBytes: 0, message });
  }
  return outcomes;
}
