/**
 * Node flags of every process whose verdicts rest on what a collection frees. Without
 * `--no-concurrent-recompilation`, a background compile job holds the closure it
 * optimizes, and with it that closure's context, until the main thread installs the
 * code: a dead session captured by a store call's callback was seen to outlive three
 * collections that way, and not on a re-run.
 */
export const HEAP_VERDICT_NODE_FLAGS = ['--expose-gc', '--no-concurrent-recompilation'] as const;
