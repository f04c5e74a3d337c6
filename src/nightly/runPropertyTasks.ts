import { relative } from 'node:path';
import { throwIfStopped } from '../errors.js';
import { checkProperty, type PropertyResult } from '../harness/engine/checkProperty.js';
import { writeCounterexample } from '../harness/engine/counterexample/CounterexampleFile.js';
import { propertyHeadline } from '../harness/engine/formatPropertyResult.js';
import { systemNamed } from '../harness/systems.js';
import type { PropertyOutcome } from '../reports/NightlySummary.js';
import type { PropertyTask } from './NightlyPlan.js';

export interface PropertyRunContext {
  /** Where counterexamples go (the night's own folder). */
  readonly counterexampleDir: string;
  /** Paths in the summary are relative to this (the reports root). */
  readonly reportsRoot: string;
  readonly shareMs: number;
  readonly signal?: AbortSignal;
  readonly log: (line: string) => void;
}

export interface PropertyRun {
  readonly outcomes: PropertyOutcome[];
  /** The engine's results of the checks that must hold, for the coverage table. */
  readonly holdsResults: PropertyResult[];
}

const PROGRESS_EVERY_MS = 5_000;

/**
 * Runs the checks in order: catches first (each stops at its first failure), then the
 * time-boxed checks, which split what is left of the share evenly among those still to
 * run, so a check that finishes early gives its time to the rest.
 */
export async function runPropertyTasks(
  tasks: readonly PropertyTask[],
  context: PropertyRunContext,
): Promise<PropertyRun> {
  const started = performance.now();
  const outcomes: PropertyOutcome[] = [];
  const holdsResults: PropertyResult[] = [];
  const boxed = tasks.filter((task) => task.timeBoxed);
  const ordered = [...tasks.filter((task) => !task.timeBoxed), ...boxed];
  let boxedLeft = boxed.length;
  for (const task of ordered) {
    throwIfStopped(context.signal);
    let timeLimitMs: number | undefined;
    if (task.timeBoxed) {
      const remaining = context.shareMs - (performance.now() - started);
      timeLimitMs = Math.max(1_000, Math.floor(remaining / boxedLeft));
      boxedLeft--;
    }
    const label = `${task.property} against ${task.target}${task.expect === 'caught' ? ' (must be found broken)' : ''}`;
    let lastReport = performance.now();
    const system = systemNamed(task.system);
    if (system === undefined) throw new Error(`no system "${task.system}"`);
    const result = await checkProperty(system, {
      property: task.property,
      target: task.target,
      numRuns: task.runs,
      seed: task.seed,
      ...(timeLimitMs !== undefined ? { timeLimitMs } : {}),
      ...(context.signal ? { signal: context.signal } : {}),
      onCase: (cases) => {
        if (performance.now() - lastReport < PROGRESS_EVERY_MS) return;
        lastReport = performance.now();
        context.log(`properties: ${label}: ${cases} cases so far`);
      },
    });
    const counterexample = result.counterexample
      ? relative(context.reportsRoot, writeCounterexample(context.counterexampleDir, result.counterexample)).replaceAll(
          '\\',
          '/',
        )
      : undefined;
    const message = propertyHeadline(result, task.expect);
    context.log(`properties: ${message} [seed ${task.seed}]`);
    if (task.expect === 'holds' && task.system === 'router') holdsResults.push(result);
    outcomes.push({
      system: task.system,
      target: task.target,
      property: task.property,
      expect: task.expect,
      seed: task.seed,
      runsRequested: task.runs,
      runs: result.runsExecuted,
      durationMs: Math.round(result.durationMs),
      verdict: result.verdict,
      ...(counterexample !== undefined ? { counterexample } : {}),
      message,
    });
  }
  return { outcomes, holdsResults };
}
