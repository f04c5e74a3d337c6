import type { TimedWork } from '../timing/TimedWork.js';

/** What the reference leaves behind, so the engine cannot drop its work as unused. */
let sink = 0;

/**
 * A reference that allocates nothing, `passes` times: every one of `keyCount` string keys
 * looked up in a Map built beforehand, and its record's id compared with a bound. For a
 * figure whose work allocates nothing (removeMissingApiSessions): a reference that
 * allocates, as `mapChurn` does, is timed with whatever collection its garbage sets off,
 * which differs from one process to the next (at 1k its time moved 1.6x between
 * processes while the router's stayed within 8%), and the ratio moves with it.
 */
export function mapLookups(name: string, keyCount: number, passes: number): TimedWork {
  const records = Array.from({ length: keyCount }, (_, i) => ({
    id: `ref-${String(i).padStart(12, '0')}`,
    key: `key-${i}`,
    owner: 'owner-1',
    tags: [] as string[],
  }));
  const map = new Map(records.map((record) => [record.key, record]));
  const keys = records.map((record) => record.key);
  const bound = records[keyCount >> 1]?.id ?? '';
  return {
    name,
    run: () => {
      for (let pass = 0; pass < passes; pass++) {
        let below = 0;
        for (const key of keys) if ((map.get(key)?.id ?? '') <= bound) below++;
        sink = (sink + below) % 1_000_003;
      }
    },
  };
}
