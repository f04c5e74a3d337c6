import { provision, SYSTEM_PACKAGES, type SystemPackageName } from '../../provision/systemPackages.js';
import { defineCommand, type OptionSpecs } from '../framework/CommandSpec.js';
import { oneOf } from '../framework/options.js';

/** What each npm entry point needs of the system. */
const NEEDS: Readonly<Record<'test' | 'start' | 'report', readonly SystemPackageName[]>> = {
  test: ['chromium', 'redis-server', 'postgresql'],
  start: ['redis-server', 'postgresql'],
  report: ['chromium'],
};

const provisionOptions = {
  for: {
    flags: '--for <entry>',
    description: `what to provision for: test (${NEEDS.test.join(', ')}), start (${NEEDS.start.join(', ')}) or report --check (${NEEDS.report.join(', ')})`,
    parse: oneOf(['test', 'start', 'report'] as const, 'entry point'),
    defaultValue: 'test' as 'test' | 'start' | 'report',
  },
} satisfies OptionSpecs;

export const provisionCommand = defineCommand({
  name: 'provision',
  invocation: 'npm run provision --',
  summary:
    'installs the Debian packages the tests (chromium, redis-server, postgresql), the nightly (redis-server, postgresql) or the page check (chromium) need',
  description:
    'Checks for the system packages npm test or npm start needs and installs the missing ones with apt-get ' +
    'where it can (as root, or with sudo without a password); otherwise stops with the one command to run. ' +
    'npm test and npm start run it first.',
  options: provisionOptions,
  exitCodes: {
    0: 'every package needed is there (or skipped on purpose)',
    2: 'a package is missing and cannot be installed here: the message names the command',
  },
  environment: {
    SKIP_SYSTEM_PACKAGES:
      'comma-separated packages not to install (chromium, redis-server, postgresql); the tests that need them are then skipped and say so',
    CHROMIUM_PATH: 'a Chromium elsewhere than /usr/bin/chromium',
  },
  async run({ options, out, log }) {
    const outcome = provision(NEEDS[options.for], (line) => log(`provision: ${line}`));
    const parts = [
      outcome.present.length > 0 ? `present: ${outcome.present.join(', ')}` : '',
      outcome.installed.length > 0 ? `installed: ${outcome.installed.join(', ')}` : '',
      outcome.skipped.length > 0
        ? `skipped on purpose (SKIP_SYSTEM_PACKAGES): ${outcome.skipped.map((name) => `${name}, so ${SYSTEM_PACKAGES[name].neededBy} will not run`).join('; ')}`
        : '',
    ].filter((part) => part !== '');
    out(
      `provision for ${options.for === 'report' ? 'npm run report -- --check' : `npm ${options.for}`}: ${parts.join('; ')}`,
    );
    return 0;
  },
});
