import { UsageError } from '../../errors.js';
import { FAULT_PROFILE_NAMES, type FaultProfileName } from '../../faults.js';
import { type IntegerRange, parseDuration, parseInteger, parseRuns, parseSeed } from '../../harness/index.js';
import { referenceProfile } from '../../jobs/targets.js';
import { BUILTIN_STORE_NAMES } from '../../stores/registry.js';
import type { OptionSpec } from './CommandSpec.js';

/** One of `names`, or a usage error listing them. */
export function oneOf<T extends string>(names: readonly T[], what: string) {
  return (raw: string, flag: string): T => {
    if ((names as readonly string[]).includes(raw)) return raw as T;
    throw new UsageError(`${flag}: unknown ${what} "${raw}"; expected one of ${names.join(', ')}`);
  };
}

const REFERENCE_PROFILE = referenceProfile();

export interface ProfileSettings {
  /** Also `all`: every profile in turn. */
  readonly all?: boolean;
  /** Only a fault: the reference profile is refused (the nightly's self-test must run a fault). */
  readonly faultsOnly?: boolean;
  /** The flag, when a command keeps an older name for it (the nightly's `--force-profile`). */
  readonly flags?: string;
  /** How the default reads in help, when it is not the reference profile (replay: the file's own). */
  readonly defaultText?: string;
}

/**
 * `--profile`, the fault profile of the router a command runs against, declared here once
 * for every command: its choices, its check and its default all come from the router
 * system and the fault table. With `--store` (a command that takes both), `targetOf` is
 * the one place that decides which was meant.
 */
export function profileOption(
  what: string,
  settings: ProfileSettings & { readonly all: true },
): OptionSpec<ProfileChoice>;
export function profileOption(what: string, settings?: ProfileSettings): OptionSpec<FaultProfileName>;
export function profileOption(
  what: string,
  settings: ProfileSettings = {},
): OptionSpec<ProfileChoice> | OptionSpec<FaultProfileName> {
  const names = settings.faultsOnly ? FAULT_PROFILE_NAMES.filter((p) => p !== REFERENCE_PROFILE) : FAULT_PROFILE_NAMES;
  const choices: readonly ProfileChoice[] = settings.all ? [...names, 'all'] : names;
  return {
    flags: settings.flags ?? '--profile <name>',
    description: `${what}: ${choices.join(', ')}`,
    parse: (raw, flag) => {
      if (settings.faultsOnly && raw === REFERENCE_PROFILE) {
        throw new UsageError(
          `${flag} takes a fault profile, not ${REFERENCE_PROFILE}; expected one of ${choices.join(', ')}`,
        );
      }
      return oneOf(choices, 'fault profile')(raw, flag);
    },
    ...(settings.defaultText !== undefined
      ? { defaultText: settings.defaultText }
      : settings.faultsOnly
        ? {}
        : { defaultText: `${REFERENCE_PROFILE}, the router every property must hold for` }),
  };
}

export type ProfileChoice = FaultProfileName | 'all';

/** The profile option with the reference profile as its value when the flag is absent (commands with no `--store`). */
export function withReferenceDefault<T extends ProfileChoice>(
  spec: OptionSpec<T>,
): OptionSpec<T> & { readonly defaultValue: T } {
  return { ...spec, defaultValue: REFERENCE_PROFILE as T };
}

/** `--store`, an express-session store a command runs against instead of the router; declared here once. */
export function storeOption(what: string): OptionSpec<string> {
  return {
    flags: '--store <name>',
    description: `${what}: ${BUILTIN_STORE_NAMES.join(', ')}, or the path of your own store module`,
    parse: (raw) => raw,
  };
}

export function seedOption(description: string): OptionSpec<number> {
  return {
    flags: '--seed <s>',
    description: `${description}; a whole number from -2147483648 to 2147483647`,
    parse: (raw, flag) => parseSeed(flag, raw),
    defaultText: 'drawn at random and printed',
  };
}

export function runsOption(description: string, defaultText: string): OptionSpec<number> {
  return {
    flags: '--runs <n>',
    description,
    parse: (raw, flag) => parseRuns(flag, raw),
    defaultText,
  };
}

export function integerOption(flags: string, description: string, range: IntegerRange): OptionSpec<number> {
  return { flags, description, parse: (raw, flag) => parseInteger(flag, raw, range) };
}

export function durationOption(flags: string, description: string): OptionSpec<number> {
  return { flags, description, parse: (raw, flag) => parseDuration(flag, raw) };
}

export function switchOption(flags: string, description: string): OptionSpec<boolean> {
  return { flags, description };
}

export function textOption(flags: string, description: string): OptionSpec<string> {
  return { flags, description, parse: (raw) => raw };
}
