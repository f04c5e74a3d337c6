/** Objects reached from the root beyond this many are not measured: a case's router holds far fewer. */
const MAX_OBJECTS = 50_000;

/**
 * The size of every collection reachable from `root` (Maps, Sets, arrays, and plain
 * objects used as maps), each by the first path that reaches it: `Router.receiveLoop.gate`.
 * Not counted: an empty array slot, and a weak reference whose target `root` no longer
 * reaches strongly. Such an entry is the collector's to prune (a registry drops it by
 * finalization); counting it by reachability rather than after a collection keeps the
 * measure free of when the collector runs. Functions are not entered: what a closure holds
 * is out of reach here, and the soak's heap analysis sees it instead.
 */
export function collectionSizes(root: object, rootName: string): Map<string, number> {
  const reached = new WeakSet<object>([root]);
  const collections: [Map<unknown, unknown> | Set<unknown> | unknown[] | object, string][] = [];
  const queue: [object, string][] = [[root, rootName]];
  for (let head = 0; head < queue.length && head < MAX_OBJECTS; head++) {
    const [object, path] = queue[head] as [object, string];
    const visit = (value: unknown, childPath: string) => {
      if (typeof value !== 'object' || value === null || reached.has(value)) return;
      reached.add(value);
      queue.push([value, childPath]);
    };
    if (object instanceof Map) {
      collections.push([object, path]);
      for (const [key, value] of object) {
        visit(key, `${path}<key>`);
        visit(value, `${path}<value>`);
      }
    } else if (object instanceof Set) {
      collections.push([object, path]);
      for (const value of object) visit(value, `${path}<member>`);
    } else if (Array.isArray(object)) {
      collections.push([object, path]);
      for (const value of object) visit(value, `${path}[]`);
    } else {
      const keys = Object.getOwnPropertyNames(object);
      const prototype = Object.getPrototypeOf(object);
      if (prototype === Object.prototype || prototype === null) collections.push([object, path]);
      for (const key of keys) {
        const descriptor = Object.getOwnPropertyDescriptor(object, key);
        if (descriptor !== undefined && 'value' in descriptor) visit(descriptor.value, `${path}.${key}`);
      }
    }
  }
  // An emptied slot holds nothing: a slot store keeps its gaps until it compacts, and what those
  // cost in bytes is the soak's retained-size rule to judge.
  const held = (value: unknown): boolean => {
    if (value === undefined) return false;
    if (!(value instanceof WeakRef)) return true;
    const target: unknown = value.deref();
    return typeof target === 'object' && target !== null && reached.has(target);
  };
  const sizes = new Map<string, number>();
  for (const [collection, path] of collections) {
    let size = 0;
    if (collection instanceof Map) {
      for (const value of collection.values()) if (held(value)) size++;
    } else if (collection instanceof Set) {
      for (const value of collection) if (held(value)) size++;
    } else if (Array.isArray(collection)) {
      for (const value of collection) if (held(value)) size++;
    } else size = Object.getOwnPropertyNames(collection).length;
    sizes.set(path, size);
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
