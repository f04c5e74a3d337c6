// memlab leak filter over the project's own classes. memlab's default filter looks for
// detached DOM and React fibers, which a Node heap has none of.
// By hand: memlab find-leaks --baseline <start> --target <final> --final <final> --leak-filter soak/analysis/leakFilter.cjs
// (each leak's report.md prints the command with its kept snapshots)

/** Router-side classes whose instances must not outlive the sync or connection that made them. */
const PROJECT_CLASSES = ['SyncTracker', 'SyncReceiveLoop', 'ReceiveQueue', 'SyncChunkGate', 'Router', 'StateManager'];

function leakFilter(node) {
  return node.type === 'object' && PROJECT_CLASSES.includes(node.name);
}

module.exports = { leakFilter, PROJECT_CLASSES };
