import fc from 'fast-check';
import { z } from 'zod';
import type { ModelSystem } from '../../engine/ModelSystem.js';
import { partSystem } from '../partSystem.js';
import { QUEUE_INVARIANTS } from './invariants.js';
import { COMPACTED, type Observer, QueueScenario } from './QueueScenario.js';
import { MAX_QUEUE_STEPS, QUEUE_STEPS, QUEUE_SYNC_IDS, type QueueStep, queueStepsArbitrary } from './queueSteps.js';

// The receive queue on its own, against a plain array. In the whole router the handler
// and the receive loop around it hide most of what it does: its scheduling, its queries
// and its compaction change nothing the router's properties read.

const OBSERVERS = ['no events', 'unobserved', 'observed'] as const satisfies readonly Observer[];

export const queueParamsSchema = z.strictObject({
  /** The case's sync ids, distinct; requests pick among them. */
  syncIds: z.array(z.string().min(1).max(40)).length(QUEUE_SYNC_IDS),
  capacity: z.number().int().min(0).max(1_000),
  observer: z.enum(OBSERVERS),
});

export type QueueParams = z.infer<typeof queueParamsSchema>;

export const queueSystem: ModelSystem<QueueParams, QueueStep, QueueScenario> = partSystem({
  name: 'queue',
  paramsSchema: queueParamsSchema,
  paramsArbitrary: fc.record({
    syncIds: fc.uniqueArray(fc.string({ unit: fc.constantFrom('0', 'A', 'a', 'z', '-'), minLength: 1, maxLength: 2 }), {
      minLength: QUEUE_SYNC_IDS,
      maxLength: QUEUE_SYNC_IDS,
    }),
    capacity: fc.nat(6),
    observer: fc.constantFrom(...OBSERVERS),
  }),
  steps: QUEUE_STEPS,
  stepsArbitrary: queueStepsArbitrary,
  maxSteps: MAX_QUEUE_STEPS,
  invariants: QUEUE_INVARIANTS,
  traceColumns: [
    { key: 'length', label: 'queued', legend: 'requests waiting in the queue' },
    { key: 'blocked', label: 'blocked', legend: 'senders waiting for room (past the capacity)' },
    { key: 'tasks', label: 'tasks', legend: 'consumer tasks pending on the runtime' },
  ],
  // A tenth of the cases must compact while requests wait, or the compaction's mutants go untested.
  coverageTargets: { [COMPACTED]: 100 },
  describeParams: (p) =>
    `sync ids ${p.syncIds.map((id, i) => `#${i} ${JSON.stringify(id)}`).join(', ')}; capacity ${p.capacity}; ${p.observer}`,
  create: (params) => new QueueScenario(params.syncIds, params.capacity, params.observer),
});
