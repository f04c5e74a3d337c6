import { inspect, isDeepStrictEqual } from 'node:util';

/** A value as a failure message shows it: short, on one line. */
export function shown(value: unknown): string {
  return inspect(value, { depth: 4, breakLength: Number.POSITIVE_INFINITY, maxArrayLength: 20 });
}

/**
 * The first reading on which a part and its model disagree, in words, or undefined.
 * Readings are compared as data, strictly (an `undefined` field counts, prototypes count).
 */
export function firstDifference(
  what: string,
  part: Readonly<Record<string, unknown>>,
  model: Readonly<Record<string, unknown>>,
): string | undefined {
  for (const key of Object.keys(model)) {
    if (!isDeepStrictEqual(part[key], model[key])) {
      return `${what}: ${key} is ${shown(part[key])}, the model says ${shown(model[key])}`;
    }
  }
  return undefined;
}

/** True when both lists hold the very same objects in the same order (not copies). */
export function sameObjects(a: readonly unknown[], b: readonly unknown[]): boolean {
  return a.length === b.length && a.every((item, i) => item === b[i]);
}
