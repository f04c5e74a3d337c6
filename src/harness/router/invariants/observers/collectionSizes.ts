/** Objects reached from the root beyond this many are not measured: a case's router holds far fewer. */
const MAX_OBJECTS = 50_000;

/** A weak reference whose target was collected holds nothing: a collection of them shrinks once pruned. */
const held = (value: unknown): boolean => !(value instanceof WeakRef) || value.deref() !== undefined;

/**
 * The size of every collection reachable from `root` (Maps, Sets, arrays, and plain
 * objects used as maps), each by the first path that reaches it: `Router.receiveLoop.gate`.
 * An entry whose value is a weak reference to a collected object is not counted.
 * Functions are not entered: what a closure holds is out of reach here, and the soak's
 * heap analysis sees it instead.
 */
export function collectionSizes(root: object, rootName: string): Map<string, number> {
  const sizes = new Map<string, number>();
  const seen = new WeakSet<object>([root]);
  const queue: [object, string][] = [[root, rootName]];
  for (let head = 0; head < queue.length && head < MAX_OBJECTS; head++) {
    const [object, path] = queue[head] as [object, string];
    const visit = (value: unknown, childPath: string) => {
      if (typeof value !== 'object' || value === null || seen.has(value)) return;
      seen.add(value);
      queue.push([value, childPath]);
    };
    if (object instanceof Map) {
      let size = 0;
      for (const value of object.values()) if (held(value)) size++;
      sizes.set(path, size);
      for (const [key, value] of object) {
        visit(key, `${path}<key>`);
        visit(value, `${path}<value>`);
      }
    } else if (object instanceof Set) {
      let size = 0;
      for (const value of object) if (held(value)) size++;
      sizes.set(path, size);
      for (const value of object) visit(value, `${path}<member>`);
    } else if (Array.isArray(object)) {
      sizes.set(path, object.filter(held).length);
      for (const value of object) visit(value, `${path}[]`);
    } else {
      const keys = Object.getOwnPropertyNames(object);
      if (Object.getPrototypeOf(object) === Object.prototype || Object.getPrototypeOf(object) === null) {
        sizes.set(path, keys.length);
      }
      for (const key of keys) {
        const descriptor = Object.getOwnPropertyDescriptor(object, key);
        if (descriptor !== undefined && 'value' in descriptor) visit(descriptor.value, `${path}.${key}`);
      }
    }
  }
  return sizes;
}

/** Paths whose size grew from every measurement to the next, with the sizes in order. */
export function grewEveryTime(series: readonly Map<string, number>[]): [string, number[]][] {
  const first = series[0];
  if (first === undefined || series.length < 3) return [];
  const grown: [string, number[]][] = [];
  for (const path of first.keys()) {
    const sizes = series.map((measured) => measured.get(path));
    if (sizes.some((size) => size === undefined)) continue;
    const known = sizes as number[];
    if (known.every((size, i) => i === 0 || size > (known[i - 1] as number))) grown.push([path, known]);
  }
  return grown;
}
