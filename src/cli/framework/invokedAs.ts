import type { AnyCommandSpec } from './CommandSpec.js';

/** Set by the package's bin (bin/session-sync-harness.mjs) for the command line it starts. */
const BIN = process.env.SESSION_SYNC_HARNESS_BIN || undefined;

/** How the user runs `spec`: `npm run props --` in the repository, `session-sync-harness props` from an installed copy. */
export function invocationOf(spec: AnyCommandSpec): string {
  return BIN === undefined ? spec.invocation : `${BIN} ${spec.name}`;
}

/** A printed line whose `npm run <command> --` reads as the user can run it, where the bin started the command. */
export function asInvoked(line: string): string {
  return BIN === undefined ? line : line.replace(/\bnpm run ([\w:-]+) --( |$)/gm, `${BIN} $1$2`);
}
