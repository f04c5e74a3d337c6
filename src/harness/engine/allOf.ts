import type { CaseJudge, Invariant } from './Invariant.js';

/**
 * Several invariants judging one case together, each with its own watch: what the first
 * to break says, named. For measuring what checking everything costs; a property checks
 * one invariant, so its counterexample names the promise it broke.
 */
export function allOf<Scenario>(name: string, invariants: readonly Invariant<Scenario>[]): Invariant<Scenario> {
  return {
    name,
    promise: `every one of ${invariants.map((invariant) => invariant.name).join(', ')}`,
    watchesLifecycle: invariants.some((invariant) => invariant.watchesLifecycle),
    checks: {
      afterStep: invariants.some((invariant) => invariant.checks.afterStep),
      atQuiescence: invariants.some((invariant) => invariant.checks.atQuiescence),
      onHeap: false,
    },
    begin(scenario) {
      const judges: [string, CaseJudge][] = invariants.map((invariant) => [invariant.name, invariant.begin(scenario)]);
      // Asked after every step: only the judges that check there.
      const stepJudges = judges.filter((_, i) => invariants[i]?.checks.afterStep === true);
      return {
        afterStep() {
          for (const [judged, judge] of stepJudges) {
            const message = judge.afterStep?.();
            if (message !== undefined) return `${judged}: ${message}`;
          }
          return undefined;
        },
        async atQuiescence(reached) {
          for (const [judged, judge] of judges) {
            const message = await judge.atQuiescence?.(reached);
            if (message !== undefined) return `${judged}: ${message}`;
          }
          return undefined;
        },
      };
    },
  };
}
