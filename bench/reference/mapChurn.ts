import type { TimedWork } from '../timing/TimedWork.js';

/** What the reference leaves behind, so the engine cannot drop its work as unused. */
let sink = 0;

/**
 * The reference every timed figure is divided by, `passes` times: string keys into a
 * fresh Map, each pointing at a record made beforehand; a Set of two thirds of the keys;
 * every entry whose key is not in the Set and whose id is below a bound deleted. It is
 * the kind of work the router does (Maps of string tokens pointing at sessions that
 * already exist, reconciled against a list), it never changes, and it depends on nothing
 * in this project, so a ratio to it moves only when the figure's own code does. Records
 * of a session's size keep its memory traffic close to the router's: with small ones, a
 * busy neighbour's cache pressure moved the ratio of remove-missing at 10k by 30%, with
 * these by 5%.
 */
export function mapChurn(name: string, keyCount: number, passes: number): TimedWork {
  const records = Array.from({ length: keyCount }, (_, i) => ({
    id: `ref-${String(i).padStart(12, '0')}`,
    key: `key-${i}`,
    owner: 'owner-1',
    tags: [] as string[],
  }));
  const kept = records.filter((_, i) => i % 3 !== 0).map((record) => record.key);
  const bound = records.at(-1)?.id ?? '';
  return {
    name,
    run: () => {
      for (let pass = 0; pass < passes; pass++) {
        const map = new Map<string, (typeof records)[number]>();
        for (const record of records) map.set(record.key, record);
        const keep = new Set<string>();
        for (const key of kept) keep.add(key);
        const doomed: string[] = [];
        for (const [key, record] of map) if (!keep.has(key) && record.id <= bound) doomed.push(key);
        for (const key of doomed) map.delete(key);
        sink = (sink + map.size) % 1_000_003;
      }
    },
  };
}
