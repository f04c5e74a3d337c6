/**
 * Which values on the wire the adversary put there, and how each reads in a report. Real
 * messages are objects, so any other value is adversarial already.
 */
export class AdversaryTags {
  private readonly tagged = new WeakMap<object, string>();
  /** Descriptions of primitives on the wire, in order: the channel delivers them in the order sent. */
  private readonly primitivesInFlight: string[] = [];

  /** Marks `value` as adversarial. */
  tag(value: unknown, description: string): void {
    if (isObject(value)) this.tagged.set(value, description);
    else this.primitivesInFlight.push(description);
  }

  isAdversarial(value: unknown): boolean {
    return !isObject(value) || this.tagged.has(value);
  }

  /** How the adversarial `value` being delivered reads: a primitive takes the oldest description in flight. */
  nameDelivered(value: unknown): string {
    return isObject(value)
      ? (this.tagged.get(value) ?? 'an adversarial message')
      : (this.primitivesInFlight.shift() ?? describePrimitive(value));
  }

  /** A close drops what is in flight. */
  connectionClosed(): void {
    this.primitivesInFlight.length = 0;
  }
}

function isObject(value: unknown): value is object {
  return (typeof value === 'object' && value !== null) || typeof value === 'function';
}

/** A primitive, as a replay line shows it; never throws (a symbol cannot go through a template). */
function describePrimitive(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === 'bigint') return `${value}n`;
  if (Object.is(value, -0)) return '-0';
  return String(value);
}
