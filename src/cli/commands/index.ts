import type { AnyCommandSpec } from '../framework/CommandSpec.js';

/**
 * Every command, in the order docs/commands.md lists them, each loaded only when asked for:
 * a command's start then pays for its own imports alone (memlab, Chromium, Redis clients
 * are not cheap), not for every other command's.
 */
const LOADERS = {
  nightly: async () => (await import('./nightly.js')).nightlyCommand,
  props: async () => (await import('./props.js')).propsCommand,
  replay: async () => (await import('./replay.js')).replayCommand,
  catches: async () => (await import('./catches.js')).catchesCommand,
  soak: async () => (await import('./soak.js')).soakCommand,
  bench: async () => (await import('./bench.js')).benchCommand,
  report: async () => (await import('./report.js')).reportCommand,
  mutate: async () => (await import('./mutate.js')).mutateCommand,
  fuzz: async () => (await import('./fuzz.js')).fuzzCommand,
  demo: async () => (await import('./demo.js')).demoCommand,
  provision: async () => (await import('./provision.js')).provisionCommand,
} satisfies Record<string, () => Promise<AnyCommandSpec>>;

export type CommandName = keyof typeof LOADERS;
export const COMMAND_NAMES = Object.keys(LOADERS) as CommandName[];

function isCommandName(name: string): name is CommandName {
  return Object.hasOwn(LOADERS, name);
}

/** The command called `name`, or undefined when there is none. */
export async function loadCommand(name: string): Promise<AnyCommandSpec | undefined> {
  return isCommandName(name) ? LOADERS[name]() : undefined;
}

/** Every command, for docs/commands.md and the tests that read every declaration. */
export async function loadAllCommands(): Promise<AnyCommandSpec[]> {
  return Promise.all(COMMAND_NAMES.map((name) => LOADERS[name]()));
}
