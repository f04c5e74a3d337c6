import type { Router } from '../../src/session/Router.js';
import type { RouterEvent } from '../../src/session/RouterEvents.js';

/**
 * How the planted records are held. `map`: in a Map that nothing prunes, the shape of
 * upstream's never-removed listeners (openziti/ziti #3830) and its posture cache with no
 * removal path (#4323). `chain`: each record points to the one before it and only the
 * newest is held, from one field, so no Map, Set, array or object gains entries: only the
 * router's bytes grow.
 */
export const PLANTED_LEAK_SHAPES = ['map', 'chain'] as const;
export type PlantedLeakShape = (typeof PLANTED_LEAK_SHAPES)[number];

/**
 * A leak planted on purpose, to measure the smallest one a scenario can see: `bytes` of
 * bookkeeping kept per sync (or per removed session), held as `shape` says.
 */
export interface PlantedLeak {
  /** Characters of the one-byte string kept per record; the heap adds a string header and a Map entry or link. */
  readonly bytes: number;
  /** `sync`: a record per sync the router starts; `removal`: one per session it removes. */
  readonly per: 'sync' | 'removal';
  /** A record for every this many such events (1 when absent): less than a record per cycle where events are many. */
  readonly every?: number;
  /** `map` when absent. */
  readonly shape?: PlantedLeakShape;
}

/**
 * Where the records sit under the router, as the footprint names paths: the listener's
 * closure variable that holds them (`Router.events.listeners.table[7].context.records`).
 */
export const PLANTED_LEAK_HOLDER: Readonly<Record<PlantedLeakShape, string>> = {
  map: '.context.records',
  chain: '.context.newest',
};

/** One record of the chain: an object of its own class, so it is no collection's entry. */
class PlantedChainLink {
  constructor(
    // Not `previous`: the footprint's walk skips that name, V8's link to a closure's outer scope.
    readonly older: PlantedChainLink | undefined,
    readonly text: string,
  ) {}
}

/**
 * Subscribes one listener to the router's events, which keeps a record per counted event.
 * The listener is held only by the router's listener set, so what it keeps is part of the
 * router's footprint, under `Router.events.listeners…` and the holder in PLANTED_LEAK_HOLDER.
 */
export function plantLeak(router: Router, leak: PlantedLeak): void {
  let events = 0;
  const counted = (event: RouterEvent) => {
    const counts =
      leak.per === 'sync'
        ? event.type === 'sync-started'
        : event.type === 'effect' && event.effect === 'cache' && event.detail.startsWith('removed ');
    return counts && events++ % (leak.every ?? 1) === 0;
  };
  // A flat one-byte string: `repeat` may build a tree of cons strings instead.
  const record = () => Buffer.alloc(leak.bytes, 0x78).toString('latin1');
  if ((leak.shape ?? 'map') === 'map') keepInMap(router, counted, record);
  else keepInChain(router, counted, record);
}

// Each listener's closure variable is named as in PLANTED_LEAK_HOLDER: the heap names the path by it.
function keepInMap(router: Router, counted: (event: RouterEvent) => boolean, record: () => string): void {
  const records = new Map<number, string>();
  router.events.subscribe((event) => {
    if (counted(event)) records.set(records.size, record());
  });
}

function keepInChain(router: Router, counted: (event: RouterEvent) => boolean, record: () => string): void {
  let newest: PlantedChainLink | undefined;
  router.events.subscribe((event) => {
    if (counted(event)) newest = new PlantedChainLink(newest, record());
  });
}
