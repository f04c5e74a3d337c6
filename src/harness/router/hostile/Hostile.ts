/**
 * Any JavaScript value a peer could hand the router, as plain JSON data: a
 * counterexample carries it in a file and `decodeHostile` builds the value again.
 */
export type Hostile =
  | { readonly kind: 'undefined' }
  | { readonly kind: 'null' }
  | { readonly kind: 'boolean'; readonly value: boolean }
  /** Finite and not -0: JSON cannot carry the others, which have kinds of their own. */
  | { readonly kind: 'number'; readonly value: number }
  | { readonly kind: 'nan' }
  | { readonly kind: 'infinity'; readonly negative: boolean }
  | { readonly kind: 'negative-zero' }
  /** Decimal digits, with a leading "-" when negative. */
  | { readonly kind: 'bigint'; readonly digits: string }
  | { readonly kind: 'string'; readonly value: string }
  | { readonly kind: 'symbol'; readonly description: string }
  | { readonly kind: 'function' }
  | { readonly kind: 'array'; readonly items: readonly Hostile[] }
  | { readonly kind: 'object'; readonly entries: readonly HostileEntry[]; readonly nullPrototype: boolean }
  /** A Map: a map, but not the plain object the wire format means by one. */
  | { readonly kind: 'map'; readonly entries: readonly HostileEntry[] }
  | { readonly kind: 'boxed-string'; readonly value: string }
  /** An object whose toString, valueOf and Symbol.toPrimitive throw: any coercion to a string fails. */
  | { readonly kind: 'uncoercible' }
  /** A revoked proxy: `typeof` says object, and almost anything else done to it throws. */
  | { readonly kind: 'revoked-proxy' }
  /** As a property or item: a getter that throws `thrown`. Standing alone: a proxy whose every trap throws it. */
  | { readonly kind: 'throws'; readonly thrown: Hostile }
  /** As a property or item: a getter giving `first` on its first read and `after` ever after. Alone: `first`. */
  | { readonly kind: 'flaky'; readonly first: Hostile; readonly after: Hostile };

export type HostileEntry = readonly [key: string, value: Hostile];

export type HostileKind = Hostile['kind'];

/** Builds the value `encoded` stands for; a fresh one on every call (symbols, getters' read counts). */
export function decodeHostile(encoded: Hostile): unknown {
  switch (encoded.kind) {
    case 'undefined':
      return undefined;
    case 'null':
      return null;
    case 'boolean':
    case 'number':
    case 'string':
      return encoded.value;
    case 'nan':
      return Number.NaN;
    case 'infinity':
      return encoded.negative ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
    case 'negative-zero':
      return -0;
    case 'bigint':
      return BigInt(encoded.digits);
    case 'symbol':
      return Symbol(encoded.description);
    case 'function':
      return function hostileFunction() {
        return undefined;
      };
    case 'array': {
      const array: unknown[] = [];
      for (const [i, item] of encoded.items.entries()) defineHostileProperty(array, String(i), item);
      return array;
    }
    case 'object': {
      const object: object = encoded.nullPrototype ? Object.create(null) : {};
      for (const [key, value] of encoded.entries) defineHostileProperty(object, key, value);
      return object;
    }
    case 'map':
      return new Map(encoded.entries.map(([key, value]) => [key, decodeHostile(value)]));
    case 'boxed-string':
      return Object(encoded.value);
    case 'uncoercible': {
      const refuse = () => {
        throw new TypeError('this value refuses to become a primitive');
      };
      return { toString: refuse, valueOf: refuse, [Symbol.toPrimitive]: refuse };
    }
    case 'revoked-proxy': {
      const { proxy, revoke } = Proxy.revocable({}, {});
      revoke();
      return proxy;
    }
    case 'throws':
      return throwingProxy(decodeHostile(encoded.thrown));
    case 'flaky':
      return decodeHostile(encoded.first);
  }
}

/**
 * Sets `target[key]` to the value `value` stands for, as an own enumerable property
 * (so "__proto__" is a key like any other); `throws` and `flaky` become getters.
 */
export function defineHostileProperty(target: object, key: string, value: Hostile): void {
  if (value.kind === 'throws') {
    const thrown = decodeHostile(value.thrown);
    Object.defineProperty(target, key, {
      get() {
        throw thrown;
      },
      enumerable: true,
      configurable: true,
    });
    return;
  }
  if (value.kind === 'flaky') {
    const first = decodeHostile(value.first);
    const after = decodeHostile(value.after);
    let reads = 0;
    Object.defineProperty(target, key, {
      get: () => (reads++ === 0 ? first : after),
      enumerable: true,
      configurable: true,
    });
    return;
  }
  Object.defineProperty(target, key, {
    value: decodeHostile(value),
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

/** A proxy whose handler answers every trap with one that throws `thrown`. */
function throwingProxy(thrown: unknown): object {
  const trap = () => {
    throw thrown;
  };
  return new Proxy({}, new Proxy({}, { get: () => trap }));
}

const DESCRIPTION_LIMIT = 100;

/** A short JavaScript-like rendering, for step descriptions and replays. */
export function describeHostile(encoded: Hostile): string {
  const text = render(encoded);
  return text.length > DESCRIPTION_LIMIT ? `${text.slice(0, DESCRIPTION_LIMIT - 1)}…` : text;
}

function render(encoded: Hostile): string {
  switch (encoded.kind) {
    case 'undefined':
    case 'null':
      return encoded.kind;
    case 'boolean':
    case 'number':
      return String(encoded.value);
    case 'nan':
      return 'NaN';
    case 'infinity':
      return encoded.negative ? '-Infinity' : 'Infinity';
    case 'negative-zero':
      return '-0';
    case 'bigint':
      return `${encoded.digits}n`;
    case 'string':
      return JSON.stringify(encoded.value);
    case 'symbol':
      return `Symbol(${JSON.stringify(encoded.description)})`;
    case 'function':
      return 'function';
    case 'array':
      return `[${encoded.items.map(renderProperty).join(', ')}]`;
    case 'object':
      return `${encoded.nullPrototype ? 'null-prototype ' : ''}{${renderEntries(encoded.entries, ': ', renderProperty)}}`;
    case 'map':
      return `Map {${renderEntries(encoded.entries, ' => ', render)}}`;
    case 'boxed-string':
      return `new String(${JSON.stringify(encoded.value)})`;
    case 'uncoercible':
      return 'an object refusing coercion';
    case 'revoked-proxy':
      return 'a revoked proxy';
    case 'throws':
      return `a proxy throwing ${render(encoded.thrown)}`;
    case 'flaky':
      return render(encoded.first);
  }
}

function renderProperty(value: Hostile): string {
  if (value.kind === 'throws') return `<getter throwing ${render(value.thrown)}>`;
  if (value.kind === 'flaky') return `<getter: ${render(value.first)}, then ${render(value.after)}>`;
  return render(value);
}

function renderEntries(
  entries: readonly HostileEntry[],
  separator: string,
  renderValue: (value: Hostile) => string,
): string {
  return entries.map(([key, value]) => `${JSON.stringify(key)}${separator}${renderValue(value)}`).join(', ');
}
