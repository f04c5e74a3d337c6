import { execFileSync, spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { HarnessError } from '../errors.js';
import { findPostgresBinDir } from '../stores/postgresServer.js';

/** A Debian package some tests or jobs need, and how to tell it is there. */
export interface SystemPackage {
  readonly name: string;
  /** What needs it, in words. */
  readonly neededBy: string;
  isPresent(env: NodeJS.ProcessEnv): boolean;
}

function onPath(binary: string, env: NodeJS.ProcessEnv): boolean {
  return (env.PATH ?? '').split(delimiter).some((dir) => dir !== '' && isExecutable(join(dir, binary)));
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Where the browser tests and `report --check` look for Chromium. */
export function chromiumPath(env: NodeJS.ProcessEnv = process.env): string {
  return env.CHROMIUM_PATH && env.CHROMIUM_PATH !== '' ? env.CHROMIUM_PATH : '/usr/bin/chromium';
}

export const SYSTEM_PACKAGES: Readonly<Record<'chromium' | 'redis-server' | 'postgresql', SystemPackage>> = {
  chromium: {
    name: 'chromium',
    neededBy: 'the report page tests in a real browser (tests/site) and npm run report -- --check',
    isPresent: (env) => isExecutable(chromiumPath(env)),
  },
  'redis-server': {
    name: 'redis-server',
    neededBy: 'connect-redis against a real Redis (the store properties, the store soak, the nightly)',
    isPresent: (env) => onPath('redis-server', env),
  },
  postgresql: {
    name: 'postgresql',
    neededBy:
      'connect-pg-simple and connect-session-knex on a private PostgreSQL cluster (the store properties, the store soak, the nightly)',
    // Debian keeps initdb and postgres under /usr/lib/postgresql/<version>/bin, off PATH.
    isPresent: (env) => findPostgresBinDir(env) !== undefined,
  },
};

export type SystemPackageName = keyof typeof SYSTEM_PACKAGES;

/** `SKIP_SYSTEM_PACKAGES=chromium,redis-server` skips the tests that need them, on purpose and said so. */
export function skippedPackages(env: NodeJS.ProcessEnv = process.env): Set<string> {
  return new Set((env.SKIP_SYSTEM_PACKAGES ?? '').split(/[\s,]+/).filter((name) => name !== ''));
}

export class SystemPackagesMissingError extends HarnessError {
  constructor(
    readonly missing: readonly string[],
    command: string,
  ) {
    super(
      'input',
      `missing ${missing.join(', ')}: run \`${command}\` (or set SKIP_SYSTEM_PACKAGES=${missing.join(',')} to skip what needs them)`,
    );
    this.name = 'SystemPackagesMissingError';
  }
}

export interface ProvisionOutcome {
  readonly present: readonly SystemPackageName[];
  readonly installed: readonly SystemPackageName[];
  readonly skipped: readonly SystemPackageName[];
}

/** What provisioning does to the machine, apart so that a test can stand in for apt-get. */
export interface ProvisionHost {
  readonly env: NodeJS.ProcessEnv;
  /** The prefix that runs apt-get without a password (none as root, `sudo -n` otherwise), or undefined. */
  aptPrefix(): readonly string[] | undefined;
  /** Runs a command to its end; throws if it fails. */
  run(command: string, args: readonly string[]): void;
}

export const THIS_MACHINE: ProvisionHost = {
  env: process.env,
  aptPrefix() {
    if (process.getuid?.() === 0) return [];
    const sudo = spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore' });
    return sudo.status === 0 ? ['sudo', '-n'] : undefined;
  },
  run(command, args) {
    execFileSync(command, args, {
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
  },
};

/**
 * Installs what is missing of `names` with apt-get where it can (root, or sudo without a
 * password); otherwise fails with the one command a person must run. Packages named in
 * SKIP_SYSTEM_PACKAGES are left alone.
 */
export function provision(
  names: readonly SystemPackageName[],
  log: (line: string) => void,
  host: ProvisionHost = THIS_MACHINE,
): ProvisionOutcome {
  const { env } = host;
  const skip = skippedPackages(env);
  const skipped = names.filter((name) => skip.has(name));
  const wanted = names.filter((name) => !skip.has(name));
  const missing = wanted.filter((name) => !SYSTEM_PACKAGES[name].isPresent(env));
  const present = wanted.filter((name) => !missing.includes(name));
  if (missing.length === 0) return { present, installed: [], skipped };
  const install = ['apt-get', 'install', '-y', '--no-install-recommends', ...missing];
  const byHand = new SystemPackagesMissingError(missing, `sudo ${install.join(' ')}`);
  const prefix = host.aptPrefix();
  if (prefix === undefined) throw byHand;
  log(
    `installing ${missing.join(', ')} with apt-get (${missing.map((name) => SYSTEM_PACKAGES[name].neededBy).join('; ')})`,
  );
  const run = (args: readonly string[]) => {
    const [command, ...rest] = [...prefix, ...args];
    host.run(command as string, rest);
  };
  try {
    run(install);
  } catch {
    // A fresh machine's package lists may be missing or stale.
    try {
      run(['apt-get', 'update']);
      run(install);
    } catch {
      throw byHand;
    }
  }
  const still = missing.filter((name) => !SYSTEM_PACKAGES[name].isPresent(env));
  if (still.length > 0) throw new SystemPackagesMissingError(still, `sudo ${install.join(' ')}`);
  return { present, installed: missing, skipped };
}
