import { relative } from 'node:path';
import { systemNamed } from '../harness/systems.js';
import { type CheckRun, checkProperties, type PropertyCheck } from '../jobs/checkProperties.js';
import type { PropertyOutcome } from '../reports/NightlySummary.js';
import type { PropertyTask } from './NightlyPlan.js';

export interface PropertyRunContext {
  /** Where counterexamples go (the night's own folder). */
  readonly counterexampleDir: string;
  /** Paths in the summary are relative to this (the reports root). */
  readonly reportsRoot: string;
  readonly shareMs: number;
  /** A `performance.now()` time no check runs past (the night's budget). */
  readonly deadline?: number;
  readonly signal?: AbortSignal;
  readonly log: (line: string) => void;
}

export interface PropertyRun {
  readonly outcomes: PropertyOutcome[];
  /** The loop's own account: coverage per system and target, and the checks left out. */
  readonly run: CheckRun;
  readonly leftOut: readonly PropertyTask[];
}

/**
 * Runs the checks in order: catches first (each stops at its first failure), then the
 * time-boxed checks, which split what is left of the share evenly among those still to
 * run, so a check that finishes early gives its time to the rest.
 */
export async function runPropertyTasks(
  tasks: readonly PropertyTask[],
  context: PropertyRunContext,
): Promise<PropertyRun> {
  const ordered = [...tasks.filter((task) => !task.timeBoxed), ...tasks.filter((task) => task.timeBoxed)];
  const taskOf = new Map<PropertyCheck, PropertyTask>();
  const checks = ordered.map((task) => {
    const system = systemNamed(task.system);
    if (system === undefined) throw new Error(`no system "${task.system}"`);
    const check: PropertyCheck = { ...task, system };
    taskOf.set(check, task);
    return check;
  });
  const run = await checkProperties(checks, {
    counterexampleDir: context.counterexampleDir,
    timeBoxMs: context.shareMs,
    ...(context.deadline !== undefined ? { deadline: context.deadline } : {}),
    ...(context.signal ? { signal: context.signal } : {}),
    log: (line) => context.log(`properties: ${line}`),
    report: (line) => context.log(`properties: ${line}`),
  });
  const outcomes = run.checked.map(({ check, result, outcome, headline, file }): PropertyOutcome => {
    const counterexample = file !== undefined ? relative(context.reportsRoot, file).replaceAll('\\', '/') : undefined;
    return {
      system: check.system.name,
      target: check.target,
      property: check.property,
      expect: check.expect ?? 'holds',
      seed: check.seed,
      runsRequested: check.runs,
      runs: result.runsExecuted,
      durationMs: Math.round(result.durationMs),
      // A fault the time limit kept from showing is no verdict on the code.
      verdict: outcome === 'inconclusive' ? 'inconclusive' : result.verdict,
      ...(counterexample !== undefined ? { counterexample } : {}),
      message: headline,
    };
  });
  const leftOut = run.leftOut.flatMap((check) => taskOf.get(check) ?? []);
  return { outcomes, run, leftOut };
}
