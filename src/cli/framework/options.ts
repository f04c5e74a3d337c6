import { UsageError } from '../../errors.js';
import { FAULT_PROFILE_NAMES, type FaultProfileName, isFaultProfileName } from '../../faults.js';
import { parseRuns, parseSeed } from '../../harness/engine/budget.js';
import { type IntegerRange, parseInteger } from '../../harness/engine/integers.js';
import { parseDuration } from '../../harness/parseDuration.js';
import type { OptionSpec } from './CommandSpec.js';

/** One of `names`, or a usage error listing them. */
export function oneOf<T extends string>(names: readonly T[], what: string) {
  return (raw: string, flag: string): T => {
    if ((names as readonly string[]).includes(raw)) return raw as T;
    throw new UsageError(`${flag}: unknown ${what} "${raw}"; expected one of ${names.join(', ')}`);
  };
}

export function profileOption(description = 'fault profile'): OptionSpec<FaultProfileName> {
  return {
    flags: '--profile <name>',
    description: `${description}: ${FAULT_PROFILE_NAMES.join(', ')}`,
    parse: (raw, flag) => {
      if (isFaultProfileName(raw)) return raw;
      throw new UsageError(
        `${flag}: unknown fault profile "${raw}"; expected one of ${FAULT_PROFILE_NAMES.join(', ')}`,
      );
    },
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
