import type { AnyCommandSpec } from '../framework/CommandSpec.js';
import { benchCommand } from './bench.js';
import { catchesCommand } from './catches.js';
import { demoCommand } from './demo.js';
import { fuzzCommand } from './fuzz.js';
import { nightlyCommand } from './nightly.js';
import { propsCommand } from './props.js';
import { provisionCommand } from './provision.js';
import { replayCommand } from './replay.js';
import { reportCommand } from './report.js';
import { soakCommand } from './soak.js';

/** Every command, in the order the README lists them. */
export const COMMANDS: readonly AnyCommandSpec[] = [
  nightlyCommand,
  propsCommand,
  replayCommand,
  catchesCommand,
  soakCommand,
  benchCommand,
  reportCommand,
  fuzzCommand,
  demoCommand,
  provisionCommand,
];
