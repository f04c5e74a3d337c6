import { describe, expect, test } from 'vitest';
import { profileOption, storeOption, withReferenceDefault } from '../../src/cli/framework/options.js';
import { targetOf } from '../../src/cli/framework/target.js';
import { UsageError } from '../../src/errors.js';
import { FAULT_PROFILE_NAMES } from '../../src/faults.js';
import { routerSystem, storeSystem } from '../../src/harness/index.js';

describe('the target flags, declared once and checked once', () => {
  test('with neither flag the target is the router system reference, not a default written in a command', () => {
    expect(targetOf({})).toEqual({ system: routerSystem, target: routerSystem.referenceTarget, named: false });
    expect(withReferenceDefault(profileOption('p')).defaultValue).toBe(routerSystem.referenceTarget);
    expect(profileOption('p').defaultText).toBe(
      `${routerSystem.referenceTarget}, the router every property must hold for`,
    );
  });

  test('a profile goes to the router and a store to the stores; never both', () => {
    expect(targetOf({ profile: 'no-release' })).toMatchObject({
      system: routerSystem,
      target: 'no-release',
      named: true,
    });
    expect(targetOf({ store: 'memorystore' })).toMatchObject({ system: storeSystem, target: 'memorystore' });
    expect(targetOf({ store: './my/store.ts' })).toMatchObject({ system: storeSystem, target: './my/store.ts' });
    expect(() => targetOf({ profile: 'fixed', store: 'memorystore' })).toThrow(
      new UsageError('give --profile (the router) or --store (a store), not both'),
    );
  });

  test('a file that decided the system takes only its own flag, and an unknown target names the valid ones', () => {
    expect(() => targetOf({ store: 'memorystore' }, routerSystem)).toThrow(
      'a router counterexample takes --profile, not --store',
    );
    expect(() => targetOf({ profile: 'fixed' }, storeSystem)).toThrow(
      'a store counterexample takes --store, not --profile',
    );
    expect(() => targetOf({ store: 'no-such-store' })).toThrow(
      /^--store: unknown store "no-such-store"; expected one of express-memory, .*, or the path of your own store module$/,
    );
  });

  test('--profile is parsed against the fault table: `all` only where a command takes it, the reference refused for a self-test', () => {
    const parse = (spec: { parse?: (raw: string, flag: string) => unknown }, raw: string) =>
      spec.parse?.(raw, '--profile');
    expect(parse(profileOption('p'), 'no-release')).toBe('no-release');
    expect(() => parse(profileOption('p'), 'all')).toThrow(
      `--profile: unknown fault profile "all"; expected one of ${FAULT_PROFILE_NAMES.join(', ')}`,
    );
    expect(parse(profileOption('p', { all: true }), 'all')).toBe('all');
    const selfTest = profileOption('p', { faultsOnly: true, flags: '--force-profile <name>' });
    expect(selfTest.flags).toBe('--force-profile <name>');
    expect(() => parse(selfTest, 'fixed')).toThrow(/takes a fault profile, not fixed; expected one of pre-2670, /);
    expect(storeOption('s').description).toMatch(/^s: express-memory, .*, or the path of your own store module$/);
  });
});
