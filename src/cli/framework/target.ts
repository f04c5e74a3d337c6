import { UsageError } from '../../errors.js';
import type { AnyModelSystem } from '../../harness/index.js';
import { routerSystem, storeSystem } from '../../harness/index.js';

/** The values of the two target flags, as `profileOption` and `storeOption` declare them. */
export interface TargetFlags {
  readonly profile?: string | undefined;
  readonly store?: string | undefined;
}

export interface ChosenTarget {
  readonly system: AnyModelSystem;
  /** The target named by a flag, else the system's reference target. */
  readonly target: string | undefined;
  /** Whether a flag named it (replay keeps the file's own target otherwise). */
  readonly named: boolean;
}

function flagOf(system: AnyModelSystem): string {
  return system === storeSystem ? '--store' : '--profile';
}

/**
 * The one check of `--profile` and `--store`: never both, each with the system it belongs
 * to, and a target that system knows; with neither, the system's reference target.
 * `system` is given when something else decided it (replay: the counterexample file).
 */
export function targetOf(flags: TargetFlags, system?: AnyModelSystem): ChosenTarget {
  if (flags.profile !== undefined && flags.store !== undefined) {
    throw new UsageError('give --profile (the router) or --store (a store), not both');
  }
  const chosen = system ?? (flags.store !== undefined ? storeSystem : routerSystem);
  const named = chosen === storeSystem ? flags.store : flags.profile;
  const misplaced = chosen === storeSystem ? flags.profile : flags.store;
  if (misplaced !== undefined) {
    throw new UsageError(
      `a ${chosen.name} ${system ? 'counterexample ' : ''}takes ${flagOf(chosen)}, not ${flagOf(chosen === storeSystem ? routerSystem : storeSystem)}`,
    );
  }
  if (named !== undefined && !(chosen.isTarget?.(named) ?? chosen.targets.includes(named))) {
    const paths = chosen === storeSystem ? ', or the path of your own store module' : '';
    throw new UsageError(
      `${flagOf(chosen)}: unknown ${chosen.targetKind} "${named}"; expected one of ${chosen.targets.join(', ')}${paths}`,
    );
  }
  return { system: chosen, target: named ?? chosen.referenceTarget, named: named !== undefined };
}
