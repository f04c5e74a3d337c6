import { relative } from 'node:path';
import { runSoak } from '../../soak/runSoak.js';
import { describeFailure, InterruptedError, throwIfStopped } from '../errors.js';
import type { FaultProfileName } from '../faults.js';
import { formatClock } from '../harness/index.js';
import type { SoakOutcome } from '../reports/NightlySummary.js';
import type { NightBudget } from './NightBudget.js';
import { leastSoakMs, type SoakTask } from './NightlyPlan.js';
import { readSelfCheck, selfCheckExpected } from './plantedLeakSelfCheck.js';

export interface SoakRunContext {
  /** The night's folder: soaks write their reports under `<dir>/soak/`. */
  readonly nightDir: string;
  readonly reportsRoot: string;
  readonly shareMs: number;
  /** The night's budget: a soak it has no room for is left out, one running at its end is cut. */
  readonly budget: NightBudget;
  /** Time kept for the phases after the soaks: a soak that would eat into it is left out. */
  readonly reserveMs: number;
  readonly signal?: AbortSignal;
  readonly log: (line: string) => void;
}

/** Part of a soak's slot spent on the workload; the rest goes to snapshots and memlab's analysis. */
const WORKLOAD_FRACTION = 0.5;
const MIN_SOAK_SECONDS = 5;

/** Runs each soak for its share of the time, and at least the cycles its limits need. */
export async function runSoakTasks(tasks: readonly SoakTask[], context: SoakRunContext): Promise<SoakOutcome[]> {
  const started = performance.now();
  const outcomes: SoakOutcome[] = [];
  let left = tasks.length;
  for (const task of tasks) {
    throwIfStopped(context.signal);
    const slotMs = Math.max(0, context.shareMs - (performance.now() - started)) / left--;
    const seconds = Math.max(MIN_SOAK_SECONDS, Math.floor((slotMs * WORKLOAD_FRACTION) / 1000));
    const label = `${task.scenario} under ${task.target}${task.selfCheck ? ' with a planted leak (self-check)' : ''}`;
    const least = leastSoakMs(task);
    const available = context.budget.leftMs() - context.reserveMs;
    if (available < least) {
      const why = `needs about ${formatClock(least)} (${task.minCycles} cycles and the analysis), ${formatClock(Math.max(0, available))} of the budget left for it`;
      context.budget.leaveOut(`soak ${label}`, why);
      context.log(`soak: ${label}: left out: ${why}`);
      continue;
    }
    // The self-check runs its cycles and no longer: it only has to be seen.
    const length = task.selfCheck
      ? { cycles: task.minCycles }
      : { durationMs: seconds * 1_000, cycles: task.minCycles };
    context.log(
      `soak: ${label}: ${length.durationMs !== undefined ? `at least ${seconds} s and ` : ''}${task.minCycles} cycles`,
    );
    const base = {
      system: task.system,
      scenario: task.scenario,
      target: task.target,
      expect: task.expect,
      ...(task.selfCheck ? { selfCheck: selfCheckExpected(task.selfCheck) } : {}),
    };
    const soakStarted = performance.now();
    try {
      const ran = await context.budget.run(`soak ${label}`, context.signal, (signal) =>
        runSoak(
          task.system === 'store'
            ? { kind: 'store', store: task.target, ...length }
            : {
                kind: 'scenario',
                scenario: task.scenario,
                profile: task.target as FaultProfileName,
                ...length,
                ...(task.selfCheck ? { plantedLeak: task.selfCheck.leak } : {}),
              },
          { reportsRoot: context.nightDir, signal, log: (line) => context.log(`soak: ${line}`) },
        ),
      );
      const durationMs = Math.round(performance.now() - soakStarted);
      if (ran.value === undefined) {
        const message = `cut at the end of the budget after ${formatClock(durationMs)}`;
        context.log(`soak: ${label}: ${message}`);
        outcomes.push({ ...base, verdict: 'inconclusive', durationMs, retainedBytes: 0, message });
        continue;
      }
      const { report, dir } = ran.value;
      const retainedBytes = report.retained.reduce((sum, row) => sum + row.retainedBytes, 0);
      outcomes.push({
        ...base,
        verdict: report.verdict,
        durationMs,
        retainedBytes,
        report: relative(context.reportsRoot, `${dir}/report.json`).replaceAll('\\', '/'),
        ...(report.reasons.length > 0 ? { message: report.reasons.join('; ') } : {}),
        ...(task.selfCheck ? { selfCheck: readSelfCheck(task.selfCheck, report) } : {}),
      });
      context.log(`soak: ${label}: ${report.verdict} (${retainedBytes} bytes retained) in ${formatClock(durationMs)}`);
    } catch (error) {
      if (error instanceof InterruptedError) throw error;
      const message = describeFailure(error).text;
      context.log(`soak: ${label}: did not run: ${message}`);
      outcomes.push({
        ...base,
        verdict: 'error',
        durationMs: Math.round(performance.now() - soakStarted),
        retainedBytes: 0,
        message,
      });
    }
  }
  return outcomes;
}
