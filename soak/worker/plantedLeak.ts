import type { Router } from '../../src/session/Router.js';

/**
 * A leak planted on purpose, to measure the smallest one a scenario can see: `bytes` of
 * bookkeeping kept per sync (or per removed session) in a Map that nothing prunes, the
 * shape of upstream's never-removed listeners (openziti/ziti #3830) and its posture
 * cache with no removal path (#4323).
 */
export interface PlantedLeak {
  /** Characters of the one-byte string kept per event; the heap adds a string header and a Map entry. */
  readonly bytes: number;
  /** `sync`: a record per sync the router starts; `removal`: one per session it removes. */
  readonly per: 'sync' | 'removal';
  /** A record for every this many such events (1 when absent): less than a record per cycle where events are many. */
  readonly every?: number;
}

/**
 * Subscribes one listener to the router's events, which keeps a record per event in its
 * own Map. The listener is held only by the router's listener set, so the Map is part of
 * the router's footprint, at `Router.events.listeners…records`.
 */
export function plantLeak(router: Router, leak: PlantedLeak): void {
  const records = new Map<number, string>();
  let events = 0;
  // A flat one-byte string: `repeat` may build a tree of cons strings instead.
  const record = () => Buffer.alloc(leak.bytes, 0x78).toString('latin1');
  router.events.subscribe((event) => {
    const counts =
      leak.per === 'sync'
        ? event.type === 'sync-started'
        : event.type === 'effect' && event.effect === 'cache' && event.detail.startsWith('removed ');
    if (counts && events++ % (leak.every ?? 1) === 0) records.set(records.size, record());
  });
}
