import { HEAP_VERDICT_NODE_FLAGS } from './nodeFlags.js';

/** What a job running in a child process can do besides returning its result. */
export interface ChildJobContext<Progress> {
  /** Aborted when the parent is asked to stop (or gives up on the child). */
  readonly signal: AbortSignal;
  /** Sends one progress event to the parent at once. */
  progress(event: Progress): void;
}

/**
 * A job that runs in a child process, named by the module that exports it: the parent
 * passes the request and gets the result over IPC, so heap measurements start clean and
 * a timeout can kill it. The type parameters tie the request, result and progress types
 * of the parent's call to the function the child runs.
 */
export interface ChildJob<Request, Result, Progress> {
  /** `file:` URL of the module. */
  readonly module: string;
  readonly exportName: string;
  /** Node flags for the child besides loading TypeScript (the heap-level checks' by default). */
  readonly nodeFlags: readonly string[];
  /** Phantom: never set; carries the types. */
  readonly types?: { request: Request; result: Result; progress: Progress };
}

export type ChildJobFunction<Request, Result, Progress> = (
  request: Request,
  context: ChildJobContext<Progress>,
) => Promise<Result>;

export function childJob<Request, Result, Progress>(
  module: string,
  exportName: string,
  nodeFlags: readonly string[] = HEAP_VERDICT_NODE_FLAGS,
): ChildJob<Request, Result, Progress> {
  return { module, exportName, nodeFlags };
}

/** Parent → child, once. */
export interface ChildJobStart {
  readonly type: 'start';
  readonly module: string;
  readonly exportName: string;
  readonly request: unknown;
}

/** Parent → child, when the parent is asked to stop: the job's signal is aborted with it. */
export interface ChildJobCancel {
  readonly type: 'cancel';
  readonly signal: 'SIGINT' | 'SIGTERM';
}

/** Child → parent. */
export type ChildJobMessage =
  | { readonly type: 'progress'; readonly event: unknown }
  | { readonly type: 'result'; readonly result: unknown }
  | { readonly type: 'error'; readonly code: string; readonly exitCode: number; readonly message: string };
