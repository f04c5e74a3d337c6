import type { SyncSystem } from '../../src/harness/index.js';
import type { VirtualRuntime } from '../../src/runtime/VirtualRuntime.js';
import { liveAdd } from '../../src/session/messages.js';
import { prepareFullSync, runFullSync } from '../fullSync.js';
import { pairedRatio } from '../gates/figures.js';
import type { GateDefinition, MeasurementGroup } from '../gates/Gate.js';
import { mapChurn } from '../reference/mapChurn.js';
import { once, type TimedWork } from '../timing/TimedWork.js';
import { absoluteResult } from './absoluteResult.js';
import type { GroupOptions } from './GroupOptions.js';
import { roundsGroup } from './roundsGroup.js';
import { LIVE_ADDS_DURING_SYNC_LIMIT, LIVE_ADDS_OUTSIDE_SYNC_LIMIT, REFERENCE_THRESHOLD } from './thresholds.js';

const LIVE_ADDS = 1_000;
/** Passes over 1k keys that take about as long as 1k live adds. */
const REFERENCE_PASSES = 8;
const REFERENCE = `reference/map-churn/1kx${REFERENCE_PASSES}`;
const PHASES = ['outside-sync', 'during-sync'] as const;
type Phase = (typeof PHASES)[number];
const work = (phase: Phase) => `sut/live-adds/${phase}`;

export class SyncNotInProgressError extends Error {
  constructor() {
    super('live adds during a sync: the sync was applied before the adds; the figure would time adds outside one');
    this.name = 'SyncNotInProgressError';
  }
}

function liveAddsWork(phase: Phase, options: GroupOptions): TimedWork {
  let system: SyncSystem<VirtualRuntime> | undefined;
  return {
    name: work(phase),
    prepare: () => {
      system = prepareFullSync(1_000, options.profile);
      if (phase === 'outside-sync') runFullSync(system);
      else {
        system.channel.connect();
        // Every chunk in, the sync not yet applied (its tick is due later): the timed run
        // handles the live adds and their post-sync data, not the rest of the sync.
        system.runtime.runUntilIdle({ maxSteps: 100_000, untilTime: system.runtime.now() });
        if (system.router.stats().syncInProgress === '') throw new SyncNotInProgressError();
      }
    },
    run: () => {
      if (!system) return;
      for (let i = 0; i < LIVE_ADDS; i++) {
        const session = { id: `as-9${i}`, token: `live-${i}`, identityId: 'identity-1', certFingerprints: [] };
        system.router.receive(liveAdd({ id: `live-${i}`, isLast: true, sequence: 0 }, [session]));
      }
      system.runtime.runUntilIdle({ maxSteps: 100_000, untilTime: system.runtime.now() });
    },
  };
}

/** 1k live adds handled by a router with 1k sessions, after its sync and while one is in progress. */
export function liveAddsGroup(options: GroupOptions): MeasurementGroup {
  const works = once(() => [
    ...PHASES.map((phase) => liveAddsWork(phase, options)),
    mapChurn(REFERENCE, 1_000, REFERENCE_PASSES),
  ]);
  const gates: GateDefinition[] = PHASES.map((phase) => ({
    name: `${work(phase)}/over-reference`,
    kind: 'vs-reference',
    measures: `1k live adds received and handled ${phase === 'during-sync' ? 'while a full sync of 1k is in progress (every chunk in, not yet applied), post-sync data included' : 'after the full sync of 1k'}, over ${REFERENCE_PASSES} passes of the reference of 1k string keys; median of the per-round ratios of CPU time`,
    unit: 'x reference',
    threshold: REFERENCE_THRESHOLD,
    reportedLimit: phase === 'during-sync' ? LIVE_ADDS_DURING_SYNC_LIMIT : LIVE_ADDS_OUTSIDE_SYNC_LIMIT,
    figure: (samples) => pairedRatio(samples, work(phase), REFERENCE),
  }));
  return roundsGroup('live-adds', gates, works, options, (samples) =>
    PHASES.map((phase) =>
      absoluteResult(
        work(phase),
        'sut',
        'items/s',
        samples[work(phase)] ?? [],
        (ms) => (LIVE_ADDS * 1_000) / ms,
        true,
        'per second of CPU time',
      ),
    ),
  );
}
