const LIMIT = 200;

/**
 * What was thrown, in words, for an error message. Never throws itself: a hostile
 * peer can make a getter throw a value whose conversion to a string throws too.
 */
export function describeThrown(thrown: unknown): string {
  try {
    const text = thrown instanceof Error ? `${thrown.name}: ${thrown.message}` : String(thrown);
    return text.length > LIMIT ? `${text.slice(0, LIMIT)}…` : text;
  } catch {
    return `a value of type ${typeof thrown} that cannot be shown`;
  }
}
