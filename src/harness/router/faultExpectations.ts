import type { FaultProfileName } from '../../faults.js';
import type { RouterInvariantName } from './invariants/index.js';

/**
 * Which promise each faulty profile must be caught breaking: the self-check of
 * `npm test` and the nightly run both fail if the suite stops catching one.
 */
export const EXPECTED_CATCHES: ReadonlyArray<readonly [FaultProfileName, RouterInvariantName]> = [
  ['pre-2670', 'freed'],
  ['pre-2670', 'bounded'],
  ['pre-2670', 'timely'],
  ['pre-2670', 'footprint'],
  ['inverted-flag', 'bounded'],
  ['inverted-flag', 'timely'],
  ['no-release', 'freed'],
  ['no-release', 'timely'],
  ['upstream-races', 'safety'],
  ['upstream-races', 'convergence'],
  ['upstream-races', 'inert'],
  ['stale-tick-applies', 'inert'],
  ['stale-deadline-fails', 'inert'],
  ['stale-deadline-fails', 'justified'],
  ['stale-deadline-fails', 'resynced'],
  ['deadline-beats-complete', 'justified'],
  ['no-last-chunk', 'progress'],
  ['late-sync-mark', 'safety'],
  ['late-sync-mark', 'applied'],
  ['out-of-order', 'final'],
  ['removal-bound-from-sync', 'convergence'],
  ['removal-bound-from-sync', 'forgotten'],
  ['twin-tracker', 'cost'],
  ['removed-kept', 'freed'],
];

/** Cheap, since a check stops at its first failure; 1,000 runs caught every case on 100 of 100 seeds. */
export const CATCH_RUNS = 1_000;

/**
 * Profiles that change what the router costs, not what it does: no property can catch
 * them, so they are not in EXPECTED_CATCHES; `npm run bench -- --profile p` must fail
 * naming a gate that starts with the given prefix.
 */
export const EXPECTED_BENCH_FLAGS: ReadonlyArray<readonly [FaultProfileName, string]> = [
  ['slow-remove-missing', 'sut/remove-missing/'],
];
