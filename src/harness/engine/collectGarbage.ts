declare const gc: ((options?: { type?: 'major' | 'minor'; execution?: 'sync' }) => void) | undefined;

export function canCollectGarbage(): boolean {
  return typeof gc === 'function';
}

/**
 * Lets the current job end (a WeakRef's target is kept alive until then), then collects:
 * a full collection, or only the young generation, which is far cheaper and frees what a
 * short case allocated unless a scavenge during the case promoted it.
 */
export async function collectGarbage(kind: 'full' | 'young' = 'full'): Promise<boolean> {
  if (typeof gc !== 'function') return false;
  await new Promise((resolve) => setImmediate(resolve));
  gc(kind === 'young' ? { type: 'minor', execution: 'sync' } : undefined);
  return true;
}
