import { relative } from 'node:path';
import { writeCounterexample } from '../harness/counterexample/CounterexampleFile.js';
import { checkInvariant } from '../harness/model/checkInvariant.js';
import type { NightlySummary } from '../harness/reports/NightlySummary.js';
import type { PropertyTask } from './NightlyPlan.js';

export type PropertyOutcome = NightlySummary['properties'][number];

export interface PropertyRunContext {
  /** Where counterexamples go (the night's own folder). */
  readonly counterexampleDir: string;
  /** Paths in the summary are relative to this (the reports root). */
  readonly reportsRoot: string;
  readonly shareMs: number;
  readonly log: (line: string) => void;
}

const PROGRESS_EVERY_MS = 5_000;

/**
 * Runs the checks in order. Time-boxed checks split what is left of the share evenly
 * among those still to run, so a check that finishes early gives its time to the rest.
 */
export async function runPropertyTasks(
  tasks: readonly PropertyTask[],
  context: PropertyRunContext,
): Promise<PropertyOutcome[]> {
  const started = performance.now();
  const outcomes: PropertyOutcome[] = [];
  const catchTasks = tasks.filter((task) => !task.timeBoxed);
  const boxed = tasks.filter((task) => task.timeBoxed);
  // Catches first: they are quick, and the boxed checks then split what remains.
  const ordered = [...catchTasks, ...boxed];
  let boxedLeft = boxed.length;
  for (const task of ordered) {
    let timeLimitMs: number | undefined;
    if (task.timeBoxed) {
      const remaining = context.shareMs - (performance.now() - started);
      timeLimitMs = Math.max(1_000, Math.floor(remaining / boxedLeft));
      boxedLeft--;
    }
    const label = `${task.invariant} under ${task.profile}${task.slot !== task.profile ? ` (in the ${task.slot} slot)` : ''}`;
    let runs = 0;
    let lastReport = performance.now();
    const result = await checkInvariant({
      invariant: task.invariant,
      profile: task.profile,
      numRuns: task.runs,
      seed: task.seed,
      ...(timeLimitMs !== undefined ? { timeLimitMs } : {}),
      onRun: () => {
        runs++;
        if (performance.now() - lastReport >= PROGRESS_EVERY_MS) {
          lastReport = performance.now();
          context.log(`properties: ${label}: ${runs} runs so far`);
        }
      },
    });
    let counterexample: string | undefined;
    if (result.counterexample) {
      counterexample = relative(
        context.reportsRoot,
        writeCounterexample(context.counterexampleDir, result.counterexample),
      ).replaceAll('\\', '/');
    }
    const verdict = result.passed ? 'held' : 'broken';
    context.log(
      `properties: ${label}: ${verdict} after ${result.runsExecuted} runs in ${(result.durationMs / 1000).toFixed(1)} s` +
        `${result.interrupted ? ' (time share used up)' : ''} [seed ${task.seed}]`,
    );
    outcomes.push({
      invariant: task.invariant,
      profile: task.profile,
      slot: task.slot,
      seed: task.seed,
      runs: result.runsExecuted,
      durationMs: Math.round(result.durationMs),
      passed: result.passed,
      ...(counterexample !== undefined ? { counterexample } : {}),
      ...(result.counterexample ? { message: result.counterexample.failure.message } : {}),
    });
  }
  return outcomes;
}
