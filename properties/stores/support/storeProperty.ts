import type { StoreOp, StoreStep } from '../../../src/harness/index.js';

/**
 * Indexes of the ops that run exactly when a session stored earlier expires (by its last
 * `set`), on the naive timeline of the steps: where a store that keeps a session one
 * millisecond too long is caught.
 */
export function opsAtAnExpiryInstant(steps: readonly StoreStep[]): number[] {
  let now = 0;
  const expiresAt = new Map<number, number>();
  const hits: number[] = [];
  const touchesExpiry = (op: StoreOp) =>
    'sid' in op ? expiresAt.get(op.sid) === now : [...expiresAt.values()].includes(now);
  for (const [index, step] of steps.entries()) {
    if (step.op === 'advance') {
      now += step.ms;
      continue;
    }
    const ops = step.op === 'concurrent' ? step.ops : [step];
    if (ops.some((op) => op.op !== 'set' && op.op !== 'clear' && touchesExpiry(op))) hits.push(index);
    for (const op of ops) if (op.op === 'set') expiresAt.set(op.sid, now + op.maxAgeSeconds * 1_000);
  }
  return hits;
}
