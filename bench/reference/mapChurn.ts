import type { TimedWork } from '../timing/TimedWork.js';

/** What the reference leaves behind, so the engine cannot drop its work as unused. */
let sink = 0;

/**
 * The reference every timed figure is divided by: string keys into a fresh Map, each
 * with an object made beforehand, every other key deleted, the rest read back, `passes`
 * times. It is the kind of work the router does (Maps of string tokens pointing at
 * sessions that already exist), it never changes, and it depends on nothing in this
 * project, so a ratio to it moves only when the figure's own code does.
 */
export function mapChurn(name: string, keyCount: number, passes: number): TimedWork {
  const keys = Array.from({ length: keyCount }, (_, i) => `ref-${String(i).padStart(12, '0')}`);
  const values = keys.map((key, index) => ({ key, index }));
  return {
    name,
    run: () => {
      for (let pass = 0; pass < passes; pass++) {
        const map = new Map<string, { key: string; index: number }>();
        for (let i = 0; i < keys.length; i++) map.set(keys[i] as string, values[i] as { key: string; index: number });
        for (let i = 0; i < keys.length; i += 2) map.delete(keys[i] as string);
        let total = 0;
        for (const value of map.values()) total += value.index;
        sink = (sink + total + map.size) % 1_000_003;
      }
    },
  };
}
