import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { type ProvisionHost, provision, SystemPackagesMissingError } from '../../../src/provision/systemPackages.js';
import { temporaryDir } from '../../support/tempDir.js';

/** A machine with an empty bin folder; apt-get, where allowed, puts executables there. */
function machine(options: { apt: 'root' | 'none' | 'broken'; skip?: string }) {
  const bin = temporaryDir('provision-bin-');
  const env: NodeJS.ProcessEnv = {
    PATH: bin,
    CHROMIUM_PATH: join(bin, 'chromium'),
    ...(options.skip !== undefined ? { SKIP_SYSTEM_PACKAGES: options.skip } : {}),
  };
  const commands: string[] = [];
  const put = (name: string) => {
    writeFileSync(join(bin, name), '#!/bin/sh\n');
    chmodSync(join(bin, name), 0o755);
  };
  const host: ProvisionHost = {
    env,
    aptPrefix: () => (options.apt === 'none' ? undefined : []),
    run(command, args) {
      commands.push([command, ...args].join(' '));
      if (options.apt === 'broken' && args[0] === 'install') throw new Error('E: Unable to locate package');
      if (args[0] === 'install') for (const name of args.slice(3)) put(name);
    },
  };
  return { host, commands, put };
}

describe('provisioning system packages', () => {
  test('installs only what is missing, with one apt-get call', () => {
    const { host, commands, put } = machine({ apt: 'root' });
    put('redis-server');
    const outcome = provision(['chromium', 'redis-server'], () => {}, host);
    expect(outcome).toEqual({ present: ['redis-server'], installed: ['chromium'], skipped: [] });
    expect(commands).toEqual(['apt-get install -y --no-install-recommends chromium']);
  });

  test('with everything present it runs nothing', () => {
    const { host, commands, put } = machine({ apt: 'root' });
    put('chromium');
    put('redis-server');
    expect(provision(['chromium', 'redis-server'], () => {}, host).installed).toEqual([]);
    expect(commands).toEqual([]);
  });

  test('without a way to run apt-get it stops with the one command to run', () => {
    const { host, commands } = machine({ apt: 'none' });
    const attempt = () => provision(['chromium', 'redis-server'], () => {}, host);
    expect(attempt).toThrow(SystemPackagesMissingError);
    expect(attempt).toThrow(
      /^missing chromium, redis-server: run `sudo apt-get install -y --no-install-recommends chromium redis-server`/,
    );
    expect(commands).toEqual([]);
  });

  test('a failing apt-get is tried once more after an update, then named', () => {
    const { host, commands } = machine({ apt: 'broken' });
    expect(() => provision(['redis-server'], () => {}, host)).toThrow(/run `sudo apt-get install .* redis-server`/);
    expect(commands).toEqual([
      'apt-get install -y --no-install-recommends redis-server',
      'apt-get update',
      'apt-get install -y --no-install-recommends redis-server',
    ]);
  });

  test('SKIP_SYSTEM_PACKAGES leaves a package alone and says so', () => {
    const { host, commands } = machine({ apt: 'none', skip: 'chromium, redis-server' });
    expect(provision(['chromium', 'redis-server'], () => {}, host)).toEqual({
      present: [],
      installed: [],
      skipped: ['chromium', 'redis-server'],
    });
    expect(commands).toEqual([]);
  });

  test("postgresql is there when initdb and postgres are: POSTGRES_BIN_DIR, PATH or Debian's versioned folder", () => {
    const pinned = temporaryDir('provision-pg-');
    const { host, commands } = machine({ apt: 'root' });
    const env = { ...host.env, POSTGRES_BIN_DIR: pinned };
    const installs = {
      ...host,
      env,
      run(command: string, args: readonly string[]) {
        commands.push([command, ...args].join(' '));
        // The Debian package brings the server's programs.
        for (const name of ['initdb', 'postgres']) {
          writeFileSync(join(pinned, name), '#!/bin/sh\n');
          chmodSync(join(pinned, name), 0o755);
        }
      },
    };
    expect(provision(['postgresql'], () => {}, installs).installed).toEqual(['postgresql']);
    expect(commands).toEqual(['apt-get install -y --no-install-recommends postgresql']);
    expect(provision(['postgresql'], () => {}, installs).present).toEqual(['postgresql']);
  });
});
