import fc from 'fast-check';
import { z } from 'zod';
import { type StepOf, StepTable, stepKind } from '../../engine/StepTable.js';
import type { Reaction } from './TrackerModel.js';
import type { TrackerScenario } from './TrackerScenario.js';

const REACTIONS = ['none', 'apply', 'fail', 'stop'] as const satisfies readonly Reaction[];
const sizeField = z.number().int().min(0).max(100);
const sequenceField = z.number().int().min(0).max(1_000);

/** Adds a chunk to tracker and model, noting when they disagree on whether it was added. */
function addChunk(scenario: TrackerScenario, sequence: number, isLast: boolean, size: number): boolean {
  const sessions = scenario.sessionsOf(size);
  const added = scenario.tracker.addChunk(sequence, isLast, sessions);
  const expected = scenario.model.addChunk(sequence, isLast, sessions);
  if (added !== expected) {
    scenario.answerDiffers(`addChunk(${sequence}, last ${isLast}) says ${added}, the model ${expected}`);
  }
  return added;
}

// The router adds only to the tracker it holds, which is collecting: the adding steps do
// nothing to a tracker that ended.

const chunk = stepKind({
  op: 'chunk',
  fields: { sequence: sequenceField, isLast: z.boolean(), size: sizeField },
  generate: fc.record({ sequence: fc.nat({ max: 5 }), isLast: fc.boolean(), size: fc.nat({ max: 2 }) }),
  weight: 5,
  describe: (step) => `chunk ${step.sequence}${step.isLast ? ' (last)' : ''}, ${step.size} session(s)`,
  apply: (step, scenario: TrackerScenario) => {
    if (scenario.model.state !== 'collecting') return 'not collecting: skipped';
    return addChunk(scenario, step.sequence, step.isLast, step.size) ? 'added' : 'refused';
  },
});

/** Chunks 0 to `last` in order, `last` marked last: most random chunks never make a whole sync. */
const fill = stepKind({
  op: 'fill',
  fields: { last: sequenceField, size: sizeField },
  generate: fc.record({ last: fc.nat({ max: 3 }), size: fc.nat({ max: 2 }) }),
  weight: 2,
  describe: (step) => `chunks 0 to ${step.last} (last), ${step.size} session(s) each`,
  apply: (step, scenario: TrackerScenario) => {
    if (scenario.model.state !== 'collecting') return 'not collecting: skipped';
    let added = 0;
    for (let sequence = 0; sequence <= step.last; sequence++) {
      if (addChunk(scenario, sequence, sequence === step.last, step.size)) added++;
    }
    return `${added} added`;
  },
});

const postSync = stepKind({
  op: 'post-sync',
  fields: { size: sizeField },
  generate: fc.record({ size: fc.nat({ max: 2 }) }),
  weight: 1,
  describe: (step) => `post-sync data, ${step.size} session(s)`,
  apply: (step, scenario: TrackerScenario) => {
    if (scenario.model.state !== 'collecting') return 'not collecting: skipped';
    const sessions = scenario.sessionsOf(step.size);
    scenario.tracker.addPostSync(sessions);
    scenario.model.postSync.push(...sessions);
    return 'added';
  },
});

const advance = stepKind({
  op: 'advance',
  fields: { ms: z.number().int().min(0).max(86_400_000) },
  generate: fc.record({ ms: fc.nat({ max: 6 }) }),
  weight: 3,
  describe: (step) => `advance ${step.ms} ms`,
  apply: (step, scenario: TrackerScenario) => {
    scenario.runtime.advanceBy(step.ms);
    return `now ${scenario.runtime.now()}`;
  },
});

/** Runs the due timer at `pick` (modulo how many are due); the callbacks then do `react`. */
const runTimer = stepKind({
  op: 'run-timer',
  fields: { pick: z.number().int().min(0).max(1_000), react: z.enum(REACTIONS) },
  generate: fc.record({ pick: fc.nat({ max: 3 }), react: fc.constantFrom(...REACTIONS) }),
  weight: 4,
  describe: (step) => `run due timer #${step.pick} (modulo how many), callbacks ${step.react}`,
  apply: (step, scenario: TrackerScenario) => {
    const { runtime, model } = scenario;
    const due = runtime.runnable();
    if (due.length === 0) return 'none due';
    scenario.reaction = step.react;
    const fired = due[step.pick % due.length];
    const ran = runtime.runAt(step.pick % due.length);
    if (ran.label !== fired?.label) scenario.answerDiffers(`ran ${ran.label}, not the timer picked (${fired?.label})`);
    if (ran.label.startsWith('tick')) model.tickFired(step.react);
    else model.deadlineFired(step.react);
    return `ran ${ran.label}`;
  },
});

const stop = stepKind({
  op: 'stop',
  fields: {},
  generate: fc.record({}),
  weight: 2,
  describe: () => 'stop',
  apply: (_step, scenario: TrackerScenario) => {
    scenario.tracker.stop();
    scenario.model.stop();
    return scenario.tracker.state;
  },
});

const markApplied = stepKind({
  op: 'mark-applied',
  fields: {},
  generate: fc.record({}),
  weight: 1,
  describe: () => 'mark applied',
  apply: (_step, scenario: TrackerScenario) => {
    scenario.tracker.markApplied();
    scenario.model.markApplied();
    return scenario.tracker.state;
  },
});

const markFailed = stepKind({
  op: 'mark-failed',
  fields: {},
  generate: fc.record({}),
  weight: 1,
  describe: () => 'mark failed',
  apply: (_step, scenario: TrackerScenario) => {
    scenario.tracker.markFailed();
    scenario.model.markFailed();
    return scenario.tracker.state;
  },
});

const TRACKER_STEP_KINDS = [chunk, fill, postSync, advance, runTimer, stop, markApplied, markFailed] as const;

export type TrackerStep = StepOf<(typeof TRACKER_STEP_KINDS)[number]>;

export const TRACKER_STEPS = new StepTable<TrackerStep, TrackerScenario>(TRACKER_STEP_KINDS);

export const MAX_TRACKER_STEPS = 500;

export const trackerStepsArbitrary: fc.Arbitrary<TrackerStep[]> = fc.array(TRACKER_STEPS.arbitrary(), {
  maxLength: 40,
  size: 'max',
});
