import type { RouterScenario } from '../../RouterScenario.js';

/**
 * The case's record, shared by `safety` and `robustness`, of deletions of sessions the
 * controller still has: "token (id) deleted at t=… while the controller still had it", in
 * the order they happened.
 */
export function watchLiveDeletions(scenario: RouterScenario): readonly string[] {
  return scenario.sharedObserver(recordLiveDeletions);
}

function recordLiveDeletions(scenario: RouterScenario): readonly string[] {
  const deleted: string[] = [];
  const { router, controller } = scenario.system;
  router.state.onEvent((event) => {
    if (event.kind !== 'removed' || controller.getSession(event.session.token) === undefined) return;
    deleted.push(
      `${event.session.token} (${event.session.id}) deleted at t=${scenario.runtime.now()} ms while the controller still had it`,
    );
  });
  return deleted;
}
