import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * The order of the property files in a mutation run. Stryker stops a mutant's run at the
 * first failing test, so the properties that kill the most, soonest, lead: `progress` and
 * `convergence` judge the end state of every case, `safety`, `robustness` and `ledger`
 * every step.
 * `freed` (a collection per batch of cases) and the coverage targets come after them, then
 * the tests that break invariants by hand and the self-check, whose fault profiles are
 * the dearest and kill only the mutants of the fault flags' code.
 */
export const PROPERTY_FILE_ORDER = [
  'progress',
  'convergence',
  'safety',
  'robustness',
  'ledger',
  'final',
  'inert',
  'justified',
  'cost',
  'bounded',
  'regressions/',
  'freed',
  'coverage',
  'invariantsCanFail',
  'selfCheck',
] as const;

/** Where a property file goes in the run; files not named go after the named ones. */
export function propertyFileRank(moduleId: string): number {
  const path = moduleId.replaceAll('\\', '/');
  const index = PROPERTY_FILE_ORDER.findIndex((name) =>
    name.endsWith('/') ? path.includes(`/properties/${name}`) : path.endsWith(`/properties/${name}.test.ts`),
  );
  return index === -1 ? PROPERTY_FILE_ORDER.length : index;
}

export class PropertyFileSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    return [...files].sort(
      (a, b) => propertyFileRank(a.moduleId) - propertyFileRank(b.moduleId) || a.moduleId.localeCompare(b.moduleId),
    );
  }
}
