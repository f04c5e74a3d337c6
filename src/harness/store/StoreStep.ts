/**
 * One step of a generated store case, as plain data: a counterexample is a list of
 * these, written to a file and read back to replay the same run. Session ids are
 * picks (`sid: 2` is `sid-2`) so that shrinking lands on `sid-0`; every duration is in
 * whole seconds of virtual time so that the few real milliseconds a Redis round trip
 * takes never cross an expiry.
 */
export type StoreOp =
  /** A login: store a new version of the session, its cookie expiring `maxAgeSeconds` from now. */
  | { readonly op: 'set'; readonly sid: number; readonly maxAgeSeconds: number }
  | { readonly op: 'get'; readonly sid: number }
  /** Extend the session's expiry to `maxAgeSeconds` from now (express-session's rolling touch). */
  | { readonly op: 'touch'; readonly sid: number; readonly maxAgeSeconds: number }
  | { readonly op: 'destroy'; readonly sid: number }
  | { readonly op: 'all' }
  | { readonly op: 'length' }
  | { readonly op: 'clear' }
  /** Run the store's own expiry sweep once, as its timer would (pg-simple's prune, knex's cleanup, the file store's reap). */
  | { readonly op: 'sweep' };

export type StoreStep =
  | StoreOp
  /** Move the virtual clock by `ms`, a whole number of seconds; timers due in between run. */
  | { readonly op: 'advance'; readonly ms: number }
  /** Start every op in call order without awaiting any, then await them all. */
  | { readonly op: 'concurrent'; readonly ops: readonly StoreOp[] };

export const STORE_OP_NAMES = ['set', 'get', 'touch', 'destroy', 'all', 'length', 'clear', 'sweep'] as const;

export function sidName(pick: number): string {
  return `sid-${pick}`;
}

export function describeStoreOp(op: StoreOp): string {
  switch (op.op) {
    case 'set':
      return `set ${sidName(op.sid)} maxAge ${op.maxAgeSeconds}s`;
    case 'touch':
      return `touch ${sidName(op.sid)} maxAge ${op.maxAgeSeconds}s`;
    case 'get':
    case 'destroy':
      return `${op.op} ${sidName(op.sid)}`;
    case 'all':
    case 'length':
    case 'clear':
    case 'sweep':
      return op.op;
  }
}

export function describeStoreStep(step: StoreStep): string {
  switch (step.op) {
    case 'advance':
      return `advance ${step.ms / 1_000}s`;
    case 'concurrent':
      // One op called alone is that op: nothing runs beside it.
      return step.ops.length === 1 && step.ops[0] !== undefined
        ? describeStoreOp(step.ops[0])
        : `concurrently: ${step.ops.map(describeStoreOp).join(', ')}`;
    default:
      return describeStoreOp(step);
  }
}
