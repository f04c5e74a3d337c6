/**
 * The order of the property files in a mutation run. Stryker stops a mutant's run at the
 * first failing test, so the properties that kill the most, soonest, lead: the properties
 * of the router's parts on their own (parser, tracker, cache, queue, gate, the model's
 * peers, the event stream and counters, the legacy sync, the receive loop alone and with
 * its trackers' clocks running, the handlers across closes) first, the kept counterexamples of
 * the fault profiles (milliseconds in all) next, then `progress` and
 * `convergence` judge the end state of every case, `safety`, `robustness` and `ledger`
 * every step. `freed` (a collection per batch of cases), the coverage targets and the
 * tests that break invariants by hand come last.
 */
export const PROPERTY_FILE_ORDER = [
  // The router's parts on their own: a fraction of a second each, each covering its own
  // files only, and none waits for a router that never settles, as a replay of a whole
  // case does when a mutant breaks every sync (it runs to the quiescence limit, a timeout).
  'parsing',
  'tracker',
  'cache',
  'queue',
  'gate',
  'peers',
  'bookkeeping',
  'legacy',
  'loop',
  'timedLoop',
  'handling',
  'caught',
  'progress',
  'convergence',
  'safety',
  'robustness',
  'ledger',
  'announced',
  'final',
  'sorted',
  'prompt',
  'inert',
  'justified',
  'cost',
  'bounded',
  'regressions/',
  'freed',
  'coverage',
  'invariantsCanFail',
] as const;

/** Where a property file goes in the run; files not named go after the named ones. */
export function propertyFileRank(path: string): number {
  const posix = path.replaceAll('\\', '/');
  const index = PROPERTY_FILE_ORDER.findIndex((name) =>
    name.endsWith('/') ? posix.includes(`/${name}`) : posix.endsWith(`/${name}.test.ts`),
  );
  return index === -1 ? PROPERTY_FILE_ORDER.length : index;
}

/** `paths` in the order of the run: by rank, then by name. */
export function orderPropertyFiles(paths: readonly string[]): string[] {
  return [...paths].sort((a, b) => propertyFileRank(a) - propertyFileRank(b) || a.localeCompare(b));
}
