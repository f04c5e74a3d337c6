import { getHeapSpaceStatistics } from 'node:v8';
import { throwIfStopped } from '../../src/errors.js';
import type { Router } from '../../src/session/Router.js';
import { prepareFullSync, runFullSync } from '../fullSync.js';
import { medianFigure } from '../gates/figures.js';
import type { GateDefinition, MeasurementGroup } from '../gates/Gate.js';
import type { Samples } from '../timing/TimedWork.js';
import type { GroupOptions } from './GroupOptions.js';
import { sizeLabel } from './sizes.js';
import { HEAP_PER_SESSION_LIMIT, HEAP_THRESHOLD, TASK_COUNT_THRESHOLD } from './thresholds.js';

const gc = (globalThis as { gc?: () => void }).gc;

export class GcUnavailableError extends Error {
  constructor() {
    super('heap per session needs gc(): run node with --expose-gc (npm run bench does)');
    this.name = 'GcUnavailableError';
  }
}

const TASKS_SIZE = 10_000;
const heapFigure = (n: number) => `sut/heap-per-session/${sizeLabel(n)}`;
const TASKS = `sut/full-sync/tasks-per-session/${sizeLabel(TASKS_SIZE)}`;

const CODE_SPACES = new Set(['code_space', 'code_large_object_space']);

/** heapUsed after a full gc, less compiled code: the first sync compiles what the second reuses. */
export function heapUsedAfterGc(collect: () => void): number {
  collect();
  const code = getHeapSpaceStatistics()
    .filter((space) => CODE_SPACES.has(space.space_name))
    .reduce((sum, space) => sum + space.space_used_size, 0);
  return process.memoryUsage().heapUsed - code;
}

/**
 * heapUsed per cached session after gc, with routers holding the synced sessions and
 * nothing else: each connection closed and its controller let go, so what is counted is
 * everything the router keeps for a session (the session, its strings and lists, the
 * cache's entry and slot). Small routers are measured ten thousand sessions at a time:
 * heapUsed moves by a hundred kilobytes from one gc to the next, which is 100 bytes a
 * session over a thousand.
 */
export function routerHeapPerSession(n: number, profile: GroupOptions['profile']): number {
  if (!gc) throw new GcUnavailableError();
  const collect = gc;
  const count = Math.max(1, Math.round(10_000 / n));
  // Once untimed first, so what a first sync allocates for good (shapes, feedback) is not counted.
  runFullSync(prepareFullSync(n, profile));
  const before = heapUsedAfterGc(collect);
  const routers = Array.from({ length: count }, () => syncedRouter(n, profile));
  const after = heapUsedAfterGc(collect);
  const cached = routers.reduce((sum, router) => sum + router.stats().sessionsCached, 0);
  return (after - before) / Math.max(1, cached);
}

/** A router after a full sync of `n` sessions, its connection closed and its controller unreferenced. */
function syncedRouter(n: number, profile: GroupOptions['profile']): Router {
  const system = prepareFullSync(n, profile);
  runFullSync(system);
  system.channel.close();
  return system.router;
}

/** Runtime tasks and timers run by one full sync, per session: the scheduling work of the design. */
function tasksPerSession(n: number, profile: GroupOptions['profile']): number {
  const system = prepareFullSync(n, profile);
  const before = system.runtime.executedCount();
  runFullSync(system);
  return (system.runtime.executedCount() - before) / n;
}

/** Figures the machine's load cannot move: what the router keeps per session, and what a sync schedules. */
export function countsGroup(heapSizes: readonly number[], options: GroupOptions): MeasurementGroup {
  const gates: GateDefinition[] = heapSizes.map((n) => ({
    name: heapFigure(n),
    kind: 'count',
    measures: `heapUsed after gc with ${n < 10_000 ? `${Math.round(10_000 / n)} routers` : 'a router'} holding ${sizeLabel(n)} synced sessions each (connections closed, controllers let go), less heapUsed after gc before, less compiled code, per session`,
    unit: 'bytes/session',
    threshold: HEAP_THRESHOLD,
    limit: HEAP_PER_SESSION_LIMIT,
    figure: (samples) => medianFigure(samples, heapFigure(n)),
  }));
  gates.push({
    name: TASKS,
    kind: 'count',
    measures: `runtime tasks and timers run by a full sync of ${sizeLabel(TASKS_SIZE)} sessions in chunks of 100, per session`,
    unit: 'tasks/session',
    threshold: TASK_COUNT_THRESHOLD,
    figure: (samples) => medianFigure(samples, TASKS),
  });
  return {
    name: 'counts',
    gates,
    rounds: options.rounds,
    confirmRounds: options.confirmRounds,
    measure: async (rounds, signal): Promise<Samples> => {
      const samples: Record<string, number[]> = Object.fromEntries(
        [...heapSizes.map(heapFigure), TASKS].map((name) => [name, []]),
      );
      for (let round = 0; round < rounds; round++) {
        throwIfStopped(signal);
        for (const n of heapSizes) samples[heapFigure(n)]?.push(routerHeapPerSession(n, options.profile));
        samples[TASKS]?.push(tasksPerSession(TASKS_SIZE, options.profile));
      }
      return samples;
    },
    absolute: () => [],
  };
}
