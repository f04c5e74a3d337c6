import { runDemo } from '../../jobs/demo.js';
import { referenceProfile } from '../../jobs/targets.js';
import { defineCommand } from '../framework/CommandSpec.js';
import { integerOption, profileOption, withReferenceDefault } from '../framework/options.js';
import { textTable } from '../framework/textTable.js';

export const demoCommand = defineCommand({
  name: 'demo',
  invocation: 'npm run demo --',
  summary: 'a controller and router in real time: what each fault does, next to what a correct router shows',
  description:
    'Runs a controller and a router in real time through the situations the faults show in (a full sync, ' +
    'live adds after it, churn, a resync racing new sessions, a reconnect after the newest session ended ' +
    'while the channel was down) and prints what the router did next to what a correct one shows.',
  options: {
    profile: withReferenceDefault(profileOption('fault profile of the router')),
    sessions: {
      ...integerOption('--sessions <n>', 'sessions before the first sync', { min: 0, max: 1_000_000 }),
      defaultValue: 1_000,
    },
    adds: { ...integerOption('--adds <n>', 'live adds after it', { min: 0, max: 1_000_000 }), defaultValue: 1_000 },
  },
  exitCodes: {
    0: 'no fault showed',
    1: 'a fault showed (the lines marked FAULT)',
    2: 'bad flags',
  },
  async run({ options, signal, out }) {
    const report = await runDemo(
      { profile: options.profile, sessions: options.sessions, adds: options.adds },
      { signal },
    );
    out(`profile ${report.profile}: ${report.description}`);
    out(
      `full sync of ${options.sessions} sessions in ${report.syncMs.toFixed(0)} ms, then ${options.adds} live adds, churn, a resync and a reconnect`,
    );
    for (const line of textTable(
      ['', 'what', 'correct', 'observed'],
      report.observations.map((o) => [o.faulty ? 'FAULT' : 'ok', o.what, o.expected, o.observed]),
    )) {
      out(`  ${line}`);
    }
    if (report.faultShown) {
      out('=> the router kept or lost what a correct one would not: this is what the harness hunts');
      return 1;
    }
    out(
      report.profile === referenceProfile()
        ? '=> every finished sync was released and the router matches the controller'
        : `=> nothing showed in real time: this fault needs an interleaving real time did not produce here; npm run props -- --profile ${report.profile} finds it`,
    );
    return 0;
  },
});
