#!/usr/bin/env node
// `session-sync-harness <command> [flags]`: a store's own repository runs the store
// commands from an installed copy. Heap verdicts need node flags a shebang cannot give
// portably, so this starts the command line in a second node process with them, with
// TypeScript loaded through this package's own tsx. Plain JavaScript: it runs before tsx.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { constants } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The commands a store author runs; the others need the repository (its tests, docs, browser). */
const COMMANDS = ['props', 'soak', 'replay'];
/** The same as src/child/nodeFlags.ts (a test compares them): without them heap verdicts are refused. */
const HEAP_VERDICT_NODE_FLAGS = ['--expose-gc', '--no-concurrent-recompilation'];

const [command, ...args] = process.argv.slice(2);
if (command === undefined || command === '--help' || command === '-h') {
  process.stdout.write(
    `usage: session-sync-harness <command> [flags]\ncommands: ${COMMANDS.join(', ')} (session-sync-harness <command> --help)\n`,
  );
  process.exit(command === undefined ? 2 : 0);
}
if (!COMMANDS.includes(command)) {
  process.stderr.write(`unknown command "${command}"; expected one of ${COMMANDS.join(', ')}\n`);
  process.exit(2);
}

const main = fileURLToPath(new URL('../src/cli/main.ts', import.meta.url));
const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
const child = spawn(
  process.execPath,
  [...process.execArgv, ...HEAP_VERDICT_NODE_FLAGS, '--import', tsx, main, command, ...args],
  { stdio: 'inherit', env: { ...process.env, SESSION_SYNC_HARNESS_BIN: 'session-sync-harness' } },
);
// A Ctrl-C reaches both processes; a signal sent to this one alone is passed on. The
// command ignores a second one, and stops by itself if this process is killed outright.
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('error', (error) => {
  process.stderr.write(`session-sync-harness: could not start node: ${error.message}\n`);
  process.exit(2);
});
child.on('exit', (code, signal) => process.exit(code ?? 128 + (constants.signals[signal] ?? 0)));
